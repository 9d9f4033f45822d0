package org.cinerec.io;

/**
 * How to read data: the format (null = detect), strict mode (fail on the first bad row) and whether to
 * drop ratings of movies without metadata.
 */
public record LoadOptions(String format, boolean strict, boolean requireMetadata) {

  public static LoadOptions defaults() {
    return new LoadOptions(null, false, false);
  }
}
