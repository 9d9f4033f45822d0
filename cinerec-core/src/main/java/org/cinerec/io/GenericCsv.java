package org.cinerec.io;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cinerec.CinerecException;
import org.cinerec.Progress;
import org.cinerec.data.Dataset;
import org.cinerec.prep.DatasetAssembler;
import org.cinerec.prep.PrepReport;
import org.cinerec.prep.RatingColumns;

/**
 * Any CSV/TSV of ratings with a {@link ColumnMapping}: ids are any text (mapped to dense indices in
 * order of first appearance), ratings any finite number (checked only against a {@code --scale} the user
 * gave; otherwise the scale is read off the data), timestamps whole Unix
 * seconds or absent. RFC 4180 quoting through FastCSV. The delimiter, when not given, is the most
 * frequent of {@code , \t ; |} (or {@code ::}) in the first line.
 */
final class GenericCsv {
  private GenericCsv() {}

  static Dataset load(Path file, LoadOptions o, PrepReport report, Progress p) {
    String name = file.getFileName().toString();
    TextFiles.requireTextFile(file, "delimited ratings (user, movie, rating[, timestamp])");
    ColumnMapping m = o.columns() == null ? ColumnMapping.defaults() : o.columns();
    String first = TextFiles.header(file).text();
    String delim = CsvRows.delimiter(m, first);
    p.start("Reading " + name, -1);
    String text = TextFiles.decode(file, false, report);
    List<String> firstRecord = null;
    try (CsvReader<CsvRecord> reader = CsvRows.reader(delim, text)) {
      for (CsvRecord r : reader) {
        firstRecord = r.getFields();
        break;
      }
    } catch (CsvParseException e) {
      throw new CinerecException(name + ": not valid CSV: " + e.getMessage());
    } catch (IOException e) {
      throw new CinerecException(name + ": cannot read: " + AtomicFiles.describe(e), e);
    }
    NamedRows named = new NamedRows(name, report);
    long rows = 0;
    String note = CsvRows.note(null, delim);
    if (firstRecord != null) {
      CsvRows rules = CsvRows.of(name, m, firstRecord, first, o.scale());
      note = rules.note();
      rows = rules.parse(name, text, m.header(), true, named);
    }
    p.finish();
    report.addRowsRead(rows);
    report.note(note);
    return named.dataset(file, Format.CSV, o, p);
  }

  /**
   * Kept rows with text ids (coded in order of first appearance) and their line numbers; bad ones go to the
   * report naming the file. The generic CSV's and the JSON lines' reader collect their rows through it.
   */
  static final class NamedRows implements CsvRows.Sink {
    private final String name;
    private final PrepReport report;
    private final RatingColumns cols = new RatingColumns(1024);
    private final Map<String, Integer> users = new HashMap<>();
    private final Map<String, Integer> items = new HashMap<>();
    private final List<String> userNames = new ArrayList<>();
    private final List<String> itemNames = new ArrayList<>();
    private final List<Integer> lines = new ArrayList<>();

    NamedRows(String name, PrepReport report) {
      this.name = name;
      this.report = report;
    }

    @Override
    public void kept(String user, String item, float rating, int packedTime, long line) {
      cols.add(code(user, users, userNames), code(item, items, itemNames), rating, packedTime);
      lines.add((int) Math.min(Integer.MAX_VALUE, line));
    }

    @Override
    public void bad(String reason, long line, int column, String why) {
      report.badRow(reason, name, line, column, why);
    }

    /** The dataset of the rows kept from {@code file}, read as {@code format} (no catalogue). */
    Dataset dataset(Path file, Format format, LoadOptions o, Progress p) {
      cols.names(userNames.toArray(new String[0]), itemNames.toArray(new String[0]));
      cols.lineNumbers(name, lines.stream().mapToInt(Integer::intValue).toArray());
      return DatasetAssembler.assemble(cols, null, o.requireMetadata(), format.id(),
          DataSources.sources(List.of(file), p), name, report, o.scale());
    }
  }

  private static int code(String id, Map<String, Integer> map, List<String> names) {
    Integer c = map.get(id);
    if (c == null) {
      c = names.size();
      map.put(id, c);
      names.add(id);
    }
    return c;
  }

  /** Field positions of user, item, rating, time (time -1 when absent). */
  static int[] columns(String name, ColumnMapping m, List<String> header, int fields, String delim, String first) {
    if (fields < 3) {
      throw new CinerecException(name + ":1: found " + fields + " column(s) separated by '" + printable(delim)
          + "' in \"" + RatingsCsv.abbreviate(first) + "\"; need at least user, movie and rating"
          + " (wrong delimiter? give it with --delimiter)");
    }
    List<String> lower = header == null ? null : header.stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
    int u = pick(name, "user", m.user(), lower, first, fields, 0, USER);
    int i = pick(name, "movie", m.item(), lower, first, fields, 1, MOVIE);
    int r = pick(name, "rating", m.rating(), lower, first, fields, 2, RATING);
    int t;
    if (m.time() != null && (m.time().isEmpty() || m.time().equalsIgnoreCase("none"))) {
      t = -1;
    } else if (m.time() == null && lower != null) {
      t = find(lower, TIME);
    } else if (m.time() == null) {
      t = fields > 3 ? 3 : -1;
    } else {
      t = pick(name, "timestamp", m.time(), lower, first, fields, 3, TIME);
    }
    return new int[] {u, i, r, t};
  }

  /**
   * The position of one column: given as a 1-based position or a header name, or found by its usual
   * names. Errors quote the first line as it is in the file ({@code line}: its real delimiter) and, when
   * that line looks like data, suggest {@code --no-header}.
   */
  private static int pick(String name, String what, String given, List<String> header, String line, int fields,
      int fallback, Names names) {
    if (given != null && given.matches("\\d+")) {
      int k = Integer.parseInt(given) - 1;
      if (k < 0 || k >= fields) {
        throw CinerecException.usage(name + ": the " + what + " column " + given + " is outside 1.." + fields);
      }
      return k;
    }
    if (given != null) {
      int k = header == null ? -1 : indexOfName(header, given);
      if (k < 0) {
        throw CinerecException.usage(name + ":1: no column named \"" + given + "\" for the " + what
            + (header == null ? " (the file has no header: give positions 1.." + fields + ")"
                : " in the header \"" + RatingsCsv.abbreviate(line) + "\"" + noHeaderHint(header)));
      }
      return k;
    }
    if (header == null) {
      return fallback;
    }
    int k = find(header, names);
    if (k < 0) {
      throw new CinerecException(name + ":1: no " + what + " column in the header \""
          + RatingsCsv.abbreviate(line) + "\"" + (looksLikeData(header) ? noHeaderHint(header)
              : "; name it with --" + (what.equals("movie") ? "item" : what) + "-col"));
    }
    return k;
  }

  /**
   * True when the first line looks like data, not column names: at least half its fields are numbers (Amazon's
   * ratings-only {@code 0001527665,A3478QRKQDOPQ2,5.0,1362960000} as much as {@code 1,31,2.5,1260759144}).
   */
  static boolean looksLikeData(List<String> fields) {
    long numbers = fields.stream().filter(f -> f.chars().anyMatch(Character::isDigit)
        && f.strip().matches("[-+]?[0-9]*\\.?[0-9]*([eE][-+]?[0-9]+)?")).count();
    return numbers > 0 && 2 * numbers >= fields.size();
  }

  private static String noHeaderHint(List<String> header) {
    return looksLikeData(header) ? "; the first line looks like data, not column names: add --no-header "
        + "(columns then go by position: user, movie, rating[, timestamp], or --user-col N ...)" : "";
  }

  /**
   * The usual names of a column, compared with a header name {@link #squeezed} (case, spaces and punctuation
   * ignored: {@code User-ID}, {@code user_id} and {@code userId} are one name), best first; then, when no
   * header name is one of them, the one header name that contains one of the {@code parts}
   * ({@code Book-Rating}, {@code user_name}), if only one does.
   */
  record Names(String[] exact, String... parts) {}

  static final Names USER = new Names(new String[] {"userid", "user", "customerid", "customer", "reviewerid",
      "reviewer", "raterid", "rater", "uid"}, "user", "customer", "reviewer", "rater");
  static final Names MOVIE = new Names(new String[] {"movieid", "movie", "itemid", "item", "filmid", "film",
      "titleid", "isbn", "bookid", "book", "productid", "product", "asin", "iid", "mid"},
      "movie", "item", "film", "book", "product");
  static final Names RATING = new Names(new String[] {"rating", "score", "stars", "rate", "value", "overall"}, "rating",
      "score");
  /** No parts: a column that merely mentions a date ({@code release_date}) is not taken for the rating's time. */
  static final Names TIME = new Names(new String[] {"timestamp", "time", "ts", "date", "datetime", "ratedat",
      "createdat", "ratingdate", "ratingtime", "reviewdate", "ratingtimestamp", "unixreviewtime", "dateadded", "when",
      "ratedon"});

  /** Lower case, letters and digits only: how header names are compared. */
  static String squeezed(String name) {
    StringBuilder b = new StringBuilder(name.length());
    name.toLowerCase(Locale.ROOT).codePoints().filter(Character::isLetterOrDigit).forEach(b::appendCodePoint);
    return b.toString();
  }

  /** The column of {@code header} (lower-cased names) named {@code given}: as written, else {@link #squeezed}; or -1. */
  static int indexOfName(List<String> header, String given) {
    int k = header.indexOf(given.toLowerCase(Locale.ROOT));
    return k >= 0 ? k : header.stream().map(GenericCsv::squeezed).toList().indexOf(squeezed(given));
  }

  /** The column of {@code header} that {@code names} finds, or -1. */
  static int find(List<String> header, Names names) {
    List<String> squeezed = header.stream().map(GenericCsv::squeezed).toList();
    for (String n : names.exact()) {
      int k = squeezed.indexOf(n);
      if (k >= 0) {
        return k;
      }
    }
    int found = -1;
    for (int k = 0; k < squeezed.size(); k++) {
      String h = squeezed.get(k);
      if (Arrays.stream(names.parts()).anyMatch(h::contains)) {
        if (found >= 0) {
          return -1; // two candidates: the user names one
        }
        found = k;
      }
    }
    return found;
  }

  static String detectDelimiter(String line) {
    if (line.contains("::")) {
      return "::";
    }
    String best = ",";
    long bestCount = 0;
    for (String d : new String[] {",", "\t", ";", "|"}) {
      long c = line.chars().filter(ch -> ch == d.charAt(0)).count();
      if (c > bestCount) {
        best = d;
        bestCount = c;
      }
    }
    return best;
  }

  private static String printable(String d) {
    return d.equals("\t") ? "\\t" : d;
  }
}
