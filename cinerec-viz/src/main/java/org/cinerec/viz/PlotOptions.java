package org.cinerec.viz;

import org.cinerec.viz.stats.TopMovies;

/**
 * Settings of the data pictures.
 *
 * @param movie       title for the one-movie distribution; null: "Rocky III" when the data has it, else
 *                    the most-rated movie
 * @param sampleUsers users in the strip plot
 * @param seed        seed of the user sample, the jitter and the word-cloud layout
 * @param top         movies in the word cloud
 * @param priorWeight m of the damped mean (pseudo-ratings at the global mean)
 * @param minRatings  fewest ratings a movie needs to enter the word cloud
 */
public record PlotOptions(String movie, int sampleUsers, long seed, int top, double priorWeight, int minRatings) {

  public static final int DEFAULT_SAMPLE_USERS = 100;
  public static final long DEFAULT_SEED = 42;

  public static PlotOptions defaults() {
    return new PlotOptions(null, DEFAULT_SAMPLE_USERS, DEFAULT_SEED, TopMovies.DEFAULT_TOP,
        TopMovies.DEFAULT_PRIOR_WEIGHT, TopMovies.DEFAULT_MIN_RATINGS);
  }

  public PlotOptions withMovie(String title) {
    return new PlotOptions(title, sampleUsers, seed, top, priorWeight, minRatings);
  }

  public PlotOptions withSampleUsers(int n) {
    return new PlotOptions(movie, n, seed, top, priorWeight, minRatings);
  }

  public PlotOptions withMinRatings(int n) {
    return new PlotOptions(movie, sampleUsers, seed, top, priorWeight, n);
  }
}
