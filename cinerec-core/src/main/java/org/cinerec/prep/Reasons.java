package org.cinerec.prep;

/**
 * The stable reason ids of the preparation report. Scripts may match on them, so they never change
 * meaning; new ones may be added.
 */
public final class Reasons {
  private Reasons() {}

  /** A row with fewer or more fields than the header. */
  public static final String FIELD_COUNT = "field-count";
  /** The last line of a file ends in the middle of a row (the file was cut short). */
  public static final String TRUNCATED = "truncated-row";
  /** A user or movie id that is not a non-negative integer (or empty). */
  public static final String BAD_ID = "bad-id";
  /** A rating that is not a number. */
  public static final String BAD_RATING = "bad-rating";
  /** A rating written as NaN. */
  public static final String NAN_RATING = "nan-rating";
  /** A rating outside the format's scale (e.g. 0.5..5). */
  public static final String OUT_OF_SCALE = "out-of-scale";
  /** A timestamp that is not an integer number of seconds in 0..2^32-1. */
  public static final String BAD_TIMESTAMP = "bad-timestamp";
  /** Bytes that are not valid UTF-8. */
  public static final String INVALID_UTF8 = "invalid-utf8";
  /** The same user rated the same movie again; only the latest rating is kept. */
  public static final String DUPLICATE = "duplicate";
  /** The rated movie has no metadata: kept with a placeholder title, or dropped with requireMetadata. */
  public static final String NO_METADATA = "no-metadata";
  /** A catalogue record whose id is not an integer (e.g. the Kaggle rows whose id holds a date). */
  public static final String METADATA_BAD_ID = "metadata-bad-id";
  /** A catalogue record whose id was already seen; the first one is kept. */
  public static final String METADATA_DUPLICATE = "metadata-duplicate-id";
  /** A catalogue record with the wrong number of fields. */
  public static final String METADATA_MALFORMED = "metadata-malformed";
  /**
   * A catalogue field whose value cannot be read (a Kaggle runtime that is not a number of minutes): the
   * record is kept with that field unknown.
   */
  public static final String METADATA_BAD_RUNTIME = "metadata-bad-runtime";
  /** A users file record with the wrong number of fields or a value the format does not define. */
  public static final String USERS_MALFORMED = "users-malformed";
  /** A users file record whose user id is not a non-negative integer. */
  public static final String USERS_BAD_ID = "users-bad-id";
  /** A users file record whose id was already seen; the first one is kept. */
  public static final String USERS_DUPLICATE = "users-duplicate-id";
  /** A user of the users file with no kept rating: not in the dataset, so ignored. */
  public static final String USER_WITHOUT_RATINGS = "user-without-ratings";
}
