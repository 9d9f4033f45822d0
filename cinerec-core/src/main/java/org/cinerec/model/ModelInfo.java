package org.cinerec.model;

import java.util.List;
import java.util.Map;

/**
 * How a model was made, stored in its file so it can be retrained from the file alone.
 *
 * @param kind            model family
 * @param params          resolved hyper-parameters as text (name → value)
 * @param seed            the seed every random choice came from
 * @param dataFingerprint {@link org.cinerec.data.Ratings#fingerprint()} of the training ratings
 * @param trainRatings    number of training ratings
 * @param dataFormat      format of the source data
 * @param dataSources     source file paths, when known
 * @param split           how the training part was cut from the data (e.g. "random:0.2:42"), or null
 * @param cinerecVersion  version that trained it
 * @param javaVersion     Java runtime version that trained it
 * @param createdAt       ISO-8601 instant
 * @param trainSeconds    wall time of fit
 * @param history         per-epoch training records (may be empty)
 * @param ratingMin       smallest training rating (the scale's bottom as seen in training)
 * @param ratingMax       largest training rating; predicted ratings are shown clipped to this range
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
    double ratingMax) {

  /** One epoch of training: its losses and any validation metrics (name → value). */
  public record EpochRecord(int epoch, double seconds, Map<String, Double> metrics) {}

  public ModelInfo {
    params = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(params));
    dataSources = List.copyOf(dataSources);
    history = List.copyOf(history);
  }

  /**
   * Info for a model just trained on {@code train}: versions and time filled in.
   */
  public static ModelInfo of(String kind, Params params, long seed, org.cinerec.data.Dataset train,
      double trainSeconds, List<EpochRecord> history) {
    List<String> sources = train.provenance().sources().stream().map(s -> s.path()).toList();
    return new ModelInfo(kind, params.asText(), seed, train.ratings().fingerprint(), train.ratings().size(),
        train.provenance().format(), sources, null, org.cinerec.Version.VERSION,
        System.getProperty("java.version"), java.time.Instant.now().toString(), trainSeconds, history,
        min(train.ratings().ratings()), max(train.ratings().ratings()));
  }

  /** The same info with the split description set (the CLI records how it cut the data). */
  public ModelInfo withSplit(String splitSpec) {
    return new ModelInfo(kind, params, seed, dataFingerprint, trainRatings, dataFormat, dataSources, splitSpec,
        cinerecVersion, javaVersion, createdAt, trainSeconds, history, ratingMin, ratingMax);
  }

  /** A predicted rating clipped to the training range (unchanged when the range is unknown). */
  public float clip(float prediction) {
    if (!(ratingMax > ratingMin)) {
      return prediction;
    }
    return (float) Math.max(ratingMin, Math.min(ratingMax, prediction));
  }

  private static double min(float[] r) {
    float m = Float.POSITIVE_INFINITY;
    for (float v : r) {
      m = Math.min(m, v);
    }
    return r.length == 0 ? 0 : m;
  }

  private static double max(float[] r) {
    float m = Float.NEGATIVE_INFINITY;
    for (float v : r) {
      m = Math.max(m, v);
    }
    return r.length == 0 ? 0 : m;
  }
}
