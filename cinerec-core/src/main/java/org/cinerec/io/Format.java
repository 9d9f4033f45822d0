package org.cinerec.io;

import java.util.Arrays;
import java.util.Locale;
import org.cinerec.CinerecException;
import org.cinerec.data.RatingScale;

/** The input formats cinerec reads, with the ids used by {@code --format} and in provenance, and the scale each defines. */
public enum Format {
  /**
   * MovieLens ml-latest-small / ml-latest / ml-25m / ml-32m: ratings.csv, movies.csv, links.csv, tags.csv; and
   * users.csv when present (cinerec's generator writes one).
   */
  MOVIELENS_CSV("movielens-csv", RatingScale.HALF_STARS),
  /** Kaggle "The Movies Dataset": ratings_small.csv or ratings.csv, links_small.csv or links.csv, movies_metadata.csv. */
  KAGGLE_MOVIES("kaggle-movies", RatingScale.HALF_STARS),
  /** MovieLens 100K: u.data (tab-separated), u.item (pipe-separated, ISO-8859-1), u.user. */
  MOVIELENS_100K("movielens-100k", RatingScale.WHOLE_STARS),
  /** MovieLens 1M / 10M: ratings.dat, movies.dat, users.dat ("::"-separated). */
  MOVIELENS_DAT("movielens-dat", null),
  /**
   * The Netflix Prize: "MovieID:" lines, each followed by its CustomerID,Rating,Date lines (Kaggle's combined_data_N.txt,
   * the original training_set/mv_*.txt), with movie_titles.csv.
   */
  NETFLIX_PRIZE("netflix-prize", RatingScale.WHOLE_STARS),
  /** A single ratings file with a userId,movieId,rating,timestamp header and no catalogue (users.csv beside it, in a folder). */
  RATINGS_CSV("ratings-csv", null),
  /** JSON lines: one object a line (Amazon's and Goodreads' review files), keys found by name. */
  JSONL("jsonl", null),
  /** Any CSV/TSV with a column mapping. */
  CSV("csv", null),
  /** The cinerec binary dataset file written by {@code cinerec prepare}. */
  DATASET("cinerec-dataset", null);

  private final String id;
  private final RatingScale scale;

  Format(String id, RatingScale scale) {
    this.id = id;
    this.scale = scale;
  }

  /**
   * The scale the format defines (rows off it are dropped), or null when it defines none and the scale
   * is read off the data: the {@code ::} layout is whole stars in MovieLens 1M and half stars in 10M, and
   * a ratings CSV with a userId,movieId,rating header may hold any scale.
   */
  public RatingScale scale() {
    return scale;
  }

  /** The scale the format with this id defines, or null (also for an unknown id). */
  public static RatingScale scaleOf(String id) {
    for (Format f : values()) {
      if (f.id.equals(id)) {
        return f.scale;
      }
    }
    return null;
  }

  public String id() {
    return id;
  }

  /** The format with this id (case-insensitive), or a usage error listing the ids. */
  public static Format of(String id) {
    for (Format f : values()) {
      if (f.id.equalsIgnoreCase(id) || f.name().equalsIgnoreCase(id)) {
        return f;
      }
    }
    throw CinerecException.usage("unknown format \"" + id + "\"; use one of "
        + String.join(", ", Arrays.stream(values()).map(Format::id).toList()).toLowerCase(Locale.ROOT));
  }
}
