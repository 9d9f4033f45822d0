package org.cinerec.server;

/**
 * An answer other than 2xx, with the status, a short machine-readable code and a message naming the
 * problem; {@link Errors} writes it as the one JSON error body. {@code retryAfter} (seconds, 0 for none)
 * becomes a {@code Retry-After} header on 429 and 503.
 */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  final int status;
  final String code;
  final int retryAfter;

  ApiException(int status, String code, String message, int retryAfter) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.retryAfter = retryAfter;
  }

  static ApiException badRequest(String message) {
    return new ApiException(400, "bad_request", message, 0);
  }

  static ApiException notFound(String message) {
    return new ApiException(404, "not_found", message, 0);
  }

  static ApiException forbidden(String message) {
    return new ApiException(403, "forbidden", message, 0);
  }

  static ApiException unauthorized(String message) {
    return new ApiException(401, "unauthorized", message, 0);
  }

  static ApiException unavailable(String message, int retryAfter) {
    return new ApiException(503, "unavailable", message, retryAfter);
  }

  static ApiException tooMany(String message, int retryAfter) {
    return new ApiException(429, "too_many_requests", message, retryAfter);
  }
}
