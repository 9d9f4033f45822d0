package org.cinerec.io;

import java.nio.charset.StandardCharsets;
import org.cinerec.data.RatingScale;
import org.cinerec.data.Ratings;
import org.cinerec.prep.RatingColumns;
import org.cinerec.prep.Reasons;

/**
 * Parses one piece (whole lines) of a numeric ratings file from bytes into columns. A bad line is
 * skipped and recorded with its line number within the piece, its 1-based byte column and the reason;
 * in strict mode parsing stops at the first one. Blank lines are skipped and not counted as rows.
 */
final class PieceParser {
  private static final double[] POW10 = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
  private static final String[] ROLE = {"field", "user id", "movie id", "rating", "timestamp"};

  private final byte[] b;
  private final int len;
  private final RatingsLayout layout;
  private final byte[] roles;
  private final byte delim;
  private final boolean doubled;
  private final boolean strict;
  private final boolean lastPiece;
  private final boolean standard;
  private final boolean checksScale;
  private final RatingScale scale;
  private int p;

  // the current bad line's reason and message
  private String reason;
  private String why;
  private int errCol;

  PieceParser(byte[] b, int len, RatingsLayout layout, boolean strict, boolean lastPiece) {
    this.b = b;
    this.len = len;
    this.layout = layout;
    this.roles = layout.roles();
    this.delim = layout.delimiter();
    this.doubled = layout.doubled();
    this.strict = strict;
    this.lastPiece = lastPiece;
    this.checksScale = layout.checksScale();
    this.scale = layout.scale();
    this.standard = layout.fields() == 4 && layout.userCol() == 0 && layout.itemCol() == 1 && layout.ratingCol() == 2
        && layout.timeCol() == 3 && !layout.doubled() && b.length > len && b[len] == 0;
  }

  /**
   * The happy path for {@code user,item,rating,timestamp} lines: straight-line parsing that relies on
   * the 0 sentinel at {@code b[len]} instead of bounds checks. Returns false (having consumed nothing
   * that matters: the caller rewinds) on anything unusual, which the general path then handles and
   * reports. On success {@code p} is at the start of the next line.
   */
  private boolean fastLine(RatingColumns cols) {
    final byte[] b = this.b;
    int q = p;
    long u = 0;
    int start = q;
    int d;
    while ((d = b[q] - '0') >= 0 && d <= 9) {
      u = u * 10 + d;
      q++;
    }
    if (q == start || q - start > 9 || b[q] != delim) {
      return false;
    }
    q++;
    long it = 0;
    start = q;
    while ((d = b[q] - '0') >= 0 && d <= 9) {
      it = it * 10 + d;
      q++;
    }
    if (q == start || q - start > 9 || b[q] != delim) {
      return false;
    }
    q++;
    long m = 0;
    start = q;
    while ((d = b[q] - '0') >= 0 && d <= 9) {
      m = m * 10 + d;
      q++;
    }
    int digits = q - start;
    int frac = 0;
    if (b[q] == '.') {
      q++;
      int fs = q;
      while ((d = b[q] - '0') >= 0 && d <= 9) {
        m = m * 10 + d;
        q++;
      }
      frac = q - fs;
      digits += frac;
    }
    if (digits == 0 || digits > 9 || b[q] != delim) {
      return false;
    }
    float r = (float) (m / POW10[frac]);
    if (checksScale && !scale.contains(r)) {
      return false;
    }
    q++;
    long t = 0;
    start = q;
    while ((d = b[q] - '0') >= 0 && d <= 9) {
      t = t * 10 + d;
      q++;
    }
    if (q == start || q - start > 10 || t > 0xFFFF_FFFFL) {
      return false;
    }
    if (q < len) {
      if (b[q] == '\r') {
        q++;
      }
      if (q < len && b[q] != '\n') {
        return false;
      }
      if (q < len) {
        q++;
      }
    }
    cols.add((int) u, (int) it, r, (int) t);
    p = q;
    return true;
  }

  PieceResult run() {
    PieceResult out = new PieceResult();
    RatingColumns cols = new RatingColumns(len / 24 + 16);
    out.columns = cols;
    long line = 0;
    int fields = roles.length;
    while (p < len) {
      int ls = p;
      byte c0 = b[p];
      if (c0 == '\n') {
        p++;
        line++;
        out.skip(cols.size());
        continue;
      }
      if (c0 == '\r' && p + 1 < len && b[p + 1] == '\n') {
        p += 2;
        line++;
        out.skip(cols.size());
        continue;
      }
      out.rows++;
      if (standard && fastLine(cols)) {
        if (p <= len && p > 0 && b[p - 1] == '\n') {
          line++;
        }
        continue;
      }
      p = ls;
      long u = -1;
      long it = -1;
      float r = Float.NaN;
      long t = 0;
      boolean ok = true;
      int f = 0;
      while (true) {
        int fs = p;
        switch (roles[f]) {
          case 1 -> u = id(fs, ls, 1);
          case 2 -> it = id(fs, ls, 2);
          case 3 -> r = rating(fs, ls);
          case 4 -> t = timestamp(fs, ls);
          default -> skipField();
        }
        if (reason != null) {
          ok = false;
          break;
        }
        if (p >= len || b[p] == '\n' || b[p] == '\r') {
          break;
        }
        // at a delimiter (the field parsers stop only at a field end or report a reason)
        p += doubled ? 2 : 1;
        f++;
        if (f >= fields) {
          countFieldsProblem(ls);
          ok = false;
          break;
        }
      }
      if (ok && f != fields - 1) {
        countFieldsProblem(ls);
        ok = false;
      }
      if (ok) {
        if (p < len && b[p] == '\r') {
          p++;
          if (p < len && b[p] != '\n') {
            reason = Reasons.FIELD_COUNT;
            why = "stray carriage return inside the line";
            errCol = p - ls;
            ok = false;
          }
        }
      }
      if (ok) {
        cols.add((int) u, (int) it, r, (int) t);
      } else {
        out.bad(reason, line, errCol, why);
        out.skip(cols.size());
        reason = null;
        if (strict) {
          out.lines = line;
          return out;
        }
      }
      // to the start of the next line
      while (p < len && b[p] != '\n') {
        p++;
      }
      if (p < len) {
        p++;
        line++;
      }
    }
    out.lines = line;
    return out;
  }

  private boolean fieldEnd(int i) {
    if (i >= len) {
      return true;
    }
    byte c = b[i];
    if (c == '\n' || c == '\r') {
      return true;
    }
    return c == delim && (!doubled || (i + 1 < len && b[i + 1] == delim));
  }

  /** Why a numeric id past the int range is dropped, and the way to keep it. */
  static final String TOO_LARGE = "is larger than 2147483647, the largest number this reader keeps as an id; "
      + "read the file with --format csv (ids kept as text)";

  /** Why a quoted id is dropped (a lone ratings CSV quoted throughout goes to the CSV reader instead). */
  static final String QUOTED = "is quoted, and this reader takes bare numbers; read the file with --format csv "
      + "(ids kept as text)";

  private long id(int fs, int ls, int role) {
    long v = 0;
    int digits = 0;
    while (p < len) {
      int d = b[p] - '0';
      if (d < 0 || d > 9) {
        break;
      }
      v = v * 10 + d;
      if (++digits > 10) {
        break;
      }
      p++;
    }
    if (digits > 0 && (digits > 10 || v > Integer.MAX_VALUE)) {
      while (p < len && b[p] >= '0' && b[p] <= '9') {
        p++;
      }
      if (fieldEnd(p)) {
        fail(fs, ls, Reasons.BAD_ID, ROLE[role] + " " + quoted(fs) + " " + TOO_LARGE);
        return -1;
      }
    }
    if (digits == 0 || digits > 10 || v > Integer.MAX_VALUE || !fieldEnd(p)) {
      fail(fs, ls, Reasons.BAD_ID, ROLE[role] + " " + quoted(fs) + (fs < len && b[fs] == '"' ? " " + QUOTED
          : " is not a non-negative integer"));
      return -1;
    }
    return v;
  }

  private float rating(int fs, int ls) {
    long m = 0;
    int digits = 0;
    int frac = 0;
    boolean neg = false;
    if (p < len && b[p] == '-') {
      neg = true;
      p++;
    }
    while (p < len && b[p] >= '0' && b[p] <= '9' && digits < 9) {
      m = m * 10 + (b[p++] - '0');
      digits++;
    }
    if (p < len && b[p] == '.') {
      p++;
      while (p < len && b[p] >= '0' && b[p] <= '9' && digits < 9) {
        m = m * 10 + (b[p++] - '0');
        digits++;
        frac++;
      }
    }
    float r;
    if (digits > 0 && fieldEnd(p)) {
      double v = m / POW10[frac];
      r = (float) (neg ? -v : v);
    } else {
      r = slowRating(fs, ls);
      if (reason != null) {
        return r;
      }
    }
    if (checksScale && !scale.contains(r)) {
      fail(fs, ls, Reasons.OUT_OF_SCALE, "rating " + quoted(fs) + " " + offScale(scale));
    }
    return r;
  }

  /**
   * Why a rating is off a checked scale, after the quoted value: "is outside the scale 0.5..5 in steps of
   * 0.5 (the format's; --scale MIN:MAX[:STEP] sets another)". Shared by every reader.
   */
  static String offScale(RatingScale scale) {
    return "is outside the scale " + scale.text() + (scale.source() == RatingScale.Source.GIVEN
        ? " (--scale)" : " (the format's; --scale MIN:MAX[:STEP] sets another)");
  }

  private float slowRating(int fs, int ls) {
    p = fs;
    skipField();
    String text = new String(b, fs, p - fs, StandardCharsets.ISO_8859_1).trim();
    if (text.equalsIgnoreCase("nan")) {
      fail(fs, ls, Reasons.NAN_RATING, "rating is NaN");
      return Float.NaN;
    }
    boolean infinite = false;
    if (!text.isEmpty() && text.chars().allMatch(ch -> ch < 128)) {
      try {
        float r = Float.parseFloat(text);
        if (!Float.isNaN(r) && !text.endsWith("f") && !text.endsWith("d") && !text.endsWith("F")
            && !text.endsWith("D")) {
          if (Float.isFinite(r)) {
            return r;
          }
          infinite = true;
        }
      } catch (NumberFormatException ignored) {
        // reported below
      }
    }
    p = fs;
    fail(fs, ls, Reasons.BAD_RATING, "rating " + quoted(fs) + (infinite ? " is not a finite number" : " is not a number"));
    return Float.NaN;
  }

  private long timestamp(int fs, int ls) {
    long v = 0;
    int digits = 0;
    while (p < len && b[p] >= '0' && b[p] <= '9' && digits < 11) {
      v = v * 10 + (b[p++] - '0');
      digits++;
    }
    if (digits > 0 && v <= Timestamps.MAX && fieldEnd(p)) {
      return Ratings.packTimestamp(v);
    }
    // not whole seconds: a date or date-time (rare enough that a String per field is fine)
    int e = fs;
    while (!fieldEnd(e) && e - fs < 64) {
      e++;
    }
    long t = fieldEnd(e) ? Timestamps.seconds(new String(b, fs, e - fs, StandardCharsets.ISO_8859_1)) : -1;
    if (t < 0) {
      p = fs;
      fail(fs, ls, Reasons.BAD_TIMESTAMP, "timestamp " + quoted(fs) + " is " + Timestamps.EXPECTED);
      return 0;
    }
    p = e;
    return Ratings.packTimestamp(t);
  }

  private void skipField() {
    while (!fieldEnd(p)) {
      p++;
    }
  }

  /** Records a problem at field start fs; a line with the wrong field count is reported as that instead. */
  private void fail(int fs, int ls, String r, String message) {
    int n = countFields(ls);
    if (n != roles.length) {
      countFieldsProblem(ls);
      return;
    }
    if (hasInvalidUtf8(ls)) {
      reason = Reasons.INVALID_UTF8;
      why = "bytes that are not UTF-8 in the line";
      errCol = fs - ls + 1;
      return;
    }
    reason = r;
    why = message;
    errCol = fs - ls + 1;
  }

  private void countFieldsProblem(int ls) {
    int n = countFields(ls);
    int end = lineEnd(ls);
    boolean cut = lastPiece && end == len && n < roles.length;
    if (hasInvalidUtf8(ls)) {
      reason = Reasons.INVALID_UTF8;
      why = "bytes that are not UTF-8 in the line";
    } else if (cut) {
      reason = Reasons.TRUNCATED;
      why = "the last line ends after " + n + " of " + roles.length + " fields (file cut short?)";
    } else {
      reason = Reasons.FIELD_COUNT;
      why = "has " + n + " field(s) separated by '" + layout.delimiterText() + "', expected " + roles.length;
    }
    errCol = 1;
  }

  private int lineEnd(int ls) {
    int e = ls;
    while (e < len && b[e] != '\n') {
      e++;
    }
    return e;
  }

  private int countFields(int ls) {
    int end = lineEnd(ls);
    if (end > ls && b[end - 1] == '\r') {
      end--;
    }
    int n = 1;
    for (int i = ls; i < end; i++) {
      if (b[i] == delim && (!doubled || (i + 1 < end && b[i + 1] == delim))) {
        n++;
        if (doubled) {
          i++;
        }
      }
    }
    return n;
  }

  private boolean hasInvalidUtf8(int ls) {
    int end = lineEnd(ls);
    for (int i = ls; i < end; i++) {
      if (b[i] < 0) {
        return !Utf8.isValid(b, ls, end);
      }
    }
    return false;
  }

  private String quoted(int fs) {
    int e = fs;
    while (!fieldEnd(e) && e - fs < 40) {
      e++;
    }
    return "\"" + TextFiles.shown(new String(b, fs, e - fs, StandardCharsets.UTF_8)) + "\"";
  }
}
