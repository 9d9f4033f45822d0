package org.cinerec.math;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.cinerec.testkit.Seeds;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(Seeds.class)
class TopKTest {

  @Test
  void picksTheBestScoresBestFirstForKBelowEqualAndAboveTheItemCount() {
    float[] scores = {0.5f, 3f, -1f, 3f, 2f};
    assertArrayEquals(new int[] {1, 3}, TopK.select(scores, 2));
    assertArrayEquals(new int[] {1, 3, 4, 0, 2}, TopK.select(scores, 5));
    assertArrayEquals(new int[] {1, 3, 4, 0, 2}, TopK.select(scores, 9));
    assertArrayEquals(new int[0], TopK.select(scores, 0));
  }

  @Test
  void neverReturnsExcludedOrNanItems() {
    float[] scores = {Float.NEGATIVE_INFINITY, 1f, Float.NaN, -5f};
    assertArrayEquals(new int[] {1, 3}, TopK.select(scores, 4));
  }

  @Test
  void rejectsNegativeK() {
    assertThrows(IllegalArgumentException.class, () -> TopK.select(new float[3], -1));
  }

  @RepeatedTest(20)
  void agreesWithASortOnRandomScores(@Seeds.Seed long seed) {
    Rng rng = new Rng(seed);
    int n = 1 + rng.nextInt(300);
    float[] scores = new float[n];
    for (int i = 0; i < n; i++) {
      scores[i] = rng.nextInt(4) == 0 ? (float) rng.nextInt(5) : (float) rng.nextGaussian(); // many ties
    }
    int k = rng.nextInt(n + 3);
    int[] expected = IntStream.range(0, n).boxed()
        .sorted(Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(i -> i))
        .limit(k).mapToInt(Integer::intValue).toArray();
    assertArrayEquals(expected, TopK.select(scores, k), "seed " + seed + " scores " + Arrays.toString(scores));
  }
}
