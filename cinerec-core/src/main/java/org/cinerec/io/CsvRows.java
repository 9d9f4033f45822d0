package org.cinerec.io;

import de.siegmar.fastcsv.reader.CsvParseException;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.cinerec.CinerecException;
import org.cinerec.data.RatingScale;
import org.cinerec.data.Ratings;
import org.cinerec.prep.Reasons;

/**
 * The row rules of a generic CSV/TSV ({@code --format csv} with a {@link ColumnMapping}) as a small pure
 * API over text of whole lines: {@link GenericCsv} runs it over the whole file, the Spark jobs over each
 * partition's lines, so one implementation decides what is kept and why. Built from the first record
 * (the header, or the first data row) and the mapping; {@link #parse} feeds each record's outcome to a
 * {@link Sink}, line numbers as FastCSV counts them within the text (1-based; a lone CR and a line break
 * inside quotes count as lines). Holds no state between texts and no engine's type.
 */
public final class CsvRows {
  /** Receives each record's outcome, in order. */
  public interface Sink {
    /** A kept row: ids as written (stripped), the rating, the packed timestamp (0 without one). */
    void kept(String user, String item, float rating, int packedTime, long line);

    /** A dropped row: reason id, line, 1-based column, why. */
    void bad(String reason, long line, int column, String why);
  }

  private final String delimiter;
  private final boolean header;
  private final int fields;
  private final int[] roles;
  private final RatingScale scale;
  /** The header's names of the columns no role reads (in file order), or empty without a header. */
  private final List<String> unread;

  private CsvRows(String delimiter, boolean header, int fields, int[] roles, RatingScale scale, List<String> names) {
    this.delimiter = delimiter;
    this.header = header;
    this.fields = fields;
    this.roles = roles;
    this.scale = scale;
    List<String> left = new java.util.ArrayList<>();
    for (int k = 0; names != null && k < names.size(); k++) {
      int col = k;
      if (java.util.Arrays.stream(roles).noneMatch(r -> r == col)) {
        left.add((k + 1) + " \"" + names.get(k).strip() + "\"");
      }
    }
    this.unread = List.copyOf(left);
  }

  /** The delimiter a mapping gives, or the one detected from the file's first line. */
  public static String delimiter(ColumnMapping m, String firstLine) {
    ColumnMapping mm = m == null ? ColumnMapping.defaults() : m;
    return mm.delimiterText() != null ? mm.delimiterText() : GenericCsv.detectDelimiter(firstLine);
  }

  /**
   * The rules for file {@code name} whose first record has {@code firstFields} (its header or its first
   * row) and whose first line is {@code firstLine} (for messages); {@code scale}: a given scale rows are
   * checked against, or null. Fails naming the column problem and the flag that fixes it.
   */
  public static CsvRows of(String name, ColumnMapping m, List<String> firstFields, String firstLine, RatingScale scale) {
    ColumnMapping mm = m == null ? ColumnMapping.defaults() : m;
    String delim = delimiter(mm, firstLine);
    int n = firstFields.size();
    int[] roles = GenericCsv.columns(name, mm, mm.header() ? firstFields : null, n, delim, firstLine);
    return new CsvRows(delim, mm.header(), n, roles, scale, mm.header() ? firstFields : null);
  }

  /** As above, the first record read from the first line itself. */
  public static CsvRows of(String name, ColumnMapping m, String firstLine, RatingScale scale) {
    String delim = delimiter(m, firstLine);
    List<String> first = List.of("");
    try (CsvReader<CsvRecord> r = reader(delim, firstLine)) {
      for (CsvRecord rec : r) {
        first = rec.getFields();
        break;
      }
    } catch (CsvParseException e) {
      throw new CinerecException(name + ": not valid CSV: " + e.getMessage());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return of(name, m, first, firstLine, scale);
  }

  static CsvReader<CsvRecord> reader(String delimiter, String text) {
    return CsvReader.builder().fieldSeparator(delimiter).skipEmptyLines(true).allowExtraFields(true)
        .allowMissingFields(true).ofCsvRecord(text);
  }

  /** True when the first record is a header (not a row). */
  public boolean header() {
    return header;
  }

  /**
   * The report's note naming the columns and the delimiter, and the header's columns left unread (up to five; with
   * no time column, the flag that reads one as the rating's time).
   */
  public String note() {
    if (unread.isEmpty()) {
      return note(roles, delimiter);
    }
    String shown = String.join(", ", unread.subList(0, Math.min(5, unread.size())))
        + (unread.size() > 5 ? " and " + (unread.size() - 5) + " more" : "");
    String hint = roles[3] >= 0 ? "" : "; --time-col NAME reads one as the rating's time";
    return note(roles, delimiter) + "; not read: column" + (unread.size() == 1 ? " " : "s ") + shown + hint;
  }

  static String note(int[] roles, String delim) {
    return "generic CSV: columns user=" + describe(roles, 1) + ", movie=" + describe(roles, 2) + ", rating="
        + describe(roles, 3) + ", timestamp=" + describe(roles, 4) + ", delimiter '" + printable(delim) + "'";
  }

  /**
   * Parses {@code text} (whole lines), skipping its first record when {@code skipFirst} (the header);
   * {@code lastPiece}: the text ends where the file ends, so a short last record without a line break is
   * {@code truncated-row}. Returns the rows read (records other than a skipped header). {@code name} is the
   * file's, for "not valid CSV".
   */
  public long parse(String name, String text, boolean skipFirst, boolean lastPiece, Sink sink) {
    long rows = 0;
    boolean endsWithNewline = text.endsWith("\n");
    try (CsvReader<CsvRecord> reader = reader(delimiter, text)) {
      CsvRecord pending = null;
      boolean skip = skipFirst;
      for (CsvRecord r : reader) {
        if (skip) {
          skip = false;
          continue;
        }
        if (pending != null) {
          rows++;
          row(pending, false, sink);
        }
        pending = r;
      }
      if (pending != null) {
        rows++;
        row(pending, lastPiece && !endsWithNewline, sink);
      }
    } catch (CsvParseException e) {
      throw new CinerecException(name + ": not valid CSV: " + e.getMessage());
    } catch (IOException e) {
      throw new CinerecException(name + ": cannot read: " + AtomicFiles.describe(e), e);
    }
    return rows;
  }

  /** Line breaks in {@code text} as FastCSV counts lines: LF, CRLF and a lone CR each once. */
  public static long lineBreaks(String text) {
    long n = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || (c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n'))) {
        n++;
      }
    }
    return n;
  }

  /** The offset of the first byte that is not UTF-8 in {@code b[from, to)}, or -1. */
  public static int firstInvalidUtf8(byte[] b, int from, int to) {
    return Utf8.firstInvalid(b, from, to);
  }

  private void row(CsvRecord r, boolean last, Sink sink) {
    long line = r.getStartingLineNumber();
    if (r.getFieldCount() != fields) {
      boolean cut = last && r.getFieldCount() < fields;
      sink.bad(cut ? Reasons.TRUNCATED : Reasons.FIELD_COUNT, line, 1, cut
          ? "the last line ends after " + r.getFieldCount() + " of " + fields + " fields (file cut short?)"
          : "has " + r.getFieldCount() + " field(s), expected " + fields);
      return;
    }
    String ts = roles[3] >= 0 ? r.getField(roles[3]) : null;
    check(r.getField(roles[0]), r.getField(roles[1]), decimalPoint(r.getField(roles[2]).strip()), ts, line,
        new int[] {roles[0] + 1, roles[1] + 1, roles[2] + 1, roles[3] + 1}, scale, sink);
  }

  /**
   * The row rules on one row's values as text (stripped here): ids not empty, a finite rating (on
   * {@code scale} when one is checked; null: none), a time when {@code time} is not null; the kept row or
   * the reason goes to {@code sink}, with {@code columns} (1-based; 0 unknown) for user, movie, rating, time.
   * Shared by the generic CSV and JSON lines.
   */
  static void check(String user, String movie, String ratingText, String time, long line, int[] columns,
      RatingScale scale, Sink sink) {
    String u = user.strip();
    String i = movie.strip();
    String rt = ratingText.strip();
    if (u.isEmpty() || i.isEmpty()) {
      sink.bad(Reasons.BAD_ID, line, columns[u.isEmpty() ? 0 : 1], (u.isEmpty() ? "user" : "movie") + " id is empty");
      return;
    }
    float rating;
    if (rt.equalsIgnoreCase("nan")) {
      sink.bad(Reasons.NAN_RATING, line, columns[2], "rating is NaN");
      return;
    }
    try {
      rating = Float.parseFloat(rt);
    } catch (NumberFormatException e) {
      rating = Float.NaN;
    }
    if (!Float.isFinite(rating) || rt.endsWith("f") || rt.endsWith("d")) {
      sink.bad(Reasons.BAD_RATING, line, columns[2], "rating \"" + RatingsCsv.abbreviate(rt) + "\" is not a number");
      return;
    }
    if (scale != null && !scale.contains(rating)) {
      sink.bad(Reasons.OUT_OF_SCALE, line, columns[2], "rating \"" + RatingsCsv.abbreviate(rt) + "\" "
          + PieceParser.offScale(scale));
      return;
    }
    int packed = 0;
    if (time != null) {
      String ts = time.strip();
      long t = Timestamps.seconds(ts);
      if (t < 0) {
        sink.bad(Reasons.BAD_TIMESTAMP, line, columns[3], "timestamp \"" + RatingsCsv.abbreviate(ts)
            + "\" is " + Timestamps.EXPECTED);
        return;
      }
      packed = Ratings.packTimestamp(t);
    }
    sink.kept(u, i, rating, packed, line);
  }

  /**
   * A rating with a decimal comma ({@code 4,5}, as European spreadsheets export with {@code ;} between
   * fields) with a point instead; only when the comma cannot be the delimiter and is the number's only
   * separator, so nothing else changes meaning.
   */
  private String decimalPoint(String rating) {
    int c = rating.indexOf(',');
    if (c < 0 || delimiter.equals(",") || rating.indexOf(',', c + 1) >= 0 || rating.indexOf('.') >= 0) {
      return rating;
    }
    return rating.replace(',', '.');
  }

  private static String describe(int[] roles, int role) {
    int k = roles == null ? -1 : roles[role - 1];
    return k < 0 ? "none" : String.valueOf(k + 1);
  }

  private static String printable(String d) {
    return d.equals("\t") ? "\\t" : d;
  }
}
