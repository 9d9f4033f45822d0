package org.cinerec.io;

/**
 * Which columns of a generic CSV/TSV hold what. Each column is given by its header name (matched
 * ignoring case) or by its 1-based position ("1", "2", ...); null means the default (a header column
 * named like userId/user/user_id, movieId/itemId/item/movie, rating/score, timestamp/time; without a
 * header, columns 1, 2, 3 and 4). {@code time} may be "" or "none" for files without timestamps.
 *
 * @param user      the user id column
 * @param item      the movie id column
 * @param rating    the rating column
 * @param time      the timestamp column (Unix seconds)
 * @param delimiter the field delimiter: "," ";" "|" "tab" "\t" "::" ...; null = detect from the first line
 * @param header    whether the first line is a header
 */
public record ColumnMapping(String user, String item, String rating, String time, String delimiter, boolean header) {

  /** All defaults, with a header line. */
  public static ColumnMapping defaults() {
    return new ColumnMapping(null, null, null, null, null, true);
  }

  /** The delimiter as the text between fields, or null to detect. */
  public String delimiterText() {
    if (delimiter == null || delimiter.isEmpty()) {
      return null;
    }
    return switch (delimiter.toLowerCase(java.util.Locale.ROOT)) {
      case "tab", "\\t", "\t" -> "\t";
      case "comma" -> ",";
      case "semicolon" -> ";";
      case "pipe" -> "|";
      case "space" -> " ";
      default -> delimiter;
    };
  }
}
