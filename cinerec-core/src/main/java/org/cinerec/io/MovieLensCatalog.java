package org.cinerec.io;

import org.cinerec.prep.MovieTable;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cinerec.prep.PrepReport;
import org.cinerec.prep.Reasons;

/**
 * MovieLens CSV catalogue: {@code movies.csv} (movieId,title,genres; titles quoted when they hold
 * commas or quotes; genres "|"-separated or "(no genres listed)") plus, when present, {@code links.csv}
 * (movieId,imdbId,tmdbId; imdbId kept as text with its leading zeros; tmdbId may be empty).
 */
public final class MovieLensCatalog {
  private MovieLensCatalog() {}

  /** Reads movies.csv (and links.csv if given and present) into a table. */
  public static MovieTable read(Path movies, Path links, PrepReport report) {
    String name = movies.getFileName().toString();
    TextFiles.requireTextFile(movies, "movieId,title,genres");
    MovieTable table = new MovieTable();
    String text = TextFiles.decode(movies, false, report);
    CsvText.forEach(name, text, ',', header -> {
      int cId = CsvText.column(name, header, "movieId");
      int cTitle = CsvText.column(name, header, "title");
      int cGenres = CsvText.column(name, header, "genres");
      int need = Math.max(cId, Math.max(cTitle, cGenres)) + 1;
      return r -> {
        long line = r.getStartingLineNumber();
        if (r.getFieldCount() < need) {
          skip(report, Reasons.METADATA_MALFORMED, name, line, "has " + r.getFieldCount() + " field(s), expected "
              + header.size());
          return;
        }
        String id = r.getField(cId).strip();
        if (!CsvText.isId(id)) {
          skip(report, Reasons.METADATA_BAD_ID, name, line, "movieId \"" + TextFiles.shown(id) + "\" is not an integer");
          return;
        }
        String title = Titles.clean(r.getField(cTitle));
        String g = r.getField(cGenres).strip();
        String[] genres = g.isEmpty() || g.equals("(no genres listed)") ? new String[0] : g.split("\\|");
        if (!table.add(new MovieTable.Movie(id, title, Titles.year(title), genres, null, null))) {
          skip(report, Reasons.METADATA_DUPLICATE, name, line, "movieId " + id + " " + table.repeatOf(id) + "; the first is kept");
        }
      };
    });
    if (links != null && Files.exists(links)) {
      readLinks(links, table, report);
    }
    return table;
  }

  /**
   * A skipped catalogue record: fatal in strict mode, except a repeated id, which is resolved by policy
   * (the first record is kept) like a repeated rating.
   */
  static void skip(PrepReport report, String reason, String name, long line, String why) {
    if (report.strict() && !reason.equals(Reasons.METADATA_DUPLICATE)) {
      throw PrepReport.strictFailure(name, line, 0, why);
    }
    report.skipCatalogRecord(reason, name + ":" + line + ": " + why);
  }

  /** Attaches imdb and tmdb ids from links.csv to the movies of the table. */
  static void readLinks(Path links, MovieTable table, PrepReport report) {
    String name = links.getFileName().toString();
    TextFiles.requireTextFile(links, "movieId,imdbId,tmdbId");
    String text = TextFiles.decode(links, false, report);
    CsvText.forEach(name, text, ',', header -> {
      int cId = CsvText.column(name, header, "movieId");
      int cImdb = CsvText.column(name, header, "imdbId");
      int cTmdb = CsvText.column(name, header, "tmdbId");
      int need = Math.max(cId, Math.max(cImdb, cTmdb)) + 1;
      return r -> {
        if (r.getFieldCount() < need) {
          skip(report, Reasons.METADATA_MALFORMED, name, r.getStartingLineNumber(),
              "has " + r.getFieldCount() + " field(s), expected " + need);
          return;
        }
        MovieTable.Movie m = table.get(r.getField(cId).strip());
        if (m != null) {
          String imdb = r.getField(cImdb).strip();
          String tmdb = r.getField(cTmdb).strip();
          table.replace(new MovieTable.Movie(m.id(), m.title(), m.year(), m.genres(),
              imdb.isEmpty() ? null : imdb, tmdb.isEmpty() ? null : tmdb));
        }
      };
    });
  }
}
