package org.cinerec.io;

import org.cinerec.prep.MovieTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cinerec.data.Catalog;
import org.cinerec.prep.PrepReport;
import org.cinerec.prep.Reasons;

/**
 * Kaggle "The Movies Dataset" catalogue. The movies are those of {@code links_small.csv} /
 * {@code links.csv} (movieId = the MovieLens id the ratings use); each is joined to its
 * {@code movies_metadata.csv} record <b>through the link's tmdbId</b> (metadata {@code id} is a TMDB
 * id, so joining ratings' movieId to it directly attaches wrong titles). Links with an empty tmdbId, or
 * whose TMDB record is missing, stay in the catalogue without metadata.
 *
 * <p>movies_metadata.csv quirks handled: multi-line quoted overviews (a real CSV parser, never line
 * splitting); genres as Python literals {@code [{'id': 16, 'name': 'Animation'}]}; records whose
 * {@code id} is not an integer (in the full file, 3 rows whose columns are shifted so that id holds a
 * date) are skipped by content; duplicated ids keep the first record.
 */
public final class KaggleCatalog {
  private static final Pattern NAME = Pattern.compile("['\"]name['\"]\\s*:\\s*(?:'((?:[^'\\\\]|\\\\.)*)'|\"((?:[^\"\\\\]|\\\\.)*)\")");

  private KaggleCatalog() {}

  /** Metadata of one TMDB record. */
  record Meta(String title, int year, String[] genres, String imdbId, Catalog.Details details) {}

  /** Reads the links file and joins it to the metadata file (if present). */
  public static MovieTable read(Path links, Path metadata, PrepReport report) {
    Map<String, Meta> meta = metadata != null && Files.exists(metadata) ? readMetadata(metadata, report) : Map.of();
    String name = links.getFileName().toString();
    TextFiles.requireTextFile(links, "movieId,imdbId,tmdbId");
    String text = TextFiles.decode(links, false, report);
    MovieTable table = new MovieTable();
    CsvText.forEach(name, text, ',', header -> {
      int cId = CsvText.column(name, header, "movieId");
      int cImdb = CsvText.column(name, header, "imdbId");
      int cTmdb = CsvText.column(name, header, "tmdbId");
      int need = Math.max(cId, Math.max(cImdb, cTmdb)) + 1;
      return r -> {
        long line = r.getStartingLineNumber();
        if (r.getFieldCount() < need) {
          MovieLensCatalog.skip(report, Reasons.METADATA_MALFORMED, name, line,
              "has " + r.getFieldCount() + " field(s), expected " + header.size());
          return;
        }
        String id = r.getField(cId).strip();
        if (!CsvText.isId(id)) {
          MovieLensCatalog.skip(report, Reasons.METADATA_BAD_ID, name, line, "movieId \"" + TextFiles.shown(id) + "\" is not an integer");
          return;
        }
        String imdb = emptyToNull(r.getField(cImdb));
        String tmdb = emptyToNull(r.getField(cTmdb));
        // compare TMDB ids as integers: "862.0" and "0862" name the same record
        String tmdbKey = tmdb == null ? null : normaliseId(tmdb);
        Meta m = tmdbKey == null ? null : meta.get(tmdbKey);
        MovieTable.Movie movie = m == null
            ? new MovieTable.Movie(id, null, 0, new String[0], imdb, tmdb)
            : new MovieTable.Movie(id, m.title(), m.year(), m.genres(), imdb != null ? imdb : m.imdbId(), tmdb,
                m.details());
        if (!table.add(movie)) {
          MovieLensCatalog.skip(report, Reasons.METADATA_DUPLICATE, name, line, "movieId " + id + " " + table.repeatOf(id) + "; the first is kept");
        }
      };
    });
    if (!meta.isEmpty()) {
      report.note(coverage(metadata.getFileName().toString(), table));
    }
    return table;
  }

  /**
   * How many catalogue movies have each detail: {@code "movies_metadata.csv: original_language for 3,723,
   * runtime for 3,714, overview for 3,717 of the 9,125 movies (3,723 with metadata; the others unknown)"}.
   */
  static String coverage(String name, MovieTable table) {
    int meta = 0;
    int lang = 0;
    int run = 0;
    int over = 0;
    for (MovieTable.Movie m : table.movies()) {
      meta += m.hasMetadata() ? 1 : 0;
      lang += m.details().language() != null ? 1 : 0;
      run += m.details().runtime() != Catalog.NO_RUNTIME ? 1 : 0;
      over += m.details().overview() != null ? 1 : 0;
    }
    return String.format(Locale.ROOT, "%s: original_language for %,d, runtime for %,d, overview for %,d of the "
        + "%,d movies (%,d with metadata; the others unknown)", name, lang, run, over, table.size(), meta);
  }

  /** movies_metadata.csv: TMDB id → metadata, first record of each id. */
  static Map<String, Meta> readMetadata(Path metadata, PrepReport report) {
    String name = metadata.getFileName().toString();
    TextFiles.requireTextFile(metadata, "the Kaggle movies_metadata.csv");
    String text = TextFiles.decode(metadata, false, report);
    Map<String, Meta> out = new HashMap<>();
    Map<String, Long> firstLine = new HashMap<>();
    CsvText.forEach(name, text, ',', header -> {
      int cId = CsvText.column(name, header, "id");
      int cTitle = CsvText.column(name, header, "title");
      int cOriginal = header.indexOf("original_title");
      int cGenres = CsvText.column(name, header, "genres");
      int cDate = CsvText.column(name, header, "release_date");
      int cImdb = header.indexOf("imdb_id");
      int cLanguage = header.indexOf("original_language");
      int cRuntime = header.indexOf("runtime");
      int cOverview = header.indexOf("overview");
      int columns = header.size();
      return r -> {
        long line = r.getStartingLineNumber();
        String id = r.getFieldCount() > cId ? r.getField(cId).strip() : "";
        if (!CsvText.isId(id)) {
          MovieLensCatalog.skip(report, Reasons.METADATA_BAD_ID, name, line, "id \"" + RatingsCsv.abbreviate(id)
              + "\" is not an integer (a malformed record with shifted columns)");
          return;
        }
        if (r.getFieldCount() != columns) {
          MovieLensCatalog.skip(report, Reasons.METADATA_MALFORMED, name, line,
              "has " + r.getFieldCount() + " field(s), expected " + columns);
          return;
        }
        String key = normaliseId(id);
        Long seen = firstLine.putIfAbsent(key, line);
        if (seen != null) {
          MovieLensCatalog.skip(report, Reasons.METADATA_DUPLICATE, name, line,
              "id " + id + " was already read at line " + seen + "; the first is kept");
          return;
        }
        String title = r.getField(cTitle).strip();
        if (title.isEmpty() && cOriginal >= 0) {
          title = r.getField(cOriginal).strip();
        }
        String imdb = cImdb >= 0 ? emptyToNull(r.getField(cImdb)) : null;
        if (imdb != null && imdb.startsWith("tt")) {
          imdb = imdb.substring(2);
        }
        int runtime = Catalog.NO_RUNTIME;
        if (cRuntime >= 0) {
          String field = r.getField(cRuntime).strip();
          runtime = runtime(field);
          if (runtime < 0) {
            String why = "runtime \"" + RatingsCsv.abbreviate(field) + "\" is not a number of minutes";
            if (report.strict()) {
              throw PrepReport.strictFailure(name, line, cRuntime + 1, why);
            }
            report.unknownCatalogField(Reasons.METADATA_BAD_RUNTIME, name + ":" + line + ": " + why
                + "; kept with the runtime unknown");
            runtime = Catalog.NO_RUNTIME;
          }
        }
        Catalog.Details details = new Catalog.Details(cLanguage >= 0 ? r.getField(cLanguage) : null, runtime,
            cOverview >= 0 ? r.getField(cOverview) : null);
        out.put(key, new Meta(title, Titles.yearOfDate(r.getField(cDate).strip()), genres(r.getField(cGenres)), imdb,
            details.isEmpty() ? Catalog.Details.NONE : details));
      };
    });
    return out;
  }

  /** Longest runtime taken as minutes (the longest film released runs about 50,000 minutes). */
  static final int MAX_RUNTIME = 100_000;

  /**
   * A runtime field in minutes: blank or 0 (TMDB's "unknown") gives {@link Catalog#NO_RUNTIME}; a
   * number ({@code "81.0"}) its whole minutes, rounded; anything else (text, a negative, NaN, an infinity, over
   * {@link #MAX_RUNTIME}) -1.
   */
  static int runtime(String text) {
    if (text.isEmpty()) {
      return Catalog.NO_RUNTIME;
    }
    double v;
    try {
      v = Double.parseDouble(text);
    } catch (NumberFormatException e) {
      return -1;
    }
    if (!(v >= 0 && v <= MAX_RUNTIME) || text.endsWith("d") || text.endsWith("D") || text.endsWith("f")
        || text.endsWith("F")) {
      return -1;
    }
    return (int) Math.round(v);
  }

  /** Genre names from a Python-literal list of dicts: {@code [{'id': 16, 'name': 'Animation'}]}. */
  static String[] genres(String literal) {
    List<String> names = new ArrayList<>();
    Matcher m = NAME.matcher(literal);
    while (m.find()) {
      String n = m.group(1) != null ? m.group(1) : m.group(2);
      names.add(n.replace("\\'", "'").replace("\\\"", "\""));
    }
    return names.toArray(new String[0]);
  }

  private static String emptyToNull(String s) {
    String t = s.strip();
    return t.isEmpty() ? null : t;
  }

  /** "862", "862.0", "0862" → "862"; other text unchanged. */
  static String normaliseId(String id) {
    String t = id.endsWith(".0") ? id.substring(0, id.length() - 2) : id;
    if (CsvText.isId(t)) {
      return Long.toString(Long.parseLong(t));
    }
    return t;
  }
}
