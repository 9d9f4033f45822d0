package org.cinerec.io;

import java.util.Arrays;
import java.util.Locale;
import org.cinerec.CinerecException;

/** The input formats cinerec reads, with the ids used by {@code --format} and in provenance. */
public enum Format {
  /** MovieLens ml-latest-small / ml-latest / ml-25m / ml-32m: ratings.csv, movies.csv, links.csv, tags.csv. */
  MOVIELENS_CSV("movielens-csv"),
  /** Kaggle "The Movies Dataset": ratings_small.csv or ratings.csv, links_small.csv or links.csv, movies_metadata.csv. */
  KAGGLE_MOVIES("kaggle-movies"),
  /** MovieLens 100K: u.data (tab-separated), u.item (pipe-separated, ISO-8859-1), u.user. */
  MOVIELENS_100K("movielens-100k"),
  /** MovieLens 1M / 10M: ratings.dat, movies.dat, users.dat ("::"-separated). */
  MOVIELENS_DAT("movielens-dat"),
  /** A single ratings file with a userId,movieId,rating,timestamp header and no catalogue. */
  RATINGS_CSV("ratings-csv"),
  /** Any CSV/TSV with a column mapping. */
  CSV("csv"),
  /** The cinerec binary dataset file written by {@code cinerec prepare}. */
  DATASET("cinerec-dataset");

  private final String id;

  Format(String id) {
    this.id = id;
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
