package org.cinerec.io;

import java.nio.file.Files;
import java.nio.file.Path;
import org.cinerec.Progress;
import org.cinerec.data.Dataset;
import org.cinerec.prep.DatasetAssembler;
import org.cinerec.prep.MovieTable;
import org.cinerec.prep.PrepReport;
import org.cinerec.prep.RatingColumns;

/**
 * MovieLens 1M and 10M: {@code ratings.dat} (UserID::MovieID::Rating::Timestamp), {@code movies.dat}
 * (MovieID::Title::Genres, "|"-separated genres; 1M titles are ISO-8859-1, 10M UTF-8: a file that is
 * not valid UTF-8 is read as ISO-8859-1) and {@code users.dat} (1M only: gender, age bucket and occupation,
 * {@link UsersFiles#readDat}). The layout
 * defines no scale (1M uses whole stars 1..5, 10M half stars 0.5..5, and other datasets in this layout,
 * e.g. MovieTweetings, 0..10), so the scale is read off the data unless {@code --scale} gives one.
 */
final class MovieLensDat {
  private MovieLensDat() {}

  /** What the first line must look like, for the error when it does not. */
  static final String EXPECTED = "UserID::MovieID::Rating::Timestamp (MovieLens 1M/10M ratings.dat)";

  static Dataset load(Path path, LoadOptions o, PrepReport report, Progress p) {
    boolean folder = Files.isDirectory(path);
    Path data = folder ? path.resolve("ratings.dat") : path;
    RatingColumns raw = DelimitedRatings.read(data, RatingsLayout.doubleColon(o.scale()), EXPECTED, report, p);
    FormatParts.Catalogue c = FormatParts.catalogue(Format.MOVIELENS_DAT, data, folder, report);
    return DatasetAssembler.assemble(raw, c.movies(), c.users(), o.requireMetadata(), Format.MOVIELENS_DAT.id(),
        DataSources.sources(c.files(), p), data.getFileName().toString(), report, o.scale());
  }

  static MovieTable readMovies(Path file, PrepReport report) {
    return CatalogLines.read(file, "MovieID::Title::Genres records (MovieLens movies.dat)", "::", 3, false, "MovieID",
        report, (id, f) -> {
          String title = Titles.clean(f[1]);
          String g = f[2].strip();
          String[] genres = g.isEmpty() || g.equals("(no genres listed)") ? new String[0] : g.split("\\|");
          return new MovieTable.Movie(id, title, Titles.year(title), genres, null, null);
        });
  }
}
