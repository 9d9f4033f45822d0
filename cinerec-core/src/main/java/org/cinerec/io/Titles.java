package org.cinerec.io;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cinerec.data.Catalog;

/**
 * Title helpers for MovieLens-style titles "Toy Story (1995)": trailing whitespace trimmed, the year
 * read from a trailing "(YYYY)" or a range "(2006–2007)" (the first year), or {@link Catalog#NO_YEAR}.
 */
final class Titles {
  private static final Pattern YEAR = Pattern.compile("\\((\\d{4})(?:\\s*[-–]\\s*(?:\\d{4})?)?\\)\\s*$");

  private Titles() {}

  static String clean(String title) {
    return title.strip();
  }

  static int year(String title) {
    Matcher m = YEAR.matcher(title);
    return m.find() ? Integer.parseInt(m.group(1)) : Catalog.NO_YEAR;
  }

  /** Year of an ISO date "1995-10-30" (or "1995"), or NO_YEAR. */
  static int yearOfDate(String date) {
    if (date == null || date.length() < 4) {
      return Catalog.NO_YEAR;
    }
    for (int i = 0; i < 4; i++) {
      if (!Character.isDigit(date.charAt(i))) {
        return Catalog.NO_YEAR;
      }
    }
    return Integer.parseInt(date.substring(0, 4));
  }
}
