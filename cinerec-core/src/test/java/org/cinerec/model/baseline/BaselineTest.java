package org.cinerec.model.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
import org.cinerec.CinerecException;
import org.cinerec.data.Dataset;
import org.cinerec.model.ModelFamilies;
import org.cinerec.model.Recommender;
import org.cinerec.model.ModelFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineTest {
  private static final double EPS = 1e-5;

  // u0 rated m0 4 and m1 2; u1 rated m0 5. mu = 11/3
  static final Dataset SMALL = Tiny.of(2, 2, new double[] {0, 0, 4}, new double[] {0, 1, 2}, new double[] {1, 0, 5});

  private static BaselineModel fit(Dataset data, Map<String, String> params) {
    return (BaselineModel) ModelFamilies.trainer("baseline", params).fit(data);
  }

  @Test
  void oneAlsEpochMatchesTheClosedFormUpdatesByHand() {
    BaselineModel m = fit(SMALL, Map.of("epochs", "1"));
    double mu = 11.0 / 3;
    // items first, b_u = 0: b_m0 = ((4 - mu) + (5 - mu)) / (10 + 2) = 0.138889; b_m1 = (2 - mu) / (10 + 1) = -0.151515
    double bi0 = ((4 - mu) + (5 - mu)) / 12;
    double bi1 = (2 - mu) / 11;
    // then users: b_u0 = ((4 - mu - bi0) + (2 - mu - bi1)) / (15 + 2) = -0.077689; b_u1 = (5 - mu - bi0) / 16 = 0.074653
    double bu0 = ((4 - mu - bi0) + (2 - mu - bi1)) / 17;
    double bu1 = (5 - mu - bi0) / 16;
    assertEquals(0.138889, bi0, 1e-6);
    assertEquals(-0.077689, bu0, 1e-6);
    assertEquals(mu, m.globalMean(), EPS);
    assertEquals(bi0, m.itemBias(0), EPS);
    assertEquals(bi1, m.itemBias(1), EPS);
    assertEquals(bu0, m.userBias(0), EPS);
    assertEquals(bu1, m.userBias(1), EPS);
    assertEquals(mu + bu1 + bi1, m.predict(1, 1), EPS);
  }

  @Test
  void oneSgdEpochMatchesTheUpdatesByHand() {
    BaselineModel m = fit(SMALL, Map.of("method", "sgd", "epochs", "1"));
    double mu = 11.0 / 3;
    double lr = 0.005;
    double reg = 0.02;
    double bu0 = 0;
    double bu1 = 0;
    double bi0 = 0;
    double bi1 = 0;
    // row (u0, m0, 4): e = 0.333333 -> bu0 = bi0 = 0.001667
    double e = 4 - (mu + bu0 + bi0);
    bu0 += lr * (e - reg * bu0);
    bi0 += lr * (e - reg * bi0);
    // row (u0, m1, 2): e = -1.668333 -> bu0 = -0.006675, bi1 = -0.008342
    e = 2 - (mu + bu0 + bi1);
    bu0 += lr * (e - reg * bu0);
    bi1 += lr * (e - reg * bi1);
    // row (u1, m0, 5): e = 1.331667 -> bu1 = 0.006658, bi0 = 0.008325
    e = 5 - (mu + bu1 + bi0);
    bu1 += lr * (e - reg * bu1);
    bi0 += lr * (e - reg * bi0);
    assertEquals(-0.006675, bu0, 1e-6);
    assertEquals(0.008325, bi0, 1e-6);
    assertEquals(bu0, m.userBias(0), 1e-7);
    assertEquals(bu1, m.userBias(1), 1e-7);
    assertEquals(bi0, m.itemBias(0), 1e-7);
    assertEquals(bi1, m.itemBias(1), 1e-7);
  }

  @Test
  void withoutRegularisationAlsRecoversAnExactlyAdditiveMatrix() {
    // r_ui = 3 + a_u + c_i on a full 4 × 5 grid: least squares fits it exactly
    double[] a = {-1, -0.5, 0.5, 1};
    double[] c = {-1, -0.5, 0, 0.5, 1};
    double[][] rows = new double[20][];
    for (int u = 0; u < 4; u++) {
      for (int i = 0; i < 5; i++) {
        rows[u * 5 + i] = new double[] {u, i, 3 + a[u] + c[i]};
      }
    }
    BaselineModel m = fit(Tiny.of(4, 5, rows), Map.of("reg-user", "0", "reg-item", "0", "epochs", "50"));
    for (int u = 0; u < 4; u++) {
      for (int i = 0; i < 5; i++) {
        assertEquals(3 + a[u] + c[i], m.predict(u, i), 1e-4, "u" + u + " i" + i);
      }
    }
  }

  @Test
  void unknownUsersAndItemsFallBackToTheGlobalMeanPlusTheKnownBias() {
    BaselineModel m = fit(SMALL, Map.of());
    assertEquals(m.globalMean() + m.itemBias(1), m.predict(-1, 1), EPS);
    assertEquals(m.globalMean() + m.userBias(0), m.predict(0, -1), EPS);
    assertEquals(m.globalMean(), m.predict(-1, -1), EPS);
    assertTrue(m.knowsUser(0));
    assertFalse(m.knowsUser(-1));
  }

  @Test
  void savesAndLoadsToTheSamePredictions(@TempDir Path dir) {
    Dataset data = Tiny.random(11, 30, 40);
    for (String method : new String[] {"als", "sgd"}) {
      Recommender m = ModelFamilies.trainer("baseline", Map.of("method", method)).fit(data);
      Path file = dir.resolve(method + ".cinerec");
      ModelFiles.save(file, m, data.catalog());
      Recommender back = ModelFiles.load(file, "baseline").model();
      float[] s1 = new float[40];
      float[] s2 = new float[40];
      for (int u = -1; u < 30; u++) {
        m.scoreItems(u, s1);
        back.scoreItems(u, s2);
        assertArrayEquals(s1, s2);
        assertEquals(m.knowsUser(u), back.knowsUser(u));
        for (int i = -1; i < 40; i++) {
          assertEquals(m.predict(u, i), back.predict(u, i));
        }
      }
      assertEquals(m.info().params(), back.info().params());
      assertArrayEquals(((BaselineModel) m).trainingItems().items(3), ((BaselineModel) back).trainingItems().items(3));
    }
  }

  @Test
  void trainingTwiceGivesBitIdenticalModels() {
    Dataset data = Tiny.random(5, 25, 30);
    for (String method : new String[] {"als", "sgd"}) {
      Recommender a = ModelFamilies.trainer("baseline", Map.of("method", method)).fit(data);
      Recommender b = ModelFamilies.trainer("baseline", Map.of("method", method)).fit(data);
      for (int u = 0; u < 25; u++) {
        for (int i = 0; i < 30; i++) {
          assertEquals(Float.floatToIntBits(a.predict(u, i)), Float.floatToIntBits(b.predict(u, i)));
        }
      }
    }
  }

  @Test
  void impossibleSettingsAreRejectedNamingTheFlag() {
    CinerecException e = assertThrows(CinerecException.class,
        () -> ModelFamilies.trainer("baseline", Map.of("epochs", "0")));
    assertTrue(e.getMessage().contains("--epochs must be at least 1, got 0"), e.getMessage());
    e = assertThrows(CinerecException.class, () -> ModelFamilies.trainer("baseline", Map.of("method", "newton")));
    assertTrue(e.getMessage().contains("--method must be one of als, sgd"), e.getMessage());
    e = assertThrows(CinerecException.class, () -> ModelFamilies.trainer("baseline", Map.of("reg-user", "-1")));
    assertTrue(e.getMessage().contains("--reg-user"), e.getMessage());
  }

  @Test
  void theRankingIsTheItemBiasOrderForEveryUser() {
    BaselineModel m = fit(Tiny.random(3, 10, 12), Map.of());
    int[] a = m.recommend(0, 12, null).items();
    int[] b = m.recommend(7, 12, null).items();
    assertArrayEquals(a, b);
    for (int r = 1; r < a.length; r++) {
      assertTrue(m.itemBias(a[r - 1]) >= m.itemBias(a[r]));
    }
  }
}
