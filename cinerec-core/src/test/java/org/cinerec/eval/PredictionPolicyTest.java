package org.cinerec.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cinerec.data.RatingScale;
import org.junit.jupiter.api.Test;

/** The shared clipping and unseen-pair policy on hand-computed cases. */
class PredictionPolicyTest {

  @Test
  void theScaleBoundsPredictionsAndADegenerateScaleFallsBackToTheTrainingRange() {
    PredictionPolicy.Bounds b = PredictionPolicy.bounds(RatingScale.HALF_STARS, 1, 4, 10);
    assertEquals(0.5f, b.clip(-3f));
    assertEquals(5f, b.clip(7.25f));
    assertEquals(3.5f, b.clip(3.5f));
    assertTrue(Float.isNaN(b.clip(Float.NaN)));
    PredictionPolicy.Bounds one = PredictionPolicy.bounds(new RatingScale(1, 1, 0, RatingScale.Source.INFERRED), 1, 4, 10);
    assertEquals(new PredictionPolicy.Bounds(1, 4), one);
    PredictionPolicy.Bounds none = PredictionPolicy.bounds(new RatingScale(0, 0, 0, RatingScale.Source.INFERRED), 0, 0, 0);
    assertEquals(1e30f, none.clip(1e30f));
  }

  @Test
  void anUnbiasedFactorModelPredictsTheTrainingMeanForAnUnseenSideAndClipsToItsTrainingRange() {
    assertEquals(4.2f, PredictionPolicy.unbiasedFactor(true, true, 4.2f, 3.5f, 0.5f, 5f));
    assertEquals(5f, PredictionPolicy.unbiasedFactor(true, true, 6.1f, 3.5f, 0.5f, 5f));
    assertEquals(3.5f, PredictionPolicy.unbiasedFactor(false, true, 6.1f, 3.5f, 0.5f, 5f));
    assertEquals(3.5f, PredictionPolicy.unbiasedFactor(true, false, 6.1f, 3.5f, 0.5f, 5f));
    assertEquals(2f, PredictionPolicy.unbiasedFactor(false, false, 0f, 1.5f, 2f, 5f));
  }
}
