package org.cinerec.viz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.cinerec.CinerecException;
import org.cinerec.data.Dataset;
import org.cinerec.data.Ratings;
import org.cinerec.viz.stats.GenreStats;
import org.cinerec.viz.stats.LongTail;
import org.cinerec.viz.stats.MovieRatings;
import org.cinerec.viz.stats.RatingHistogram;
import org.cinerec.viz.stats.RatingsOverTime;
import org.cinerec.viz.stats.Sparsity;
import org.cinerec.viz.stats.TopMovies;
import org.cinerec.viz.stats.UserActivity;
import org.cinerec.viz.stats.UserSample;
import org.cinerec.data.RatingScale;
import org.junit.jupiter.api.Test;

class StatsTest {
  private final Dataset tiny = Fixtures.tiny();

  @Test
  void histogramBarsAreTheHalfStarCountsAndSumToTheRatingCount() {
    RatingHistogram h = RatingHistogram.of(tiny.ratings(), RatingScale.HALF_STARS);
    // bins 0.5 .. 5.0: 2.0 once, 3.0 once, 4.0 twice, 4.5 three times, 5.0 three times
    assertArrayEquals(new long[] {0, 0, 0, 1, 0, 1, 0, 2, 3, 3}, h.counts());
    assertEquals(10, h.binned());
    assertEquals(tiny.ratings().size(), h.total());
    assertEquals(4.15, h.mean(), 1e-9);
  }

  @Test
  void ratingsOffTheHalfStarScaleAreCountedApartNotDrawn() {
    Ratings r = new Ratings(new int[] {0, 0, 0, 0}, new int[] {0, 1, 2, 3}, new float[] {0.0f, 5.5f, 3.2f, 0.74f},
        new int[4], 1, 4);
    RatingHistogram h = RatingHistogram.of(r, RatingScale.HALF_STARS);
    assertEquals(2, h.offScale());
    assertEquals(1, h.counts()[h.bins().bin(3.0f)]);
    assertEquals(1, h.counts()[h.bins().bin(0.5f)]);
    assertEquals(h.total(), h.binned() + h.offScale());
  }

  @Test
  void userActivityBinsCountEveryUserWithRatings() {
    UserActivity a = UserActivity.of(tiny.ratings());
    assertEquals(4, a.activeUsers());
    assertEquals(4, Arrays.stream(a.users()).sum());
    assertArrayEquals(new long[] {2}, a.lower());
    assertArrayEquals(new long[] {5}, a.upper());
    assertEquals("2–4", a.label(0));
    assertEquals(2, a.min());
    assertEquals(2.5, a.median());
    assertEquals(3, a.max());
  }

  @Test
  void userActivityUsesOneTwoFiveBins() {
    int[] users = new int[1 + 7 + 120];
    int[] counts = {1, 7, 120};
    int p = 0;
    for (int u = 0; u < 3; u++) {
      for (int k = 0; k < counts[u]; k++) {
        users[p++] = u;
      }
    }
    int[] items = new int[users.length];
    for (int i = 0; i < items.length; i++) {
      items[i] = i;
    }
    Ratings r = new Ratings(users, items, new float[users.length], new int[users.length], 3, users.length);
    UserActivity a = UserActivity.of(r);
    assertArrayEquals(new long[] {1, 2, 5, 10, 20, 50, 100}, a.lower());
    assertArrayEquals(new long[] {1, 0, 1, 0, 0, 0, 1}, a.users());
  }

  @Test
  void oneMovieIsFoundByTitleAndItsRatingsBinned() {
    MovieRatings m = MovieRatings.of(tiny, "rocky iii");
    assertEquals(0, m.item());
    assertEquals("Rocky III (1982)", m.title());
    assertEquals(4, m.histogram().total());
    assertEquals(2, m.histogram().counts()[m.histogram().bins().bin(4.5f)]);
  }

  @Test
  void theDefaultMovieIsRockyIiiWhenPresentElseTheMostRated() {
    assertEquals("Rocky III (1982)", MovieRatings.of(tiny, (String) null).title());
    Dataset synthetic = Fixtures.synthetic();
    MovieRatings m = MovieRatings.of(synthetic, (String) null);
    var byItem = synthetic.ratings().byItem();
    for (int i = 0; i < byItem.numKeys(); i++) {
      assertTrue(byItem.count(i) <= m.histogram().total());
    }
  }

  @Test
  void aHistoryOfOneEpochIsNoLearningCurve() {
    var info = new org.cinerec.model.ModelInfo("x", java.util.Map.of(), 1, 0, 0, "f", java.util.List.of(), null, "v",
        "17", "now", 0, java.util.List.of(new org.cinerec.model.ModelInfo.EpochRecord(1, 0.1, java.util.Map.of("rmse", 1.0))), 0.5, 5.0);
    CinerecException e = assertThrows(CinerecException.class,
        () -> org.cinerec.viz.stats.LearningCurves.of("x", info));
    assertTrue(e.getMessage().contains("recorded 1 training epoch,"), e.getMessage());
  }

  @Test
  void anUnknownTitleFailsWithCloseMatches() {
    CinerecException e = assertThrows(CinerecException.class, () -> MovieRatings.of(tiny, "Rocky IX"));
    assertTrue(e.getMessage().contains("close matches"), e.getMessage());
    assertTrue(e.getMessage().contains("Rocky"), e.getMessage());
  }

  @Test
  void anUnratedMovieIsAClearErrorNotAnEmptyPicture() {
    CinerecException e = assertThrows(CinerecException.class, () -> MovieRatings.of(tiny, "Unrated Movie"));
    assertTrue(e.getMessage().contains("no ratings"), e.getMessage());
  }

  @Test
  void dampedMeanRankingMatchesTheHandComputedOne() {
    // C = 41.5 / 10 = 4.15, m = 4:
    // m2 (9.5 + 16.6) / 6 = 4.35, m0 (18 + 16.6) / 8 = 4.325, m3 (5 + 16.6) / 5 = 4.32, m1 (9 + 16.6) / 7 = 3.657
    TopMovies t = TopMovies.of(tiny, 25, 4, 1);
    assertArrayEquals(new int[] {2, 0, 3, 1}, t.items());
    assertEquals(4.35, t.damped()[0], 1e-9);
    assertEquals(4.325, t.damped()[1], 1e-9);
    assertEquals(4.32, t.damped()[2], 1e-9);
    assertEquals(25.6 / 7, t.damped()[3], 1e-9);
    assertArrayEquals(new double[] {4.75, 4.5, 5.0, 3.0}, t.mean(), 1e-9);
    assertEquals(4, t.eligible());
    // the raw mean would crown m3's single 5.0; the damped mean puts it third
  }

  @Test
  void moviesWithTooFewRatingsDoNotTakePart() {
    TopMovies t = TopMovies.of(tiny, 2, 4, 2);
    assertArrayEquals(new int[] {2, 0}, t.items());
    assertEquals(3, t.eligible());
    CinerecException e = assertThrows(CinerecException.class, () -> TopMovies.of(tiny, 25, 4, 5));
    assertTrue(e.getMessage().contains("--min-ratings"), e.getMessage());
  }

  @Test
  void userSampleTakesKUsersWithAllTheirRatingsOrderedByMean() {
    UserSample s = UserSample.of(tiny, 3, 11);
    assertEquals(3, s.size());
    int points = Arrays.stream(s.counts()).sum();
    assertEquals(points, s.x().length);
    for (int j = 1; j < s.size(); j++) {
      assertTrue(s.means()[j - 1] <= s.means()[j]);
    }
    for (int q = 0; q < s.x().length; q++) {
      assertTrue(Math.abs(s.y()[q] - s.rating()[q]) <= UserSample.Y_JITTER + 1e-6);
    }
    UserSample again = UserSample.of(tiny, 3, 11);
    assertArrayEquals(s.userIds(), again.userIds());
    assertArrayEquals(s.x(), again.x());
  }

  @Test
  void aSampleLargerThanTheUsersIsAClearError() {
    CinerecException e = assertThrows(CinerecException.class, () -> UserSample.of(tiny, 5, 1));
    assertTrue(e.getMessage().contains("--sample-users 5"), e.getMessage());
    assertTrue(e.getMessage().contains("(4)"), e.getMessage());
  }

  @Test
  void longTailSharesFollowTheSortedCounts() {
    LongTail t = LongTail.of(tiny.ratings());
    // counts sorted: 4, 3, 2, 1, 0 of 10
    assertArrayEquals(new double[] {0, 0.2, 0.4, 0.6, 0.8, 1.0}, t.movieShare(), 1e-12);
    assertArrayEquals(new double[] {0, 0.4, 0.7, 0.9, 1.0, 1.0}, t.ratingShare(), 1e-12);
    assertEquals(0.4, t.half(), 1e-12);
    assertEquals(0.6, t.eighty(), 1e-12);
    assertEquals(4, t.ratedMovies());
  }

  @Test
  void ratingsOverTimeCountsPerMonthForShortSpans() {
    RatingsOverTime t = RatingsOverTime.of(tiny.ratings());
    assertTrue(t.monthly()); // 2000..2003 is less than four calendar years apart
    assertEquals(10, Arrays.stream(t.counts()).sum());
    assertEquals("2000-01", t.labels()[0]);
    assertEquals(3, t.counts()[0]);
    assertEquals((5 + 4 + 5) / 3.0, t.means()[0], 1e-6);
    // the picture's x axis counts months from the first and labels whole months only
    assertEquals("2000-01", org.cinerec.viz.chart.DataCharts.monthLabel(t, 0));
    assertEquals("2000-12", org.cinerec.viz.chart.DataCharts.monthLabel(t, 11));
    assertEquals("2001-01", org.cinerec.viz.chart.DataCharts.monthLabel(t, 12));
    assertEquals("", org.cinerec.viz.chart.DataCharts.monthLabel(t, 2.5));
    assertEquals("", org.cinerec.viz.chart.DataCharts.monthLabel(t, -1));
  }

  @Test
  void genreStatsCountMoviesInEachOfTheirGenres() {
    GenreStats g = GenreStats.of(tiny);
    assertArrayEquals(new String[] {"Comedy", "Drama", "Horror", GenreStats.NO_GENRE}, g.genres());
    assertArrayEquals(new long[] {7, 6, 1, 0}, g.ratings());
    assertArrayEquals(new int[] {2, 2, 1, 1}, g.movies());
    assertEquals((18 + 9.5) / 6, g.means()[1], 1e-6);
    assertTrue(Double.isNaN(g.means()[3]));
  }

  @Test
  void sparsityCellsHoldTheShareOfRatedPairs() {
    Sparsity s = Sparsity.of(tiny.ratings());
    assertEquals(4, s.rows());
    assertEquals(4, s.cols());
    assertEquals(10 / 16.0, s.fill(), 1e-12);
    double sum = 0;
    for (double[] row : s.density()) {
      for (double d : row) {
        sum += d;
      }
    }
    assertEquals(10, sum, 1e-9); // one pair per cell here
    assertEquals(1.0, s.density()[0][0]); // the most active user rated the most rated movie
  }

  @Test
  void everyPictureOfAnEmptyDatasetIsAClearError() {
    Dataset empty = Fixtures.empty();
    for (Picture p : Picture.dataPictures()) {
      CinerecException e = assertThrows(CinerecException.class, () -> Pictures.of(empty, p, PlotOptions.defaults()));
      assertTrue(e.getMessage().contains("no ratings"), p + ": " + e.getMessage());
    }
  }
}
