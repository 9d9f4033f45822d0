package org.cinerec.io;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cinerec.CinerecException;
import org.cinerec.Progress;
import org.cinerec.data.Dataset;
import org.cinerec.data.RatingScale;
import org.cinerec.data.Ratings;
import org.cinerec.prep.DatasetAssembler;
import org.cinerec.prep.PrepReport;
import org.cinerec.prep.RatingColumns;
import org.cinerec.prep.Reasons;

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
    String delim = m.delimiterText() != null ? m.delimiterText() : detectDelimiter(first);
    p.start("Reading " + name, -1);
    String text = TextFiles.decode(file, false, report);
    int[] roles = null;
    int fields = -1;
    RatingColumns cols = new RatingColumns(1024);
    Map<String, Integer> users = new HashMap<>();
    Map<String, Integer> items = new HashMap<>();
    List<String> userNames = new ArrayList<>();
    List<String> itemNames = new ArrayList<>();
    boolean endsWithNewline = text.endsWith("\n");
    List<Integer> lines = new ArrayList<>();
    long rows = 0;
    try (CsvReader<CsvRecord> reader = CsvReader.builder().fieldSeparator(delim).skipEmptyLines(true)
        .allowExtraFields(true).allowMissingFields(true).ofCsvRecord(text)) {
      CsvRecord pending = null;
      for (CsvRecord r : reader) {
        if (roles == null) {
          fields = r.getFieldCount();
          roles = columns(name, m, m.header() ? r.getFields() : null, fields, delim, first);
          if (m.header()) {
            continue;
          }
        }
        if (pending != null) {
          rows++;
          row(name, pending, roles, fields, false, o.scale(), cols, users, items, userNames, itemNames, report, lines);
        }
        pending = r;
      }
      if (pending != null) {
        rows++;
        row(name, pending, roles, fields, !endsWithNewline, o.scale(), cols, users, items, userNames, itemNames, report,
            lines);
      }
    } catch (CsvParseException e) {
      throw new CinerecException(name + ": not valid CSV: " + e.getMessage());
    } catch (IOException e) {
      throw new CinerecException(name + ": cannot read: " + AtomicFiles.describe(e), e);
    }
    p.finish();
    report.addRowsRead(rows);
    cols.names(userNames.toArray(new String[0]), itemNames.toArray(new String[0]));
    cols.lineNumbers(name, lines.stream().mapToInt(Integer::intValue).toArray());
    report.note("generic CSV: columns user=" + describe(roles, 1) + ", movie=" + describe(roles, 2) + ", rating="
        + describe(roles, 3) + ", timestamp=" + describe(roles, 4) + ", delimiter '" + printable(delim) + "'");
    return DatasetAssembler.assemble(cols, null, o.requireMetadata(), Format.CSV.id(),
        DataSources.sources(List.of(file), p), name, report, o.scale());
  }

  private static void row(String name, CsvRecord r, int[] roles, int fields, boolean last, RatingScale scale,
      RatingColumns cols,
      Map<String, Integer> users, Map<String, Integer> items, List<String> userNames, List<String> itemNames,
      PrepReport report, List<Integer> lines) {
    long line = r.getStartingLineNumber();
    if (r.getFieldCount() != fields) {
      boolean cut = last && r.getFieldCount() < fields;
      report.badRow(cut ? Reasons.TRUNCATED : Reasons.FIELD_COUNT, name, line, 1, cut
          ? "the last line ends after " + r.getFieldCount() + " of " + fields + " fields (file cut short?)"
          : "has " + r.getFieldCount() + " field(s), expected " + fields);
      return;
    }
    String u = r.getField(roles[0]).strip();
    String i = r.getField(roles[1]).strip();
    String rt = r.getField(roles[2]).strip();
    if (u.isEmpty() || i.isEmpty()) {
      report.badRow(Reasons.BAD_ID, name, line, roles[u.isEmpty() ? 0 : 1] + 1,
          (u.isEmpty() ? "user" : "movie") + " id is empty");
      return;
    }
    float rating;
    if (rt.equalsIgnoreCase("nan")) {
      report.badRow(Reasons.NAN_RATING, name, line, roles[2] + 1, "rating is NaN");
      return;
    }
    try {
      rating = Float.parseFloat(rt);
    } catch (NumberFormatException e) {
      rating = Float.NaN;
    }
    if (!Float.isFinite(rating) || rt.endsWith("f") || rt.endsWith("d")) {
      report.badRow(Reasons.BAD_RATING, name, line, roles[2] + 1, "rating \"" + RatingsCsv.abbreviate(rt)
          + "\" is not a number");
      return;
    }
    if (scale != null && !scale.contains(rating)) {
      report.badRow(Reasons.OUT_OF_SCALE, name, line, roles[2] + 1, "rating \"" + RatingsCsv.abbreviate(rt) + "\" "
          + PieceParser.offScale(scale));
      return;
    }
    int time = 0;
    if (roles[3] >= 0) {
      String ts = r.getField(roles[3]).strip();
      long t;
      try {
        t = ts.isEmpty() ? -1 : Long.parseLong(ts);
      } catch (NumberFormatException e) {
        t = -1;
      }
      if (t < 0 || t > 0xFFFF_FFFFL) {
        report.badRow(Reasons.BAD_TIMESTAMP, name, line, roles[3] + 1, "timestamp \"" + RatingsCsv.abbreviate(ts)
            + "\" is not a whole number of seconds in 0.." + 0xFFFF_FFFFL);
        return;
      }
      time = Ratings.packTimestamp(t);
    }
    cols.add(code(u, users, userNames), code(i, items, itemNames), rating, time);
    lines.add((int) Math.min(Integer.MAX_VALUE, line));
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
    int u = pick(name, "user", m.user(), lower, first, fields, 0, "userid", "user_id", "user");
    int i = pick(name, "movie", m.item(), lower, first, fields, 1, "movieid", "movie_id", "itemid", "item_id", "item", "movie");
    int r = pick(name, "rating", m.rating(), lower, first, fields, 2, "rating", "score", "stars");
    int t;
    if (m.time() != null && (m.time().isEmpty() || m.time().equalsIgnoreCase("none"))) {
      t = -1;
    } else if (m.time() == null && lower != null) {
      t = indexOf(lower, "timestamp", "time", "ts", "date");
    } else if (m.time() == null) {
      t = fields > 3 ? 3 : -1;
    } else {
      t = pick(name, "timestamp", m.time(), lower, first, fields, 3);
    }
    return new int[] {u, i, r, t};
  }

  /**
   * The position of one column: given as a 1-based position or a header name, or found by its usual
   * names. Errors quote the first line as it is in the file ({@code line}: its real delimiter) and, when
   * that line looks like data, suggest {@code --no-header}.
   */
  private static int pick(String name, String what, String given, List<String> header, String line, int fields,
      int fallback, String... names) {
    if (given != null && given.matches("\\d+")) {
      int k = Integer.parseInt(given) - 1;
      if (k < 0 || k >= fields) {
        throw CinerecException.usage(name + ": the " + what + " column " + given + " is outside 1.." + fields);
      }
      return k;
    }
    if (given != null) {
      int k = header == null ? -1 : header.indexOf(given.toLowerCase(Locale.ROOT));
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
    int k = indexOf(header, names);
    if (k < 0) {
      throw new CinerecException(name + ":1: no " + what + " column in the header \""
          + RatingsCsv.abbreviate(line) + "\"" + (looksLikeData(header) ? noHeaderHint(header)
              : "; name it with --" + (what.equals("movie") ? "item" : what) + "-col"));
    }
    return k;
  }

  /** True when every field of the first line is a number (or empty): data, not column names. */
  static boolean looksLikeData(List<String> fields) {
    return fields.stream().anyMatch(f -> f.chars().anyMatch(Character::isDigit))
        && fields.stream().allMatch(f -> f.strip().matches("[-+]?[0-9]*\\.?[0-9]*([eE][-+]?[0-9]+)?"));
  }

  private static String noHeaderHint(List<String> header) {
    return looksLikeData(header) ? "; the first line looks like data, not column names: add --no-header "
        + "(columns then go by position: user, movie, rating[, timestamp], or --user-col N ...)" : "";
  }

  private static int indexOf(List<String> header, String... names) {
    for (String n : names) {
      int k = header.indexOf(n);
      if (k >= 0) {
        return k;
      }
    }
    return -1;
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

  private static String describe(int[] roles, int role) {
    int k = roles == null ? -1 : roles[role - 1];
    return k < 0 ? "none" : String.valueOf(k + 1);
  }

  private static String printable(String d) {
    return d.equals("\t") ? "\\t" : d;
  }
}
