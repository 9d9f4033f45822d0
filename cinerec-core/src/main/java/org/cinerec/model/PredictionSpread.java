package org.cinerec.model;

/**
 * Implemented by the {@link UserScorer}s of models whose prediction is a posterior mean (bpmf): how uncertain
 * that mean is. A scorer that implements it answers for the same user and movies as its {@link
 * UserScorer#predict}.
 */
public interface PredictionSpread {

  /**
   * The posterior standard deviation of the (unclipped) predicted rating of the item, on the rating scale:
   * how much the model's samples disagree about it, not the noise of a single rating around it. The item
   * may be -1 (unknown).
   */
  float spread(int item);
}
