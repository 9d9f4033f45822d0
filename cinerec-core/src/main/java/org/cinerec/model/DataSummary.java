package org.cinerec.model;

import java.util.List;
import org.cinerec.data.DataFingerprint;
import org.cinerec.data.Dataset;
import org.cinerec.data.RatingScale;

/**
 * What a model's {@link ModelInfo} says about its training ratings, without the ratings: so a model trained
 * where no in-memory {@link Dataset} exists (a Spark job, an imported MLlib model) describes its data as
 * one trained by the core does. {@link #of(Dataset)} is the core's own case.
 *
 * @param fingerprint {@link DataFingerprint} of the training ratings (0 = unknown)
 * @param ratings     number of training ratings
 * @param format      the data's format id (e.g. "ratings-csv", "parquet")
 * @param sources     where the data came from (paths or URIs), when known
 * @param scale       the data's rating scale
 * @param ratingMin   smallest training rating
 * @param ratingMax   largest training rating
 */
public record DataSummary(long fingerprint, long ratings, String format, List<String> sources, RatingScale scale,
    double ratingMin, double ratingMax) {

  public DataSummary {
    sources = List.copyOf(sources);
  }

  /** The summary of a dataset held in memory. */
  public static DataSummary of(Dataset d) {
    float[] r = d.ratings().ratings();
    float lo = Float.POSITIVE_INFINITY;
    float hi = Float.NEGATIVE_INFINITY;
    for (float v : r) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    return new DataSummary(DataFingerprint.of(d), r.length, d.provenance().format(),
        d.provenance().sources().stream().map(s -> s.path()).toList(), d.scale(), r.length == 0 ? 0 : lo,
        r.length == 0 ? 0 : hi);
  }
}
