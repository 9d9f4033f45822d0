package org.cinerec.model;

import java.util.List;
import java.util.Map;
import org.cinerec.data.RatingScale;
import org.cinerec.io.DataRecord;
import org.cinerec.io.Format;

/**
 * How a model was made, stored in its file so it can be retrained from the file alone.
 *
 * @param kind            model family
 * @param params          resolved hyper-parameters as text (name → value)
 * @param seed            the seed every random choice came from
 * @param dataFingerprint {@link org.cinerec.data.DataFingerprint} of the training ratings (0 = unknown: files of
 *                        model format 1 held an older, order-sensitive value that is not comparable)
 * @param trainRatings    number of training ratings
 * @param dataFormat      format of the source data
 * @param dataSources     source file paths, when known
 * @param split           how the training part was cut from the data (e.g. "random:0.2:42"), or null
 * @param cinerecVersion  version that trained it
 * @param javaVersion     Java runtime version that trained it
 * @param createdAt       ISO-8601 instant
 * @param trainSeconds    wall time of fit
 * @param history         per-epoch training records (may be empty)
 * @param ratingMin       smallest training rating
 * @param ratingMax       largest training rating
 * @param scale           the data's rating scale ({@link RatingScale}); predicted ratings are shown clipped to
 *                        it. Model format 1 did not record it: then the format's own (MovieLens CSV, Kaggle,
 *                        100K), else {@code ratingMin..ratingMax}
 * @param data            where the data came from and how it was read ({@link DataRecord}), or null (a model
 *                        trained in memory, or model format 1, which recorded only {@code dataSources})
 */
public record ModelInfo(
    String kind,
    Map<String, String> params,
    long seed,
    long dataFingerprint,
    long trainRatings,
    String dataFormat,
    List<String> dataSources,
    String split,
    String cinerecVersion,
    String javaVersion,
    String createdAt,
    double trainSeconds,
    List<EpochRecord> history,
    double ratingMin,
    double ratingMax,
    RatingScale scale,
    DataRecord data) {

  /** One epoch of training: its losses and any validation metrics (name → value). */
  public record EpochRecord(int epoch, double seconds, Map<String, Double> metrics) {}

  public ModelInfo {
    params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
    dataSources = List.copyOf(dataSources);
    history = List.copyOf(history);
    if (scale == null) {
      RatingScale defined = Format.scaleOf(dataFormat);
      scale = defined != null ? defined
          : ratingMax >= ratingMin ? new RatingScale(ratingMin, ratingMax, 0, RatingScale.Source.INFERRED)
          : new RatingScale(0, 0, 0, RatingScale.Source.INFERRED);
    }
  }

  /** Without scale and data record (the scale then follows the format or the training range). */
  public ModelInfo(String kind, Map<String, String> params, long seed, long dataFingerprint, long trainRatings,
      String dataFormat, List<String> dataSources, String split, String cinerecVersion, String javaVersion,
      String createdAt, double trainSeconds, List<EpochRecord> history, double ratingMin, double ratingMax) {
    this(kind, params, seed, dataFingerprint, trainRatings, dataFormat, dataSources, split, cinerecVersion,
        javaVersion, createdAt, trainSeconds, history, ratingMin, ratingMax, null, null);
  }

  /**
   * Info for a model just trained on {@code train}: versions and time filled in.
   */
  public static ModelInfo of(String kind, Params params, long seed, org.cinerec.data.Dataset train,
      double trainSeconds, List<EpochRecord> history) {
    return of(kind, params.asText(), seed, DataSummary.of(train), trainSeconds, history);
  }

  /**
   * Info for a model trained on data described by {@code data} alone (no in-memory dataset: a Spark job's
   * or an imported model's), versions and time filled in.
   */
  public static ModelInfo of(String kind, Map<String, String> params, long seed, DataSummary data,
      double trainSeconds, List<EpochRecord> history) {
    return new ModelInfo(kind, params, seed, data.fingerprint(), data.ratings(), data.format(), data.sources(), null,
        org.cinerec.Version.VERSION, System.getProperty("java.version"), java.time.Instant.now().toString(),
        trainSeconds, history, data.ratingMin(), data.ratingMax(), data.scale(), null);
  }

  /** The same info with the split description set (the CLI records how it cut the data). */
  public ModelInfo withSplit(String splitSpec) {
    return new ModelInfo(kind, params, seed, dataFingerprint, trainRatings, dataFormat, dataSources, splitSpec,
        cinerecVersion, javaVersion, createdAt, trainSeconds, history, ratingMin, ratingMax, scale, data);
  }

  /** The same info with the data record set (the CLI records where DATA was and how it was read). */
  public ModelInfo withData(DataRecord record) {
    return new ModelInfo(kind, params, seed, dataFingerprint, trainRatings, dataFormat, dataSources, split,
        cinerecVersion, javaVersion, createdAt, trainSeconds, history, ratingMin, ratingMax, scale, record);
  }

  /** The same info with another data fingerprint (0 = unknown; see the field). */
  public ModelInfo withDataFingerprint(long fingerprint) {
    return new ModelInfo(kind, params, seed, fingerprint, trainRatings, dataFormat, dataSources, split,
        cinerecVersion, javaVersion, createdAt, trainSeconds, history, ratingMin, ratingMax, scale, data);
  }

  /** A predicted rating clipped to the rating scale (unchanged when the scale is a single point or empty). */
  public float clip(float prediction) {
    if (!(scale.max() > scale.min())) {
      return prediction;
    }
    return scale.clip(prediction);
  }
}
