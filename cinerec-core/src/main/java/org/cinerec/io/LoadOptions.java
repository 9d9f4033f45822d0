package org.cinerec.io;

/**
 * How to read data.
 *
 * @param format          the input format id (see {@link Format}), or null to detect it from the contents
 * @param strict          fail on the first bad row (file:line:column and the reason) instead of dropping
 *                        and counting it
 * @param requireMetadata drop ratings of movies without metadata (as the Kaggle notebook did) instead of
 *                        keeping them with a placeholder title; also drops such movies from the catalogue
 * @param columns         column mapping for the generic CSV/TSV reader, or null for its defaults
 */
public record LoadOptions(String format, boolean strict, boolean requireMetadata, ColumnMapping columns) {

  /** Without a column mapping. */
  public LoadOptions(String format, boolean strict, boolean requireMetadata) {
    this(format, strict, requireMetadata, null);
  }

  public static LoadOptions defaults() {
    return new LoadOptions(null, false, false, null);
  }

  public LoadOptions withFormat(String f) {
    return new LoadOptions(f, strict, requireMetadata, columns);
  }

  public LoadOptions withStrict(boolean s) {
    return new LoadOptions(format, s, requireMetadata, columns);
  }

  public LoadOptions withRequireMetadata(boolean r) {
    return new LoadOptions(format, strict, r, columns);
  }

  public LoadOptions withColumns(ColumnMapping c) {
    return new LoadOptions(format, strict, requireMetadata, c);
  }
}
