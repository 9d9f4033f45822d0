package org.cinerec.cli;

import java.util.regex.Pattern;

/** Words of the commands cinerec prints for a user to paste into a POSIX shell (bash, zsh, sh). */
final class Shell {
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");
  private static final Pattern SPECIAL_IN_DOUBLE_QUOTES = Pattern.compile("[\"$`\\\\!]");

  private Shell() {}

  /**
   * {@code s} as one shell word: as it is when nothing in it is special ({@code ratings.csv}), in double
   * quotes when only spaces and the like are ({@code "Toy Story"}, {@code "book ratings;odd.csv"}), else
   * in single quotes with each {@code '} written {@code '\''}.
   */
  static String quote(Object word) {
    String s = String.valueOf(word);
    if (PLAIN.matcher(s).matches()) {
      return s;
    }
    if (!SPECIAL_IN_DOUBLE_QUOTES.matcher(s).find()) {
      return "\"" + s + "\"";
    }
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
