package org.cinerec.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.cinerec.CinerecException;
import org.cinerec.math.TopK;
import org.cinerec.model.UserScorer;
import org.cinerec.testkit.Seeds;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The popularity prior: one hand-computed blend, the properties (an empty history ranks by popularity, a
 * history of N ratings or more by the model alone, the same bits every call), non-finite scores, errors.
 */
@ExtendWith(Seeds.class)
class PopularityPriorTest {

  /** A scorer handing out fixed scores, predicting 3 + score. */
  static UserScorer scorer(float[] scores, boolean personal) {
    return new UserScorer() {
      @Override
      public void scoreItems(float[] out) {
        System.arraycopy(scores, 0, out, 0, scores.length);
      }

      @Override
      public float predict(int item) {
        return 3 + scores[item];
      }

      @Override
      public boolean personal() {
        return personal;
      }
    };
  }

  static float[] scores(UserScorer s, int n) {
    float[] out = new float[n];
    s.scoreItems(out);
    return out;
  }

  @Test
  void blendsZScoresOfTheScoresAndOfLogPopularityByHand() {
    // popularity e − 1, e² − 1, 0 → log(1 + c) = 1, 2, 0: mean 1, sd √(2/3), z = 0, 1.2247, −1.2247
    float e = (float) Math.E;
    PopularityPrior prior = PopularityPrior.of(new float[] {e - 1, e * e - 1, 0}, 0.5, 10);
    // scores 3, 1, 2: mean 2, sd √(2/3), z = 1.2247, −1.2247, 0; w(5) = 0.5 · (1 − 5/10) = 0.25
    assertEquals(0.25, prior.weight(5), 1e-12);
    float[] out = scores(prior.apply(scorer(new float[] {3, 1, 2}, true), 5), 3);
    double z = Math.sqrt(1.5);
    assertArrayEquals(new float[] {(float) (0.75 * z), (float) (-0.75 * z + 0.25 * z), (float) (-0.25 * z)}, out,
        1e-5f);
  }

  @Test
  void theWeightIsOneForAnEmptyHistoryAndFadesLinearlyToZeroAtTheFadeOut() {
    PopularityPrior prior = PopularityPrior.of(new float[] {1, 2}, 0.6, 20);
    assertEquals(1, prior.weight(0));
    assertEquals(0.6 * 19 / 20, prior.weight(1), 1e-12);
    assertEquals(0.3, prior.weight(10), 1e-12);
    assertEquals(0, prior.weight(20));
    assertEquals(0, prior.weight(1000));
    assertEquals(0, PopularityPrior.OFF.weight(0));
    assertThrows(IllegalArgumentException.class, () -> prior.weight(-1));
    // a user who told attributes the model folded in: no rating weighs as the schedule's start, w0
    assertEquals(0.6, prior.weight(0, true), 1e-12);
    assertEquals(prior.weight(10), prior.weight(10, true));
    assertEquals(0, PopularityPrior.OFF.weight(0, true));
  }

  @RepeatedTest(20)
  void anEmptyHistoryIsRankedByPopularityAndALongOneByTheModelAlone(@Seeds.Seed long seed) {
    SplittableRandom rng = new SplittableRandom(seed);
    int n = 1 + rng.nextInt(200);
    float[] pop = new float[n];
    float[] model = new float[n];
    for (int i = 0; i < n; i++) {
      pop[i] = rng.nextInt(50);
      model[i] = (float) rng.nextGaussian();
    }
    PopularityPrior prior = PopularityPrior.of(pop, rng.nextDouble(), 1 + rng.nextInt(50));
    int k = Math.min(n, 10);
    int[] byPopularity = TopK.select(pop, k);
    assertArrayEquals(byPopularity, TopK.select(scores(prior.apply(scorer(model, false), 0), n), k),
        "seed " + seed);
    UserScorer personal = scorer(model, true);
    UserScorer late = prior.apply(personal, prior.fadeOut());
    assertSame(personal, late, "from N ratings on the scorer is the model's own");
    assertArrayEquals(TopK.select(model, k), TopK.select(scores(late, n), k));
  }

  @Test
  void theBlendIsTheSameBitsEveryCallAndKeepsPredictionsAndPersonal() {
    float[] pop = {5, 0, 12, 3, 3, 40};
    float[] model = {0.3f, -1.5f, 2f, 0.1f, 0.7f, -0.2f};
    UserScorer blended = PopularityPrior.of(pop, 0.8, 30).apply(scorer(model, true), 3);
    float[] first = scores(blended, 6);
    for (int call = 0; call < 5; call++) {
      assertArrayEquals(first, scores(PopularityPrior.of(pop, 0.8, 30).apply(scorer(model, true), 3), 6));
      assertArrayEquals(first, scores(blended, 6));
    }
    assertEquals(3 + 2f, blended.predict(2));
    assertTrue(blended.personal());
    assertFalse(PopularityPrior.of(pop, 0.8, 30).apply(scorer(model, false), 0).personal());
  }

  @Test
  void offChangesNothingAndAScheduleCanBeChangedOverTheSamePopularities() {
    UserScorer s = scorer(new float[] {1, 2}, true);
    assertSame(s, PopularityPrior.OFF.apply(s, 0));
    assertTrue(PopularityPrior.OFF.isOff());
    assertSame(PopularityPrior.OFF, PopularityPrior.OFF.withSchedule(0.5, 10));
    PopularityPrior a = PopularityPrior.of(new float[] {1, 9, 4}, 0.2, 10);
    PopularityPrior b = a.withSchedule(0.9, 40);
    assertEquals(0.9, b.weight());
    assertEquals(40, b.fadeOut());
    float[] model = {0.5f, 0.1f, 0.3f};
    assertArrayEquals(scores(PopularityPrior.of(new float[] {1, 9, 4}, 0.9, 40).apply(scorer(model, true), 4), 3),
        scores(b.apply(scorer(model, true), 4), 3));
  }

  @Test
  void nonFiniteScoresStayWhileTheModelHasWeightAndAreLeftOutOfItsZScores() {
    PopularityPrior prior = PopularityPrior.of(new float[] {1, 2, 3, 4}, 0.5, 10);
    float[] withHoles = {1, Float.NEGATIVE_INFINITY, 3, Float.NaN};
    float[] out = scores(prior.apply(scorer(withHoles, true), 1), 4);
    assertEquals(Float.NEGATIVE_INFINITY, out[1]);
    assertTrue(Float.isNaN(out[3]));
    assertTrue(Float.isFinite(out[0]) && Float.isFinite(out[2]) && out[2] > out[0]);
    float[] constant = scores(prior.apply(scorer(new float[] {2, 2, 2, 2}, true), 1), 4);
    for (int i = 1; i < 4; i++) {
      assertTrue(constant[i] > constant[i - 1], "a model without an opinion leaves popularity's order");
    }
  }

  @Test
  void badPopularitiesAndSchedulesAreRefusedNamingTheValue() {
    assertEquals("popularity -1.0 of movie 1 is not a finite count >= 0", assertThrows(
        IllegalArgumentException.class, () -> PopularityPrior.of(new float[] {1, -1}, 0.5, 10)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> PopularityPrior.of(new float[] {Float.NaN}, 0.5, 10));
    assertEquals("prior weight 1.5 is outside 0..1", assertThrows(IllegalArgumentException.class,
        () -> PopularityPrior.of(new float[] {1}, 1.5, 10)).getMessage());
    assertEquals("prior fade-out 0 is below 1 rating", assertThrows(IllegalArgumentException.class,
        () -> PopularityPrior.of(new float[] {1}, 0.5, 0)).getMessage());
    UserScorer blended = PopularityPrior.of(new float[] {1, 2}, 0.5, 10).apply(scorer(new float[] {1, 2, 3}, true), 1);
    assertThrows(IllegalArgumentException.class, () -> blended.scoreItems(new float[3]));
  }

  @Test
  void aScheduleIsParsedFromAFlagOrRefusedNamingItAndTheFix() {
    assertEquals(new PopularityPrior.Schedule(1, 100), PopularityPrior.Schedule.parse("--popularity-prior", "1,100"));
    assertEquals(new PopularityPrior.Schedule(0.4, 30),
        PopularityPrior.Schedule.parse("--popularity-prior", " 0.4, 30 "));
    assertEquals("1,100", new PopularityPrior.Schedule(1, 100).toString());
    assertEquals("0.4,30", new PopularityPrior.Schedule(0.4, 30).toString());
    assertEquals(null, PopularityPrior.Schedule.parse("--popularity-prior", "OFF"));
    for (String bad : new String[] {"1", "a,10", "0.5,x", "1,2,3", ""}) {
      CinerecException e = assertThrows(CinerecException.class,
          () -> PopularityPrior.Schedule.parse("--popularity-prior", bad));
      assertTrue(e.getMessage().startsWith("--popularity-prior \"" + bad + "\""), e.getMessage());
      assertTrue(e.getMessage().contains("off"), e.getMessage());
    }
    assertEquals("--popularity-prior \"2,10\": prior weight 2.0 is outside 0..1; give W0,N (e.g. 1,100) or off",
        assertThrows(CinerecException.class, () -> PopularityPrior.Schedule.parse("--popularity-prior", "2,10"))
            .getMessage());
  }
}
