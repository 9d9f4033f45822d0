package org.cinerec.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cinerec.Progress;
import org.cinerec.data.Dataset;
import org.cinerec.data.RatingScale;
import org.cinerec.prep.DatasetAssembler;
import org.cinerec.prep.MovieTable;
import org.cinerec.prep.PrepReport;
import org.cinerec.prep.RatingColumns;

/**
 * MovieLens 100K: {@code u.data} (user, item, rating, timestamp; the format's scale is 1..5 in whole stars, tab-separated, no header),
 * {@code u.item} (pipe-separated, ISO-8859-1: id|title|release date|video release date|IMDb URL|19 genre
 * flags in the order of {@link #GENRES}) and {@code u.user} (the users' age, gender and occupation:
 * {@link UsersFiles#read100k}).
 */
final class MovieLens100k {
  /** The 19 genre flags of u.item, in file order (as listed in u.genre). */
  static final String[] GENRES = {"unknown", "Action", "Adventure", "Animation", "Children's", "Comedy", "Crime",
      "Documentary", "Drama", "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi",
      "Thriller", "War", "Western"};

  private MovieLens100k() {}

  /** What the first line must look like, for the error when it does not. */
  static final String EXPECTED = "tab-separated user id, item id, rating, timestamp (MovieLens 100K u.data)";

  /** u.data's layout on {@code scale} (the format's or the one given). */
  static RatingsLayout layout(RatingScale scale) {
    return new RatingsLayout((byte) '\t', false, 4, 0, 1, 2, 3, scale);
  }

  static Dataset load(Path path, LoadOptions o, PrepReport report, Progress p) {
    boolean folder = Files.isDirectory(path);
    Path data = folder ? path.resolve("u.data") : path;
    RatingScale scale = FormatParts.scale(Format.MOVIELENS_100K, o);
    RatingColumns raw = DelimitedRatings.read(data, layout(scale), EXPECTED, report, p);
    FormatParts.Catalogue c = FormatParts.catalogue(Format.MOVIELENS_100K, data, folder, report);
    return DatasetAssembler.assemble(raw, c.movies(), c.users(), o.requireMetadata(), Format.MOVIELENS_100K.id(),
        DataSources.sources(c.files(), p), data.getFileName().toString(), report, scale);
  }

  static MovieTable readItems(Path file, PrepReport report) {
    return CatalogLines.read(file, "pipe-separated movie records (MovieLens 100K u.item)", "|", 5 + GENRES.length,
        false, "movie id", report, (id, f) -> {
          List<String> genres = new ArrayList<>();
          for (int g = 1; g < GENRES.length; g++) {
            if (f[5 + g].strip().equals("1")) {
              genres.add(GENRES[g]);
            }
          }
          String title = Titles.clean(f[1]);
          int year = Titles.year(title);
          if (year == 0) {
            year = Titles.yearOfDate(lastPart(f[2].strip()));
          }
          return new MovieTable.Movie(id, title, year, genres.toArray(new String[0]), null, null);
        });
  }

  /** "01-Jan-1995" → "1995". */
  private static String lastPart(String date) {
    int dash = date.lastIndexOf('-');
    return dash >= 0 ? date.substring(dash + 1) : date;
  }
}
