package org.cinerec.io;

import org.cinerec.data.RatingScale;

/**
 * How to read data: the reader settings a model file records so that its data can be read again the
 * same way.
 *
 * @param format          the input format id (see {@link Format}), or null to detect it from the contents
 * @param strict          fail on the first bad row (file:line:column and the reason) instead of dropping
 *                        and counting it
 * @param requireMetadata drop ratings of movies without metadata (as the Kaggle notebook did) instead of
 *                        keeping them with a placeholder title; also drops such movies from the catalogue
 * @param columns         column mapping for the generic CSV/TSV reader, or null for its defaults
 * @param scale           the rating scale the user gave ({@code --scale}), or null for the format's own
 *                        (MovieLens CSV, Kaggle, 100K) or one read off the data (the others); see
 *                        {@link RatingScale}
 */
public record LoadOptions(String format, boolean strict, boolean requireMetadata, ColumnMapping columns,
    RatingScale scale) {

  public LoadOptions {
    if (scale != null && scale.source() != RatingScale.Source.GIVEN) {
      scale = scale.withSource(RatingScale.Source.GIVEN);
    }
  }

  /** Without a column mapping or scale. */
  public LoadOptions(String format, boolean strict, boolean requireMetadata) {
    this(format, strict, requireMetadata, null, null);
  }

  /** Without a scale. */
  public LoadOptions(String format, boolean strict, boolean requireMetadata, ColumnMapping columns) {
    this(format, strict, requireMetadata, columns, null);
  }

  public static LoadOptions defaults() {
    return new LoadOptions(null, false, false, null, null);
  }

  public LoadOptions withFormat(String f) {
    return new LoadOptions(f, strict, requireMetadata, columns, scale);
  }

  public LoadOptions withStrict(boolean s) {
    return new LoadOptions(format, s, requireMetadata, columns, scale);
  }

  public LoadOptions withRequireMetadata(boolean r) {
    return new LoadOptions(format, strict, r, columns, scale);
  }

  public LoadOptions withColumns(ColumnMapping c) {
    return new LoadOptions(format, strict, requireMetadata, c, scale);
  }

  public LoadOptions withScale(RatingScale s) {
    return new LoadOptions(format, strict, requireMetadata, columns, s);
  }
}
