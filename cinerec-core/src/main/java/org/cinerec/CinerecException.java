package org.cinerec;

/**
 * The one exception type that deep code throws for problems a user can fix: bad input, a damaged file,
 * an impossible setting. The message is meant to be printed as is ("error: " + message), so it names the
 * file, line, field or flag and, where it can, the fix. {@link Kind} tells the CLI which exit code to use.
 */
public class CinerecException extends RuntimeException {

  /** What went wrong, broadly; the CLI maps it to an exit code. */
  public enum Kind {
    /** The data or a file given is wrong (exit code 1). */
    BAD_INPUT,
    /** A flag or setting is wrong (exit code 2). */
    USAGE,
    /** Something outside the user's input failed: I/O, network (exit code 1). */
    FAILURE,
    /**
     * Something asked for by name does not exist: an unknown user, movie or model (exit code 1; 404 over
     * HTTP). Distinct from {@link #BAD_INPUT}, which is input that is wrong in itself (400).
     */
    NOT_FOUND;

    /** The HTTP status this kind answers with: 400, 404, or 500 for a failure outside the request. */
    public int httpStatus() {
      return switch (this) {
        case BAD_INPUT, USAGE -> 400;
        case NOT_FOUND -> 404;
        case FAILURE -> 500;
      };
    }
  }

  private static final long serialVersionUID = 1L;
  private final Kind kind;

  public CinerecException(String message) {
    this(Kind.BAD_INPUT, message, null);
  }

  public CinerecException(String message, Throwable cause) {
    this(Kind.BAD_INPUT, message, cause);
  }

  public CinerecException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public static CinerecException usage(String message) {
    return new CinerecException(Kind.USAGE, message, null);
  }

  public static CinerecException notFound(String message) {
    return new CinerecException(Kind.NOT_FOUND, message, null);
  }

  public static CinerecException failure(String message, Throwable cause) {
    return new CinerecException(Kind.FAILURE, message, cause);
  }

  /**
   * A cause's message as one line for an error message of ours: its first non-blank line (Jackson, for
   * one, appends the source location on a second line), or the exception's simple name when it has none.
   */
  public static String oneLine(Throwable cause) {
    String m = cause.getMessage();
    if (m != null) {
      for (String line : m.split("\\R")) {
        if (!line.isBlank()) {
          return line.strip();
        }
      }
    }
    return cause.getClass().getSimpleName();
  }

  public Kind kind() {
    return kind;
  }
}
