package org.cinerec.eval;

import org.cinerec.data.RatingScale;
import org.cinerec.model.mf.FactorModel;

/**
 * The one policy for what counts as a prediction in evaluation, used by {@link Evaluator} and by the
 * Spark {@code evaluate} job (which calls these methods inside its partitions), so both report the same
 * figures for the same model.
 *
 * <ol>
 *   <li><b>Clipping.</b> Every predicted rating is clipped to {@link #bounds}: the data's rating scale
 *       when it has more than one value, else the smallest and largest training rating, else (no
 *       training ratings) not at all. Ranking uses the unclipped scores (clipping would tie the top of
 *       the list).</li>
 *   <li><b>Pairs unseen in training.</b> A test pair whose user or movie has no training rating (or is not
 *       in the model's vocabulary) is kept in every metric, never dropped (unlike MLlib's
 *       {@code coldStartStrategy=drop}): it gets the model's own fallback ({@code predict} with that side
 *       unknown, index -1 when the model does not know the id) and is counted in the report (cold-user and
 *       cold-movie pairs). For a factor model without biases (what MLlib's ALS trains), the fallback is
 *       {@link #unbiasedFactor}: the training mean μ for a pair with an unseen side. In the ranking, an
 *       unseen user is scored by the model's fallback scores (for that model μ for every movie, so ties
 *       go to the lower model index: ascending movie id for models imported from MLlib), and a test movie
 *       the model does not know stays relevant but can never be retrieved.</li>
 * </ol>
 */
public final class PredictionPolicy {
  private PredictionPolicy() {}

  /** The name reports and docs use for this policy. */
  public static final String NAME = "clip to the scale; unseen pairs kept, predicted by the model's fallback";

  /** Clip bounds of the predictions; {@code lo > hi} never happens. */
  public record Bounds(float lo, float hi) implements java.io.Serializable {
    /** {@code p} clipped to {@code [lo, hi]} (NaN stays NaN). */
    public float clip(float p) {
      return Math.max(lo, Math.min(hi, p));
    }
  }

  /**
   * The clip bounds: the data's scale when it has more than one value, else the training range
   * ({@code trainMin..trainMax} of {@code trainCount} ratings), else unbounded.
   */
  public static Bounds bounds(RatingScale scale, float trainMin, float trainMax, long trainCount) {
    if (scale != null && scale.max() > scale.min()) {
      return new Bounds((float) scale.min(), (float) scale.max());
    }
    return trainCount == 0 ? new Bounds(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY)
        : new Bounds(trainMin, trainMax);
  }

  /**
   * A factor model without biases (MLlib's ALS; cinerec's {@code als} with {@code biases=false}), as
   * {@link FactorModel#predict} computes it: {@code dot} ({@code p_u·q_i}) when the user and the movie are
   * both seen in training, else the training mean {@code mu}; then clipped to the model's training range
   * {@code [min, max]}.
   */
  public static float unbiasedFactor(boolean userSeen, boolean itemSeen, float dot, float mu, float min, float max) {
    return FactorModel.unbiasedPrediction(userSeen, itemSeen, dot, mu, min, max);
  }
}
