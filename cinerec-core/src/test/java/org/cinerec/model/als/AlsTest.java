package org.cinerec.model.als;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cinerec.CinerecException;
import org.cinerec.data.Catalog;
import org.cinerec.data.Dataset;
import org.cinerec.data.IdIndex;
import org.cinerec.data.Provenance;
import org.cinerec.data.Ratings;
import org.cinerec.math.Rng;
import org.cinerec.model.ModelFamilies;
import org.cinerec.model.Params;
import org.cinerec.model.mf.FactorModel;
import org.cinerec.model.mf.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AlsTest {
  private static final int USERS = 30;
  private static final int ITEMS = 20;

  /**
   * Spark 4.0.1's initial user factors for this fixture, rank 3, seed 42: {@code ALS.initialize} with 10
   * user blocks (user id mod 10), ids sorted in a block, {@code XORShiftRandom(byteswap64(seed' ^ block))}
   * Gaussians scaled to unit norm, where seed' is the first {@code nextLong} of {@code XORShiftRandom(42)}.
   * Printed by Spark's own classes ({@code SparkStart.sparkStart} in scripts/spark-als-start with rank 3), one
   * row per user id 1..30.
   */
  private static final float[] SPARK_START_RANK3_SEED42 = {
      -0.67961943f, -0.6486739f, -0.3425485f, // user 1
      -0.6327049f, -0.7050873f, 0.32021317f, // user 2
      -0.24086097f, 0.6856111f, -0.6869668f, // user 3
      -0.9291272f, 0.3232248f, 0.17957827f, // user 4
      0.48462015f, 0.4820129f, 0.72993624f, // user 5
      0.42805701f, -0.69915235f, -0.572672f, // user 6
      -0.6154142f, -0.7858469f, 0.060910612f, // user 7
      -0.7874069f, 0.52715456f, 0.31952855f, // user 8
      -0.6728576f, 0.32287094f, 0.66559523f, // user 9
      0.41899365f, -0.6078087f, 0.6745464f, // user 10
      0.64207923f, 0.19208047f, 0.7421856f, // user 11
      -0.41932648f, 0.20471212f, 0.8844536f, // user 12
      0.3391296f, 0.9187154f, 0.2023685f, // user 13
      0.0043534283f, -0.9024487f, -0.43077543f, // user 14
      0.8778492f, -0.4779054f, 0.03141797f, // user 15
      -0.4000872f, -0.87133974f, 0.2840729f, // user 16
      0.4913182f, 0.18191835f, -0.85177004f, // user 17
      0.078582115f, -0.7253307f, -0.6839008f, // user 18
      0.9604715f, 0.27239302f, 0.05741606f, // user 19
      -0.85934454f, -0.38634676f, 0.3350568f, // user 20
      0.53748465f, 0.5085572f, 0.67266613f, // user 21
      0.59925413f, -0.7486752f, 0.2835136f, // user 22
      -0.6028123f, -0.77975243f, 0.16912577f, // user 23
      0.81279737f, -0.25570115f, 0.5234284f, // user 24
      0.92962456f, -0.06920742f, -0.36195093f, // user 25
      -0.059869852f, 0.17480493f, -0.98278123f, // user 26
      -0.53120077f, 0.8470012f, -0.020361643f, // user 27
      -0.8392636f, -0.5154972f, -0.17291398f, // user 28
      -0.6691392f, 0.2905566f, -0.68398064f, // user 29
      -0.25539938f, 0.74102414f, -0.6210109f, // user 30
  };

  /**
   * Fixture cells: users 1..30 × movies 1..20, skipping a third; a seventh of the cells are the test rows.
   * User and movie ids are the integers 1..30 and 1..20 (index + 1), as in the CSV files Spark read.
   */
  private record Fixture(Dataset train, Ratings test) {}

  private static Fixture fixture() {
    List<float[]> train = new ArrayList<>();
    List<float[]> test = new ArrayList<>();
    for (int u = 1; u <= USERS; u++) {
      for (int i = 1; i <= ITEMS; i++) {
        if ((u * 5 + i * 11) % 3 == 0) {
          continue;
        }
        float r = 0.5f * (1 + (u * 7 + i * 3 + u * i) % 10);
        ((u + 2 * i) % 7 == 0 ? test : train).add(new float[] {u - 1, i - 1, r});
      }
    }
    return new Fixture(dataset(train), dataset(test).ratings());
  }

  private static Dataset dataset(List<float[]> rows) {
    int n = rows.size();
    int[] us = new int[n];
    int[] is = new int[n];
    float[] rs = new float[n];
    for (int k = 0; k < n; k++) {
      us[k] = (int) rows.get(k)[0];
      is[k] = (int) rows.get(k)[1];
      rs[k] = rows.get(k)[2];
    }
    String[] users = new String[USERS];
    for (int u = 0; u < USERS; u++) {
      users[u] = Integer.toString(u + 1);
    }
    String[] items = new String[ITEMS];
    Catalog.Builder cb = Catalog.builder();
    for (int i = 0; i < ITEMS; i++) {
      items[i] = Integer.toString(i + 1);
      cb.addPlaceholder(items[i]);
    }
    Ratings r = new Ratings(us, is, rs, new int[n], USERS, ITEMS);
    return new Dataset(r, IdIndex.of(users), IdIndex.of(items), cb.build(), Provenance.of("test", n, null));
  }

  /** RMSE of the unclipped float dot products, as Spark's ALSModel predicts. */
  private static double sparkRmse(FactorModel m, Ratings test) {
    FactorModel.Parts p = m.parts();
    int k = p.dim();
    double sse = 0;
    for (int n = 0; n < test.size(); n++) {
      float dot = 0f;
      for (int f = 0; f < k; f++) {
        dot += p.userFactors()[test.user(n) * k + f] * p.itemFactors()[test.item(n) * k + f];
      }
      double e = dot - test.rating(n);
      sse += e * e;
    }
    return Math.sqrt(sse / test.size());
  }

  private static Params params(String factors, String iterations, String reg) {
    return AlsFamily.PARAMS.parse(Map.of("factors", factors, "iterations", iterations, "reg", reg));
  }

  /**
   * Known answers from Spark 4.0.1 MLlib ALS (local[2], seed 42, the peers' spark-als runner on this
   * fixture written as train.csv/test.csv): test RMSE 1.140735 for rank 3, 10 iterations, regParam 0.1 and
   * 1.486376 for rank 3, 4 iterations, regParam 0.05. Started from Spark's initial factors, als must give
   * the same RMSE: same normal equations, same λ·n weighting, same order (items first).
   */
  @ParameterizedTest
  @CsvSource({"10, 0.1, 1.140735", "4, 0.05, 1.486376"})
  void startedFromSparksInitialFactorsGivesSparksRmse(String iterations, String reg, double spark) {
    Fixture f = fixture();
    FactorModel m = (FactorModel) new AlsTrainer(params("3", iterations, reg), SPARK_START_RANK3_SEED42)
        .fit(f.train());
    assertEquals(spark, sparkRmse(m, f.test()), 2e-6);
  }

  /** The same fit end to end: {@code --init spark} draws Spark's start itself. */
  @ParameterizedTest
  @CsvSource({"10, 0.1, 1.140735", "4, 0.05, 1.486376"})
  void withInitSparkGivesSparksRmse(String iterations, String reg, double spark) {
    Fixture f = fixture();
    FactorModel m = (FactorModel) ModelFamilies.trainer("als",
        Map.of("factors", "3", "iterations", iterations, "reg", reg, "init", "spark", "seed", "42")).fit(f.train());
    assertEquals(spark, sparkRmse(m, f.test()), 2e-6);
  }

  @Test
  void drawsSparksInitialUserFactorsBitForBit() {
    Fixture f = fixture();
    int[] counts = new int[USERS];
    for (int u : f.train().ratings().users()) {
      counts[u]++;
    }
    assertArrayEquals(SPARK_START_RANK3_SEED42, SparkInit.userFactors(f.train().users(), counts, 3, 42));
  }

  /** Known answers printed by Spark 4.0.1's XORShiftRandom and Scala 2.13's byteswap64. */
  @Test
  void reproducesSparksXorShiftRandomAndScalasByteswap64() {
    SparkInit.XorShiftRandom r = new SparkInit.XorShiftRandom(42);
    assertEquals(1907851442491015307L, r.nextLong());
    assertEquals(0.036849333581687405, r.nextGaussian(), 0.0);
    assertEquals(-116552790, r.nextInt());
    assertEquals(2236810499658231116L, new SparkInit.XorShiftRandom(0).nextLong());
    assertEquals(-370030241184497103L, SparkInit.byteswap64(42));
    assertEquals(-8117685445182240083L, SparkInit.byteswap64(-1L));
  }

  @Test
  void initSparkRejectsUserIdsThatAreNotIntegers() {
    Dataset d = Fixtures.dataset(3, 2, new int[] {0, 1, 2}, new int[] {0, 1, 0}, new float[] {4, 3, 5});
    CinerecException e = assertThrows(CinerecException.class,
        () -> ModelFamilies.trainer("als", Map.of("init", "spark")).fit(d));
    assertEquals("als --init spark needs integer user ids, as Spark ALS has; user id 'u0' is not one"
        + " (use --init random)", e.getMessage());
  }

  @Test
  void startedFromItsOwnSeededDrawGivesTheSeededModel() {
    Fixture f = fixture();
    Params p = params("3", "10", "0.1");
    float[] start = AlsTrainer.unitRows(new Rng(p.getLong("seed")).split(), USERS, 3);
    FactorModel given = (FactorModel) new AlsTrainer(p, start).fit(f.train());
    FactorModel drawn = (FactorModel) new AlsTrainer(p).fit(f.train());
    assertArrayEquals(drawn.parts().userFactors(), given.parts().userFactors());
    assertArrayEquals(drawn.parts().itemFactors(), given.parts().itemFactors());
  }

  @Test
  void rejectsInitialFactorsOfTheWrongSize() {
    Fixture f = fixture();
    AlsTrainer t = new AlsTrainer(params("3", "10", "0.1"), new float[USERS * 3 - 1]);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> t.fit(f.train()));
    assertEquals("initial user factors: 89 values, expected 30 users × 3 factors", e.getMessage());
  }
}
