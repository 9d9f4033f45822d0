package org.cinerec.io;

import org.cinerec.data.RatingScale;

/**
 * Where the numbers are in a delimited ratings file, for {@link FastRatingsParser}: the delimiter (one
 * byte, or the same byte twice as MovieLens 1M/10M's {@code ::}), the number of fields a line has, the
 * 0-based positions of the user, movie, rating and timestamp fields (timestamp -1 when absent), and the
 * rating scale rows are checked against (null, or an inferred scale, = not checked: see
 * {@link RatingScale#checked()}).
 */
public record RatingsLayout(byte delimiter, boolean doubled, int fields, int userCol, int itemCol,
    int ratingCol, int timeCol, RatingScale scale) {

  /** userId,movieId,rating,timestamp checked against a scale (null = not checked). */
  public static RatingsLayout standard(char delimiter, RatingScale scale) {
    return new RatingsLayout((byte) delimiter, false, 4, 0, 1, 2, 3, scale);
  }

  /** userId,movieId,rating,timestamp checked against {@code min..max} (any value between). */
  public static RatingsLayout standard(char delimiter, float min, float max) {
    return standard(delimiter, new RatingScale(min, max, 0, RatingScale.Source.GIVEN));
  }

  /** MovieLens 1M/10M: user::movie::rating::timestamp (null scale = not checked). */
  public static RatingsLayout doubleColon(RatingScale scale) {
    return new RatingsLayout((byte) ':', true, 4, 0, 1, 2, 3, scale);
  }

  /** The delimiter as written in files and messages. */
  public String delimiterText() {
    String d = delimiter == '\t' ? "\\t" : String.valueOf((char) delimiter);
    return doubled ? d + d : d;
  }

  boolean checksScale() {
    return scale != null && scale.checked();
  }

  /** Role of each field: 0 skip, 1 user, 2 item, 3 rating, 4 time. */
  byte[] roles() {
    byte[] r = new byte[fields];
    r[userCol] = 1;
    r[itemCol] = 2;
    r[ratingCol] = 3;
    if (timeCol >= 0) {
      r[timeCol] = 4;
    }
    return r;
  }
}
