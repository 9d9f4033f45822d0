package org.cinerec.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.cinerec.CinerecException;
import org.cinerec.Progress;
import org.cinerec.data.Catalog;
import org.cinerec.data.CsrIndex;
import org.cinerec.data.Dataset;
import org.cinerec.data.Ratings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SyntheticDataTest {
  static Dataset small;

  @BeforeAll
  static void generateSmall() {
    small = SyntheticData.generate(Preset.SMALL, 42, Progress.NONE);
  }

  @Test
  void theSameSeedGivesTheSameDataAndAnotherSeedOther() {
    Dataset a = SyntheticData.generate(Preset.TINY, 7, Progress.NONE);
    Dataset b = SyntheticData.generate(Preset.TINY, 7, Progress.NONE);
    Dataset c = SyntheticData.generate(Preset.TINY, 8, Progress.NONE);
    assertEquals(a.ratings(), b.ratings());
    assertEquals(a.catalog().title(17), b.catalog().title(17));
    assertNotEquals(a.ratings().fingerprint(), c.ratings().fingerprint());
  }

  @Test
  void theResultDoesNotDependOnTheNumberOfThreads() {
    Preset p = Preset.TINY.resized("t", 1_000, 800, 40_000); // 4 blocks of users
    Dataset one = SyntheticData.generate(p, 3, Progress.NONE, 1);
    Dataset three = SyntheticData.generate(p, 3, Progress.NONE, 3);
    Dataset all = SyntheticData.generate(p, 3, Progress.NONE, 0);
    assertEquals(one.ratings(), three.ratings());
    assertEquals(one.ratings(), all.ratings());
  }

  @Test
  void smallHasMovieLensLatestSmallsSize() {
    Ratings r = small.ratings();
    assertEquals(610, small.numUsers());
    assertEquals(9_742, small.numItems());
    assertEquals(100_836, r.size());
    assertEquals(610, r.activeUsers());
    assertTrue(r.activeItems() > 8_000, "most movies are rated: " + r.activeItems());
  }

  @Test
  void theFiveMillionPresetSitsBetweenOneAndTwentyFiveMillionAndHasItsStatedSize() {
    Preset p = Preset.byName("5m");
    assertEquals(Preset.SYN_5M, p);
    // users and movies: the geometric means of ml-1m's and ml-25m's (5M is half way on a log scale)
    assertEquals(Math.sqrt((double) Preset.ML_1M.users() * Preset.ML_25M.users()), p.users(), 1);
    assertEquals(Math.sqrt((double) Preset.ML_1M.items() * Preset.ML_25M.items()), p.items(), 1);
    assertTrue(p.zipf() > Preset.ML_1M.zipf() && p.zipf() < Preset.ML_25M.zipf());
    Dataset d = SyntheticData.generate(p, 42, Progress.NONE);
    Ratings r = d.ratings();
    assertEquals(5_000_000, r.size());
    assertEquals(31_333, d.numUsers());
    assertEquals(15_210, d.numItems());
    assertEquals(31_333, r.activeUsers());
    assertTrue(r.activeItems() > 10_000, "most movies are rated: " + r.activeItems());
    CsrIndex byUser = r.byUser();
    for (int u = 0; u < d.numUsers(); u++) {
      assertTrue(byUser.count(u) >= Preset.MIN_RATINGS && byUser.count(u) <= p.items() / 2, "user " + u);
    }
    assertTrue(r.mean() > 3.3 && r.mean() < 3.8, "mean " + r.mean());
  }

  @Test
  void ratingsAreHalfStarsWithAMeanNearThreeAndAHalfAndFourTheMostCommon() {
    Ratings r = small.ratings();
    long[] counts = new long[11];
    for (float x : r.ratings()) {
      assertTrue(x >= 0.5f && x <= 5f && x * 2 == Math.rint(x * 2), "half-star scale: " + x);
      counts[(int) (x * 2)]++;
    }
    assertEquals(3.5, r.mean(), 0.1);
    for (int k = 1; k <= 10; k++) {
      assertTrue(k == 8 || counts[k] < counts[8], "4.0 is the most common rating: " + Arrays.toString(counts));
    }
    assertTrue(counts[6] > counts[7] && counts[8] > counts[9], "whole stars are more common than half stars");
  }

  @Test
  void everyUserHasAtLeastTwentyRatingsAndActivityIsLongTailed() {
    CsrIndex byUser = small.ratings().byUser();
    int[] counts = new int[small.numUsers()];
    for (int u = 0; u < counts.length; u++) {
      counts[u] = byUser.count(u);
      assertTrue(counts[u] >= 20, "user " + u + " has " + counts[u]);
    }
    Arrays.sort(counts);
    assertTrue(counts[counts.length - 1] > 10 * counts[counts.length / 2], "heaviest user >> median user");
  }

  @Test
  void moviepopularityIsLongTailed() {
    CsrIndex byItem = small.ratings().byItem();
    int[] counts = new int[small.numItems()];
    for (int i = 0; i < counts.length; i++) {
      counts[i] = byItem.count(i);
    }
    Arrays.sort(counts);
    long top = 0;
    for (int k = counts.length - counts.length / 100; k < counts.length; k++) {
      top += counts[k];
    }
    assertTrue(top > small.ratings().size() / 10, "the top 1% of movies have over 10% of the ratings: " + top);
    assertTrue(counts[counts.length / 2] <= 10, "the median movie has few ratings: " + counts[counts.length / 2]);
  }

  @Test
  void rowsAreSortedByUserThenMovieAndTimestampsIncreaseWithinTheRange() {
    Ratings r = small.ratings();
    long first = Preset.SMALL.firstSecond();
    long last = Preset.SMALL.lastSecond();
    CsrIndex byUser = r.byUser();
    for (int i = 1; i < r.size(); i++) {
      assertTrue(r.user(i - 1) < r.user(i) || r.user(i - 1) == r.user(i) && r.item(i - 1) < r.item(i), "row " + i);
    }
    for (int u = 0; u < r.numUsers(); u++) {
      long[] times = new long[byUser.count(u)];
      for (int j = 0; j < times.length; j++) {
        times[j] = r.timestamp(byUser.positions()[byUser.start(u) + j]);
        assertTrue(times[j] >= first && times[j] <= last, "user " + u + " time " + times[j]);
      }
      Arrays.sort(times);
      for (int j = 1; j < times.length; j++) {
        assertTrue(times[j] > times[j - 1], "user " + u + " has distinct, increasing times");
      }
    }
  }

  @Test
  void catalogHasReadableTitlesYearsAndMovieLensGenres() {
    Catalog c = small.catalog();
    var known = java.util.Set.of(Titles.GENRES);
    for (int i = 0; i < c.size(); i++) {
      assertTrue(c.title(i).matches("[A-Z][A-Za-z' :-]+( II| III| 2)?"), c.title(i));
      assertTrue(c.year(i) >= 1902 && c.year(i) <= 2018, c.title(i) + " " + c.year(i));
      assertTrue(c.genres(i).length >= 1 && known.containsAll(Arrays.asList(c.genres(i))));
    }
    assertEquals("synthetic", small.provenance().format());
    assertEquals(java.util.List.of("synthetic preset small, seed 42"), small.provenance().notes());
  }

  @Test
  void aUserWhoLovesAGenreKeepsLovingItSoTastesAreLearnable() {
    // For each user: of the genres with the best and the worst mean in their earlier half of ratings (by
    // time), the best is still rated higher in the later half, for far more users than chance would give.
    Ratings r = small.ratings();
    Catalog c = small.catalog();
    CsrIndex byUser = r.byUser();
    int agree = 0;
    int users = 0;
    for (int u = 0; u < r.numUsers(); u++) {
      int n = byUser.count(u);
      long[] order = new long[n];
      for (int j = 0; j < n; j++) {
        int p = byUser.positions()[byUser.start(u) + j];
        order[j] = (r.timestamp(p) << 24) | p; // p < 2^24 here
      }
      Arrays.sort(order);
      double[][] early = genreMeans(r, c, order, 0, n / 2);
      double[][] late = genreMeans(r, c, order, n / 2, n);
      int best = -1;
      int worst = -1;
      for (int g = 0; g < early.length; g++) {
        if (early[g][1] >= 15 && late[g][1] >= 15) {
          best = best < 0 || early[g][0] > early[best][0] ? g : best;
          worst = worst < 0 || early[g][0] < early[worst][0] ? g : worst;
        }
      }
      if (best < 0 || best == worst) {
        continue;
      }
      users++;
      if (late[best][0] > late[worst][0]) {
        agree++;
      }
    }
    // without taste structure the best and worst genres of the first half would each win half the time
    assertTrue(users > 200, "users with enough ratings: " + users);
    assertTrue(agree > 0.75 * users, agree + " of " + users + " users still prefer their early favourite genre");
  }

  @Test
  void whatAUserWatchesDependsOnWhoTheyAreSoTheirFavouriteGenreKeepsItsLiftOverTheCatalogue() {
    // Per user: the genre most over-represented (vs all ratings) in their earlier half of ratings by time; its
    // share of their later half over its share of all ratings (lift). Without a personal signal in the choice
    // of movies the median lift is about 1 (0.97 before taste groups); ml-latest-small has 1.34.
    Ratings r = small.ratings();
    Catalog c = small.catalog();
    int genres = Titles.GENRES.length;
    int[][] genreIds = new int[c.size()][];
    for (int i = 0; i < c.size(); i++) {
      genreIds[i] = Arrays.stream(c.genres(i)).mapToInt(g -> Arrays.asList(Titles.GENRES).indexOf(g)).toArray();
    }
    double[] share = new double[genres];
    for (int p = 0; p < r.size(); p++) {
      for (int g : genreIds[r.item(p)]) {
        share[g] += 1.0 / r.size();
      }
    }
    CsrIndex byUser = r.byUser();
    double[] lifts = new double[r.numUsers()];
    for (int u = 0; u < r.numUsers(); u++) {
      int n = byUser.count(u);
      long[] order = new long[n];
      for (int j = 0; j < n; j++) {
        int p = byUser.positions()[byUser.start(u) + j];
        order[j] = (r.timestamp(p) << 24) | p;
      }
      Arrays.sort(order);
      int half = n / 2;
      int[] early = new int[genres];
      for (int j = 0; j < half; j++) {
        for (int g : genreIds[r.item((int) (order[j] & 0xFFFFFF))]) {
          early[g]++;
        }
      }
      int fav = 0;
      for (int g = 0; g < genres; g++) {
        double lift = early[g] >= 3 ? early[g] / share[g] : 0;
        fav = lift > (early[fav] >= 3 ? early[fav] / share[fav] : 0) ? g : fav;
      }
      int late = 0;
      for (int j = half; j < n; j++) {
        for (int g : genreIds[r.item((int) (order[j] & 0xFFFFFF))]) {
          late += g == fav ? 1 : 0;
        }
      }
      lifts[u] = late / (double) (n - half) / share[fav];
    }
    Arrays.sort(lifts);
    double median = lifts[lifts.length / 2];
    assertTrue(median > 1.6, "median lift of the early favourite genre in the later half: " + median);
  }

  private static double[][] genreMeans(Ratings r, Catalog c, long[] order, int from, int to) {
    double[][] m = new double[Titles.GENRES.length][2];
    for (int j = from; j < to; j++) {
      int p = (int) (order[j] & 0xFFFFFF);
      for (String g : c.genres(r.item(p))) {
        int k = Arrays.asList(Titles.GENRES).indexOf(g);
        m[k][0] += r.rating(p);
        m[k][1]++;
      }
    }
    for (double[] x : m) {
      x[0] = x[1] == 0 ? 0 : x[0] / x[1];
    }
    return m;
  }

  @Test
  void usersAtTheActivityCapHandTheirSurplusToOthersSoTheTotalIsExact() {
    Dataset tiny = SyntheticData.generate(Preset.TINY, 1, Progress.NONE); // 50 users, cap 250 of 500 movies
    assertEquals(3_000, tiny.ratings().size());
    CsrIndex byUser = tiny.ratings().byUser();
    for (int u = 0; u < tiny.numUsers(); u++) {
      assertTrue(byUser.count(u) >= 20 && byUser.count(u) <= 250, "user " + u + ": " + byUser.count(u));
    }
  }

  @Test
  void anUnknownPresetIsAUsageErrorListingThePresets() {
    CinerecException e = assertThrows(CinerecException.class, () -> Preset.byName("huge"));
    assertEquals("--preset \"huge\" is unknown; use one of tiny, small, 1m, 5m, 25m, tweetings", e.getMessage());
    assertEquals(Preset.ML_25M, Preset.byName("ml-25m"));
    assertEquals(Preset.SMALL, Preset.byName("ml-latest-small"));
  }

  @Test
  void theTweetingsPresetRatesZeroToTenWithAMeanNearSevenAndImdbLikePaddedIds() {
    Dataset d = SyntheticData.generate(Preset.TWEETINGS, 42, Progress.NONE);
    Ratings r = d.ratings();
    assertEquals(100_000, r.size(), 500);
    long[] counts = new long[11];
    for (float x : r.ratings()) {
      assertTrue(x >= 0 && x <= 10 && x == Math.rint(x), "whole ratings 0..10: " + x);
      counts[(int) x]++;
    }
    assertTrue(counts[0] > 0 && counts[10] > 0, Arrays.toString(counts));
    assertEquals(7.0, r.mean(), 0.5);
    long padded = 0;
    for (int i = 0; i < d.numItems(); i++) {
      String id = d.items().id(i);
      assertEquals(7, id.length(), id);
      padded += id.startsWith("00") ? 1 : 0;
    }
    assertTrue(padded > d.numItems() / 20, "some ids have several leading zeros: " + padded);
    assertEquals(new org.cinerec.data.RatingScale(0, 10, 1, org.cinerec.data.RatingScale.Source.FORMAT), d.scale(),
        "the generator's data carries its own scale");
    assertEquals(org.cinerec.data.RatingScale.HALF_STARS, SyntheticData.generate(Preset.TINY, 1, Progress.NONE).scale());
  }
}
