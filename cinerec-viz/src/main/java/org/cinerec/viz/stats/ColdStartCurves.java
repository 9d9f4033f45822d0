package org.cinerec.viz.stats;

import java.util.List;

/**
 * The cold-start curve's numbers: for each model and way of serving a new user (fold-in, fold-in with a
 * popularity prior, retrained, popularity, or popularity as of the user's n-th rating), a metric (e.g.
 * NDCG@10) after each number of given ratings.
 *
 * @param metric the metric's name, e.g. "NDCG@10"
 * @param series one line each
 */
public record ColdStartCurves(String metric, List<Series> series) {

  /**
   * One line.
   *
   * @param model  the model family, "popularity", or "goal" (a target line; its method names it)
   * @param method "fold-in", "fold-in+prior", "fold-in+recent", "retrained", "popularity" or "recent"
   * @param given  numbers of ratings given, increasing
   * @param values the metric at each
   */
  public record Series(String model, String method, int[] given, double[] values) {}

  public ColdStartCurves {
    series = List.copyOf(series);
  }
}
