package org.cinerec.io;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * A ratings file's time field as seconds since 1970 (UTC), what {@link org.cinerec.data.Ratings} keeps: whole
 * seconds ({@code 964982703}, MovieLens's way), or an ISO-8601 date or date-time as exports and databases
 * write them: {@code 2019-01-10} (midnight), {@code 2019-01-10 12:00}, {@code 2019-01-10T12:00:00.250}
 * (fractions dropped), each optionally with {@code Z} or an offset ({@code +02:00}, {@code +0200},
 * {@code +02}). A date-time without an offset is read as UTC: a file that does not say its zone cannot be
 * placed in one, and UTC keeps the order of its ratings, which is what the models and splits use. Two
 * English forms that carry their offset are read too: Goodreads' and Twitter's {@code Thu Jan 10 14:00:00
 * +0200 2019}, and RFC 1123's {@code Thu, 10 Jan 2019 12:00:00 GMT} (HTTP, mail and RSS exports).
 */
public final class Timestamps {

  /** The largest time a rating can carry: 2106-02-07T06:28:15Z, the unsigned 32-bit seconds. */
  public static final long MAX = 0xFFFF_FFFFL;

  /** What a rejected field is told it should be (one sentence's end, for error messages). */
  public static final String EXPECTED = "neither whole seconds since 1970 (0.." + MAX
      + "; 12 or 13 digits: milliseconds) nor an ISO-8601 date or date-time in 1970..2106 (2019-01-10, "
      + "2019-01-10 12:00:00, 2019-01-10T12:00:00Z; or Goodreads' Thu Jan 10 12:00:00 +0000 2019)";

  private static final DateTimeFormatter DATE_TIME = new DateTimeFormatterBuilder()
      .append(DateTimeFormatter.ISO_LOCAL_DATE)
      .optionalStart().appendLiteral('T').optionalEnd()
      .optionalStart().appendLiteral(' ').optionalEnd()
      .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':').appendValue(ChronoField.MINUTE_OF_HOUR, 2)
      .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2)
      .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
      .optionalEnd()
      .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
      .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
      .optionalStart().appendOffset("+HH", "Z").optionalEnd()
      .toFormatter(Locale.ROOT);

  /** Goodreads' {@code date_added}, Twitter's {@code created_at}: day and month names in English, a numeric offset. */
  private static final DateTimeFormatter GOODREADS = new DateTimeFormatterBuilder().parseCaseInsensitive()
      .appendPattern("EEE MMM d HH:mm:ss xx yyyy").toFormatter(Locale.ENGLISH);

  private Timestamps() {}

  /** The field's seconds since 1970, or -1 when it is not a time in 0..{@link #MAX} (blank included). */
  public static long seconds(String text) {
    String s = text.strip();
    int n = s.length();
    if (n == 0) {
      return -1;
    }
    if (allDigits(s)) {
      if (n > 13) {
        return -1;
      }
      long v = Long.parseLong(s);
      if (n >= 12) { // milliseconds, as JavaScript and Amazon's 2023 reviews write them (from 1973-03-03 on)
        return v / 1000 <= MAX ? v / 1000 : -1;
      }
      return v <= MAX ? v : -1;
    }
    if (n >= 20 && Character.isLetter(s.charAt(0))) {
      return named(s);
    }
    if (n < 10 || !isDate(s)) {
      return -1;
    }
    try {
      long v;
      if (n == 10) {
        v = LocalDate.parse(s, DateTimeFormatter.ISO_LOCAL_DATE).toEpochDay() * 86_400L;
      } else {
        char sep = s.charAt(10);
        if (sep != 'T' && sep != 't' && sep != ' ') {
          return -1;
        }
        var parsed = DATE_TIME.parse(sep == 't' ? s.substring(0, 10) + 'T' + s.substring(11) : s);
        v = parsed.isSupported(ChronoField.OFFSET_SECONDS)
            ? OffsetDateTime.from(parsed).toEpochSecond()
            : LocalDateTime.from(parsed).toEpochSecond(ZoneOffset.UTC);
      }
      return v >= 0 && v <= MAX ? v : -1;
    } catch (java.time.DateTimeException e) { // DateTimeParseException included
      return -1;
    }
  }

  /** The two English forms with names of days and months; -1 for anything else. */
  private static long named(String s) {
    DateTimeFormatter f = s.charAt(3) == ',' ? DateTimeFormatter.RFC_1123_DATE_TIME : GOODREADS;
    try {
      long v = OffsetDateTime.parse(s, f).toEpochSecond();
      return v >= 0 && v <= MAX ? v : -1;
    } catch (java.time.DateTimeException e) {
      return -1;
    }
  }

  private static boolean allDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }

  /** {@code dddd-dd-dd} at the start: the only shape worth handing to java.time. */
  private static boolean isDate(String s) {
    for (int i = 0; i < 10; i++) {
      char c = s.charAt(i);
      boolean dash = i == 4 || i == 7;
      if (dash ? c != '-' : c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
