package org.cinerec.model.mf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cinerec.CinerecException;
import org.cinerec.data.Dataset;
import org.cinerec.data.Ratings;
import org.cinerec.model.ItemEmbeddings;
import org.cinerec.model.ModelFamilies;
import org.cinerec.model.Recommender;
import org.cinerec.model.Trainer;
import org.cinerec.model.ModelFiles;
import org.cinerec.train.TrainingListener;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What every factor family (mf, svdpp, als, ials) must do through the common interface. */
class FactorFamiliesTest {
  static final long SEED = 7;

  @TempDir
  Path tmp;

  static Recommender fit(String kind, Dataset train, Map<String, String> params) {
    return ModelFamilies.trainer(kind, params).fit(train);
  }

  static Map<String, String> quick(String kind) {
    return switch (kind) {
      case "mf" -> Map.of("factors", "8", "epochs", "30", "learning-rate", "0.01");
      case "svdpp" -> Map.of("factors", "8", "epochs", "30");
      case "als" -> Map.of("factors", "4", "iterations", "10", "reg", "0.05");
      case "ials" -> Map.of("factors", "4", "iterations", "8");
      default -> throw new IllegalArgumentException(kind);
    };
  }

  @ParameterizedTest
  @ValueSource(strings = {"mf", "svdpp", "als"})
  void recoversAPlantedLowRankMatrixOnHeldOutCells(String kind) {
    System.out.println("seed " + SEED);
    Fixtures.Planted planted = Fixtures.planted(SEED, 80, 60, 2, 0.6);
    Map<String, String> params = switch (kind) {
      case "mf" -> Map.of("factors", "4", "epochs", "300", "learning-rate", "0.02", "reg", "0.001", "seed", "3");
      case "svdpp" -> Map.of("factors", "4", "epochs", "300", "learning-rate", "0.01", "reg", "0.001", "seed", "3");
      default -> Map.of("factors", "2", "iterations", "30", "reg", "0.001", "biases", "true");
    };
    Recommender m = fit(kind, planted.train(), params);
    Ratings test = planted.test();
    double sse = 0;
    double spread = 0;
    double mean = planted.train().ratings().mean();
    for (int n = 0; n < test.size(); n++) {
      double e = m.predict(test.user(n), test.item(n)) - test.rating(n);
      sse += e * e;
      spread += (test.rating(n) - mean) * (test.rating(n) - mean);
    }
    double rmse = Math.sqrt(sse / test.size());
    double std = Math.sqrt(spread / test.size());
    assertTrue(rmse < 0.1 * std, kind + ": held-out RMSE " + rmse + " vs rating spread " + std);
  }

  @ParameterizedTest
  @ValueSource(strings = {"mf", "svdpp", "als", "ials"})
  void predictsIdenticallyAfterASaveAndLoad(String kind) {
    Fixtures.Planted planted = Fixtures.planted(SEED, 30, 20, 2, 0.5);
    Recommender m = fit(kind, planted.train(), quick(kind));
    Path file = tmp.resolve(kind + ".model");
    ModelFiles.save(file, m, planted.train().catalog());
    Recommender back = ModelFiles.load(file, kind).model();
    assertEquals(kind, back.kind());
    assertEquals(m.predictsRatings(), back.predictsRatings());
    for (int u = -1; u < 30; u++) {
      for (int i = -1; i < 20; i++) {
        assertEquals(m.predict(u, i), back.predict(u, i), 0f, kind + " predict(" + u + "," + i + ")");
      }
      float[] a = new float[20];
      float[] b = new float[20];
      m.scoreItems(u, a);
      back.scoreItems(u, b);
      assertArrayEquals(a, b, kind + " scoreItems(" + u + ")");
      assertEquals(m.knowsUser(u), back.knowsUser(u));
    }
    assertArrayEquals(m.recommend(3, 5, null).items(), back.recommend(3, 5, null).items());
    assertArrayEquals(m.similar(2, 5).items(), back.similar(2, 5).items());
    assertEquals(m.info().history().size(), back.info().history().size());
    assertArrayEquals(((ItemEmbeddings) m).itemEmbeddings(), ((ItemEmbeddings) back).itemEmbeddings());
  }

  @ParameterizedTest
  @ValueSource(strings = {"mf", "svdpp", "als", "ials"})
  void givesABitIdenticalModelForTheSameSeedAndADifferentOneForAnotherSeed(String kind) {
    Fixtures.Planted planted = Fixtures.planted(SEED, 30, 20, 2, 0.5);
    Map<String, String> params = new java.util.HashMap<>(quick(kind));
    float[] a = ((ItemEmbeddings) fit(kind, planted.train(), params)).itemEmbeddings();
    float[] b = ((ItemEmbeddings) fit(kind, planted.train(), params)).itemEmbeddings();
    assertArrayEquals(a, b);
    params.put("seed", "8");
    float[] c = ((ItemEmbeddings) fit(kind, planted.train(), params)).itemEmbeddings();
    assertFalse(java.util.Arrays.equals(a, c), kind + ": another seed should change the model");
  }

  @ParameterizedTest
  @ValueSource(strings = {"als", "ials"})
  void givesTheSameModelWithOneThreadOrMany(String kind) {
    Fixtures.Planted planted = Fixtures.planted(SEED, 90, 70, 2, 0.5);
    Map<String, String> one = new java.util.HashMap<>(quick(kind));
    one.put("threads", "1");
    Map<String, String> many = new java.util.HashMap<>(quick(kind));
    many.put("threads", "3");
    assertArrayEquals(((ItemEmbeddings) fit(kind, planted.train(), one)).itemEmbeddings(),
        ((ItemEmbeddings) fit(kind, planted.train(), many)).itemEmbeddings());
  }

  @org.junit.jupiter.api.Test
  void blockedSgdGivesTheSameModelWithOneThreadOrManyAndRecoversAPlantedMatrix() {
    Fixtures.Planted planted = Fixtures.planted(SEED, 80, 60, 2, 0.6);
    Map<String, String> one = new java.util.HashMap<>(Map.of("factors", "4", "epochs", "300", "learning-rate", "0.02",
        "reg", "0.001", "order", "blocked", "threads", "1"));
    Map<String, String> many = new java.util.HashMap<>(one);
    many.put("threads", "3");
    Recommender a = fit("mf", planted.train(), one);
    Recommender b = fit("mf", planted.train(), many);
    assertArrayEquals(((ItemEmbeddings) a).itemEmbeddings(), ((ItemEmbeddings) b).itemEmbeddings());
    Ratings test = planted.test();
    double sse = 0;
    for (int n = 0; n < test.size(); n++) {
      double e = a.predict(test.user(n), test.item(n)) - test.rating(n);
      sse += e * e;
    }
    double rmse = Math.sqrt(sse / test.size());
    assertTrue(rmse < 0.05, "held-out RMSE " + rmse);
  }

  @ParameterizedTest
  @ValueSource(strings = {"mf", "svdpp", "als"})
  void fallsBackToTheItemBiasForAUserWithoutTrainingRatingsAndSaysSo(String kind) {
    // user 2 has no ratings; item 3 has none
    int[] u = {0, 0, 0, 1, 1, 1};
    int[] i = {0, 1, 2, 0, 1, 2};
    float[] r = {5, 3, 1, 4, 3, 2};
    Dataset d = Fixtures.dataset(3, 4, u, i, r);
    Map<String, String> params = new java.util.HashMap<>(quick(kind));
    if (kind.equals("als")) {
      params.put("biases", "true");
    }
    Recommender m = fit(kind, d, params);
    assertTrue(m.knowsUser(0));
    assertFalse(m.knowsUser(2));
    assertFalse(m.knowsUser(-1));
    FactorModel f = (FactorModel) m;
    float mu = f.parts().globalMean();
    for (int item = 0; item < 3; item++) {
      float expected = mu + f.parts().itemBias()[item];
      assertEquals(expected, m.predict(2, item), 1e-6f);
      assertEquals(expected, m.predict(-1, item), 1e-6f);
    }
    assertEquals(mu + f.parts().userBias()[0], m.predict(0, 3), 1e-6f, "unknown item: μ + b_u");
    assertEquals(mu, m.predict(-1, -1), 1e-6f);
    float[] scores = new float[4];
    m.scoreItems(2, scores);
    assertEquals(m.predict(2, 0), scores[0], 1e-6f);
  }

  @org.junit.jupiter.api.Test
  void unbiasedModelsPredictTheTrainingMeanWhenTheUserOrMovieIsUnknown() {
    int[] u = {0, 0, 0, 1, 1, 1};
    int[] i = {0, 1, 2, 0, 1, 2};
    float[] r = {5, 3, 1, 4, 3, 2};
    Dataset d = Fixtures.dataset(3, 4, u, i, r);
    for (String kind : List.of("als", "mf")) {
      Recommender m = fit(kind, d, Map.of(kind.equals("als") ? "biases" : "biased", "false"));
      assertEquals(3f, m.predict(2, 0), 1e-6f, kind + " unknown user");
      assertEquals(3f, m.predict(0, 3), 1e-6f, kind + " unknown item");
      assertEquals(3f, m.predict(-1, -1), 1e-6f, kind);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"mf", "svdpp", "als"})
  void clipsPredictionsToTheTrainingRatingRange(String kind) {
    Fixtures.Planted planted = Fixtures.planted(SEED, 30, 20, 2, 0.5);
    Recommender m = fit(kind, planted.train(), quick(kind));
    FactorModel f = (FactorModel) m;
    for (int u = 0; u < 30; u++) {
      for (int i = 0; i < 20; i++) {
        float p = m.predict(u, i);
        assertTrue(p >= f.parts().minRating() && p <= f.parts().maxRating(), "predict " + p);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"mf", "svdpp", "als", "ials"})
  void reportsEveryEpochToTheListenerAndTheHistory(String kind) {
    Fixtures.Planted planted = Fixtures.planted(SEED, 30, 20, 2, 0.5);
    List<Integer> epochs = new ArrayList<>();
    List<Double> losses = new ArrayList<>();
    TrainingListener listener = new TrainingListener() {
      @Override
      public void epochEnded(int epoch, Map<String, Double> metrics) {
        epochs.add(epoch);
        losses.add(metrics.get("loss"));
        if (!kind.equals("ials")) {
          assertTrue(metrics.containsKey("val_rmse"), kind + " " + metrics);
        }
      }
    };
    Trainer t = ModelFamilies.trainer(kind, quick(kind));
    Recommender m = t.fit(planted.train(), planted.test(), listener);
    int expected = Integer.parseInt(quick(kind).getOrDefault("epochs", quick(kind).get("iterations")));
    assertEquals(expected, epochs.size());
    assertEquals(expected, m.info().history().size());
    assertTrue(losses.get(losses.size() - 1) < losses.get(0), kind + " loss should fall: " + losses);
    assertEquals(kind, m.info().kind());
  }

  @ParameterizedTest
  @ValueSource(strings = {"mf", "svdpp", "als", "ials"})
  void rejectsOutOfRangeHyperParametersNamingTheFlag(String kind) {
    String flag = kind.equals("mf") || kind.equals("svdpp") ? "epochs" : "iterations";
    CinerecException e = assertThrows(CinerecException.class, () -> ModelFamilies.trainer(kind, Map.of("factors", "0")));
    assertTrue(e.getMessage().contains("--factors"), e.getMessage());
    assertEquals(CinerecException.Kind.USAGE, e.kind());
    e = assertThrows(CinerecException.class, () -> ModelFamilies.trainer(kind, Map.of(flag, "-3")));
    assertTrue(e.getMessage().contains("--" + flag), e.getMessage());
    e = assertThrows(CinerecException.class, () -> ModelFamilies.trainer(kind, Map.of("reg", "-1")));
    assertTrue(e.getMessage().contains("--reg"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"mf", "svdpp", "als", "ials"})
  void refusesEmptyTrainingData(String kind) {
    Dataset empty = Fixtures.dataset(2, 2, new int[0], new int[0], new float[0]);
    CinerecException e = assertThrows(CinerecException.class, () -> fit(kind, empty, quick(kind)));
    assertTrue(e.getMessage().contains("no ratings"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"mf", "svdpp", "als", "ials"})
  void findsAnItemMostSimilarToItselfByCosine(String kind) {
    Fixtures.Planted planted = Fixtures.planted(SEED, 30, 20, 2, 0.5);
    Recommender m = fit(kind, planted.train(), quick(kind));
    float[] sims = new float[20];
    m.similarItems(4, sims);
    assertEquals(1f, sims[4], 1e-5f);
    for (float s : sims) {
      assertTrue(s <= 1.00001f && s >= -1.00001f);
    }
    assertInstanceOf(ItemEmbeddings.class, m);
  }
}
