package org.cinerec.model;

/**
 * The words {@link Recommender#fallback} answers with, for the families that share a rule. Biased models
 * (baseline, the biased factor models, itemknn) predict {@code μ + b_u + b_i (+ a personal term)}; a cold
 * side has no learned term, so its bias drops out, as in Surprise.
 */
public final class Fallback {
  private Fallback() {}

  /** For a {@code μ + b_u + b_i} model: what is left when the user or the movie (or both) is cold; null if neither. */
  public static String biases(boolean userKnown, boolean itemKnown) {
    if (userKnown && itemKnown) {
      return null;
    }
    if (!userKnown && !itemKnown) {
      return "the global mean μ";
    }
    return userKnown ? "the global mean plus the user's bias, μ + b_u" : "the global mean plus the movie's bias, μ + b_i";
  }
}
