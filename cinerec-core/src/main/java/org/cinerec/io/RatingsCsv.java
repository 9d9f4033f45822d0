package org.cinerec.io;

import org.cinerec.prep.RatingColumns;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.cinerec.CinerecException;
import org.cinerec.Progress;
import org.cinerec.data.RatingScale;
import org.cinerec.prep.PrepReport;

/**
 * A MovieLens-style ratings CSV with a header naming {@code userId,movieId,rating[,timestamp]} in any
 * order (MovieLens ml-latest*, ml-25m, ml-32m, Kaggle ratings_small.csv): checks the header, then runs
 * {@link FastRatingsParser}. A header that does not split on commas (";" or tabs instead) or lacks a
 * column fails at once with the fix.
 */
public final class RatingsCsv {
  /** MovieLens half-star scale (also {@link RatingScale#HALF_STARS}). */
  public static final float MIN = 0.5f;
  public static final float MAX = 5.0f;

  private RatingsCsv() {}

  /**
   * Reads a ratings CSV, dropping rows off {@code scale} when it is checked ({@link RatingScale#checked()};
   * null = no check).
   */
  public static RatingColumns read(Path file, RatingScale scale, PrepReport report, Progress progress) {
    String name = file.getFileName().toString();
    TextFiles.requireTextFile(file, "a ratings CSV with the header userId,movieId,rating,timestamp");
    TextFiles.Header h = TextFiles.header(file);
    RatingsLayout layout = layout(name, h.text(), ',', scale);
    return FastRatingsParser.parse(file, name, layout, h.dataStart(), 2, report, progress);
  }

  /**
   * Why the first megabyte's rows need the CSV reader rather than this numeric one, or null: a user or movie id
   * past the int range ("ids too large for numbers (user id 76561198000000001, line 2)": Steam's or Twitter's
   * 64-bit ids), ids that are not numbers in most rows ("ids that are not numbers (user id "Ann", line 2)":
   * what {@code cinerec split} writes of text-id data, ids with commas quoted; a few among numbers are bad rows),
   * or a quoted header or most rows quoted ("quoted fields (line 1)": Python's {@code QUOTE_ALL}, R's
   * {@code write.csv}, Spark's {@code quoteAll}; a quote in a few rows is a bad row's).
   * Such a file is read with text ids instead
   * ({@link DataSources}); past the first megabyte a large id is a {@code bad-id} row whose example says the
   * same.
   */
  static String needsCsvReader(Path file) {
    try {
      return needsCsvReader(file.getFileName().toString(), TextFiles.head(file, HEAD_BYTES));
    } catch (java.io.IOException e) {
      return null; // the reader says what it cannot read
    }
  }

  /** How much of a file {@link #needsCsvReader(String, byte[])} looks at: its first megabyte. */
  public static final int HEAD_BYTES = 1 << 20;

  /**
   * {@link #needsCsvReader(Path)} on a file's first {@link #HEAD_BYTES} bytes, for engines that read files
   * through their own file systems (the Spark jobs).
   */
  public static String needsCsvReader(String name, byte[] head) {
    String[] lines = new String(head, java.nio.charset.StandardCharsets.ISO_8859_1).split("\n", -1);
    String header = lines[0].startsWith("\u00EF\u00BB\u00BF") ? lines[0].substring(3) : lines[0];
    header = header.endsWith("\r") ? header.substring(0, header.length() - 1) : header;
    RatingsLayout layout;
    try {
      layout = layout(name, header, ',', null);
    } catch (CinerecException e) {
      return null; // the reader says what is wrong with the header
    }
    if (header.indexOf('"') >= 0) {
      return "quoted fields (line 1)";
    }
    int rows = 0;
    int textRows = 0;
    int quotedRows = 0;
    String firstText = null;
    String firstQuoted = null;
    for (int k = 1; k < lines.length - 1; k++) {
      rows++;
      if (lines[k].indexOf('"') >= 0) {
        quotedRows++;
        firstQuoted = firstQuoted != null ? firstQuoted : "quoted fields (line " + (k + 1) + ")";
        continue;
      }
      String[] f = lines[k].split(",", -1);
      boolean text = false;
      for (int role : new int[] {layout.userCol(), layout.itemCol()}) {
        String v = role < f.length ? f[role].strip() : "";
        String which = (role == layout.userCol() ? "user" : "movie") + " id ";
        if (v.matches("\\d{10,}") && (v.length() > 10 || Long.parseLong(v) > Integer.MAX_VALUE)) {
          return "ids too large for numbers (" + which + v + ", line " + (k + 1) + ")";
        }
        if (!text && f.length == layout.fields() && !v.isEmpty() && !v.chars().allMatch(c -> c >= '0' && c <= '9')) {
          text = true;
          if (firstText == null) {
            firstText = which + "\"" + TextFiles.shown(v) + "\", line " + (k + 1);
          }
        }
      }
      textRows += text ? 1 : 0;
    }
    // most rows: text ids or quotes; a few among numbers are bad rows of a numeric file, dropped and counted
    return quotedRows * 2 > rows ? firstQuoted : (textRows + quotedRows) * 2 > rows && firstText != null
        ? "ids that are not numbers (" + firstText + ")" : null;
  }

  /** The layout named by a header line, or a one-line error naming the problem. */
  static RatingsLayout layout(String name, String header, char delimiter, RatingScale scale) {
    List<String> cols = Arrays.stream(header.split(java.util.regex.Pattern.quote(String.valueOf(delimiter)), -1))
        .map(s -> s.strip().replace("\"", "").toLowerCase(Locale.ROOT)).toList();
    if (cols.size() == 1) {
      for (char other : new char[] {';', '\t', '|', ',', ' '}) {
        if (other != delimiter && header.indexOf(other) >= 0) {
          String shown = other == '\t' ? "tab" : "'" + other + "'";
          throw new CinerecException(name + ":1: columns are separated by " + shown + ", not '" + delimiter
              + "' (header \"" + abbreviate(header) + "\"); convert the file or read it with --format csv --delimiter "
              + (other == '\t' ? "tab" : String.valueOf(other)));
        }
      }
    }
    int u = indexOf(cols, "userid", "user_id", "user");
    int i = indexOf(cols, "movieid", "movie_id", "itemid", "item_id", "item", "movie");
    int r = indexOf(cols, "rating", "score");
    int t = indexOf(cols, "timestamp", "time", "ts");
    String missing = u < 0 ? "userId" : i < 0 ? "movieId" : r < 0 ? "rating" : null;
    if (missing != null) {
      if (cols.stream().allMatch(c -> c.matches("[-+0-9.e]*"))) {
        throw new CinerecException(name + ":1: no header line (found \"" + abbreviate(header)
            + "\"); expected userId,movieId,rating,timestamp, or read it with --format csv --no-header");
      }
      throw new CinerecException(name + ":1: missing column \"" + missing + "\" in the header \"" + abbreviate(header)
          + "\" (expected userId,movieId,rating,timestamp; map other names with --format csv --user-col ...)");
    }
    return new RatingsLayout((byte) delimiter, false, cols.size(), u, i, r, t, scale);
  }

  private static int indexOf(List<String> cols, String... names) {
    for (String n : names) {
      int k = cols.indexOf(n);
      if (k >= 0) {
        return k;
      }
    }
    return -1;
  }

  /** A piece of a file for a message: cut and escaped ({@link TextFiles#shown}). */
  static String abbreviate(String s) {
    return TextFiles.shown(s);
  }
}
