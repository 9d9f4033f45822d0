package org.cinerec.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.cinerec.Progress;
import org.cinerec.data.Dataset;
import org.cinerec.data.Ratings;
import org.cinerec.synth.Preset;
import org.cinerec.synth.SyntheticData;
import org.junit.jupiter.api.Test;

/**
 * The cold-start protocol's data on the tiny synthetic preset: popularity as of a time counts only training
 * ratings made by then, weighted by age; the validation users are training users, apart from the held-out.
 */
class ColdStartCurveTest {
  static final Dataset DATA = SyntheticData.generate(Preset.TINY, 7, Progress.NONE);

  @Test
  void recentPopularityCountsOnlyTrainingRatingsMadeByTheNthRatingWeightedByAge() {
    int[] held = ColdStartCurve.heldOutUsers(DATA, 3, 40, 0.1);
    ColdStartCurve.Protocol pr = new ColdStartCurve.Protocol(DATA, held, false);
    Ratings r = DATA.ratings();
    boolean[] isHeld = new boolean[DATA.numUsers()];
    for (int u : held) {
      isHeld[u] = true;
    }
    for (int u : held) {
      for (int n : ColdStartCurve.GIVEN) {
        long t = r.timestamp(pr.ordered[u][n - 1]);
        double[] expected = new double[DATA.numItems()];
        for (int p = 0; p < r.size(); p++) {
          if (!isHeld[r.user(p)] && r.timestamp(p) <= t) {
            expected[r.item(p)] += Math.pow(2, -(t - r.timestamp(p)) / (30 * 86_400.0));
          }
        }
        float[] got = pr.recentPopularity(u, n, 30, false);
        for (int i = 0; i < expected.length; i++) {
          assertEquals(expected[i], got[i], 1e-4 * Math.max(1, expected[i]),
              "user " + u + ", n " + n + ", movie " + i);
        }
      }
    }
  }

  @Test
  void theHeldOutUsersGiveTheirEarliestRatingsAndTheTestIsWhatComesAfterTheTwentieth() {
    int[] held = ColdStartCurve.heldOutUsers(DATA, 1, 40, 0.1);
    ColdStartCurve.Protocol pr = new ColdStartCurve.Protocol(DATA, held, false);
    Ratings r = DATA.ratings();
    int expectedTest = 0;
    for (int u : held) {
      int[] rows = pr.ordered[u];
      for (int j = 1; j < rows.length; j++) {
        assertTrue(r.timestamp(rows[j - 1]) <= r.timestamp(rows[j]), "time order of user " + u);
      }
      expectedTest += rows.length - 20;
    }
    assertEquals(expectedTest, pr.test(1).size());
    assertEquals(expectedTest, pr.test(20).size());
    assertEquals(r.size() - Arrays.stream(held).map(u -> pr.ordered[u].length).sum(), pr.base.ratings().size());
  }

  @Test
  void withTestRestEachNIsMeasuredOnEveryRatingAfterTheNthAndOnlyTheNGivenAreSeen() {
    int[] held = ColdStartCurve.heldOutUsers(DATA, 1, 40, 0.1);
    ColdStartCurve.Protocol pr = new ColdStartCurve.Protocol(DATA, held, true);
    int total = Arrays.stream(held).map(u -> pr.ordered[u].length).sum();
    for (int n : ColdStartCurve.GIVEN) {
      assertEquals(total - n * held.length, pr.test(n).size(), "test ratings after " + n + " given");
      assertEquals(pr.base.ratings().size() + n * held.length, pr.seen(n).ratings().size(), "seen after " + n);
    }
    Ratings r = DATA.ratings();
    int u = held[0];
    Ratings t5 = pr.test(5);
    long firstTested = java.util.stream.IntStream.range(0, t5.size())
        .filter(p -> t5.user(p) == u).count();
    assertEquals(pr.ordered[u].length - 5, firstTested);
    assertTrue(r.size() > 0);
  }

  @Test
  void validationUsersAreTrainingUsersAndNeverHeldOut() {
    int[] held = ColdStartCurve.heldOutUsers(DATA, 2, 40, 0.1);
    ColdStartCurve.Protocol pr = new ColdStartCurve.Protocol(DATA, held, false);
    int[] validation = ColdStartCurve.heldOutUsers(pr.base, ~2L, 40, 0.1);
    assertTrue(validation.length > 0);
    for (int v : validation) {
      assertFalse(Arrays.stream(held).anyMatch(h -> h == v), "user " + v + " is both held out and validation");
      assertTrue(pr.base.ratings().byUser().count(v) >= 40);
    }
    assertEquals(new ColdStartCurve.Schedule(0, 1), ColdStartCurve.GRID.get(0), "no prior comes first and wins ties");
  }
}
