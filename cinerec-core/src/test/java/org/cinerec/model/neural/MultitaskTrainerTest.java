package org.cinerec.model.neural;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cinerec.CinerecException;
import org.cinerec.data.Catalog;
import org.cinerec.data.Dataset;
import org.cinerec.data.IdIndex;
import org.cinerec.data.Provenance;
import org.cinerec.data.Ratings;
import org.cinerec.math.Rng;
import org.cinerec.model.ItemEmbeddings;
import org.cinerec.model.ModelFamilies;
import org.cinerec.model.Recommender;
import org.cinerec.model.ModelFiles;
import org.cinerec.train.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MultitaskTrainerTest {
  static final long SEED = 7L;

  /** 40 users × 60 movies (10 never rated), ratings from a rank-2 structure plus noise, 900 ratings. */
  static Dataset synthetic(long seed) {
    System.out.println("synthetic data seed " + seed);
    Rng rng = new Rng(seed);
    int nu = 40;
    int ni = 60;
    double[] a = new double[nu * 2];
    double[] b = new double[ni * 2];
    for (int k = 0; k < a.length; k++) {
      a[k] = rng.nextGaussian();
    }
    for (int k = 0; k < b.length; k++) {
      b[k] = rng.nextGaussian();
    }
    int n = 900;
    int[] u = new int[n];
    int[] i = new int[n];
    float[] r = new float[n];
    int[] ts = new int[n];
    for (int k = 0; k < n; k++) {
      u[k] = rng.nextInt(nu);
      i[k] = rng.nextInt(ni - 10);
      double x = 3 + 0.8 * (a[2 * u[k]] * b[2 * i[k]] + a[2 * u[k] + 1] * b[2 * i[k] + 1]) + 0.2 * rng.nextGaussian();
      r[k] = (float) Math.max(0.5, Math.min(5, Math.round(x * 2) / 2.0));
    }
    List<String> users = new ArrayList<>();
    List<String> items = new ArrayList<>();
    Catalog.Builder cb = Catalog.builder();
    for (int k = 0; k < nu; k++) {
      users.add("u" + k);
    }
    for (int k = 0; k < ni; k++) {
      items.add("m" + k);
      cb.addPlaceholder("m" + k);
    }
    return new Dataset(new Ratings(u, i, r, ts, nu, ni), IdIndex.of(users), IdIndex.of(items), cb.build(),
        Provenance.of("synthetic", n, "multitask test data seed " + seed));
  }

  static MultitaskModel train(Dataset data, String... kv) {
    Map<String, String> p = new HashMap<>();
    p.put("batch-size", "64");
    p.put("embedding-dim", "8");
    p.put("layers", "16,8");
    p.put("epochs", "5");
    for (int k = 0; k < kv.length; k += 2) {
      p.put(kv[k], kv[k + 1]);
    }
    return (MultitaskModel) ModelFamilies.trainer("multitask", p).fit(data);
  }

  @Test
  void singleThreadedTrainingIsBitIdenticalAcrossRuns() {
    Dataset data = synthetic(SEED);
    MultitaskModel a = train(data, "threads", "1");
    MultitaskModel b = train(data, "threads", "1");
    assertArrayEquals(a.userEmbeddings(), b.userEmbeddings());
    assertArrayEquals(a.itemEmbeddings(), b.itemEmbeddings());
    for (int u = 0; u < 40; u++) {
      assertEquals(Float.floatToIntBits(a.predict(u, u % 60)), Float.floatToIntBits(b.predict(u, u % 60)));
    }
    MultitaskModel c = train(data, "threads", "1", "seed", "8");
    assertFalse(java.util.Arrays.equals(a.userEmbeddings(), c.userEmbeddings()), "another seed, another model");
  }

  @Test
  void aFixedThreadCountAlsoGivesTheSameBitsAndStaysCloseToOneThread() {
    Dataset data = synthetic(SEED);
    MultitaskModel a = train(data, "threads", "3");
    MultitaskModel b = train(data, "threads", "3");
    assertArrayEquals(a.userEmbeddings(), b.userEmbeddings());
    MultitaskModel one = train(data, "threads", "1");
    float[] x = a.userEmbeddings();
    float[] y = one.userEmbeddings();
    for (int k = 0; k < x.length; k++) {
      assertEquals(y[k], x[k], 1e-3, "user table element " + k);
    }
  }

  @Test
  void savedModelLoadsBackAndPredictsIdentically(@TempDir Path dir) {
    Dataset data = synthetic(SEED);
    MultitaskModel m = train(data, "threads", "2");
    Path file = dir.resolve("m.cinerec");
    ModelFiles.save(file, m, data.catalog());
    Recommender back = ModelFiles.load(file, "multitask").model();
    assertEquals(m.info().params(), back.info().params());
    assertEquals("balanced", back.info().params().get("preset"), "the model file records the preset that ran");
    assertEquals(m.info().history(), back.info().history());
    for (int u = -1; u < 40; u++) {
      for (int i = -1; i < 60; i++) {
        assertEquals(Float.floatToIntBits(m.predict(u, i)), Float.floatToIntBits(back.predict(u, i)));
      }
      float[] s1 = new float[60];
      float[] s2 = new float[60];
      m.scoreItems(u, s1);
      back.scoreItems(u, s2);
      assertArrayEquals(s1, s2);
      assertEquals(m.knowsUser(u), back.knowsUser(u));
    }
    assertArrayEquals(m.itemEmbeddings(), ((ItemEmbeddings) back).itemEmbeddings());
    float[] sim1 = new float[60];
    float[] sim2 = new float[60];
    m.similarItems(3, sim1);
    back.similarItems(3, sim2);
    assertArrayEquals(sim1, sim2);
  }

  @Test
  void trainingLowersTheLossAndBeatsTheMeanOnTheRatings() {
    Dataset data = synthetic(SEED);
    MultitaskModel m = train(data, "epochs", "30", "retrieval-reduction", "mean");
    var history = m.info().history();
    assertEquals(30, history.size());
    assertTrue(history.get(29).metrics().get("loss") < history.get(0).metrics().get("loss"), history.toString());
    double mean = data.ratings().mean();
    double se = 0;
    double seMean = 0;
    Ratings r = data.ratings();
    for (int k = 0; k < r.size(); k++) {
      double e = m.predict(r.user(k), r.item(k)) - r.rating(k);
      se += e * e;
      seMean += (mean - r.rating(k)) * (mean - r.rating(k));
    }
    assertTrue(se < 0.5 * seMean, "training RMSE " + Math.sqrt(se / r.size()) + " vs mean " + Math.sqrt(seMean / r.size()));
  }

  @Test
  void listenerAndHistoryGetPerEpochTrainAndValidationMetrics() {
    Dataset data = synthetic(SEED);
    Ratings val = data.ratings().select(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9});
    List<Integer> epochs = new ArrayList<>();
    long[] steps = new long[2];
    TrainingListener l = new TrainingListener() {
      @Override
      public void started(String what, long totalSteps) {
        steps[0] = totalSteps;
      }

      @Override
      public void progress(long done, double loss) {
        steps[1] = done;
      }

      @Override
      public void epochEnded(int epoch, Map<String, Double> metrics) {
        epochs.add(epoch);
        assertTrue(metrics.containsKey("val_rmse") && metrics.containsKey("loss"), metrics.toString());
      }
    };
    Map<String, String> p = Map.of("epochs", "3", "batch-size", "100", "embedding-dim", "4", "layers", "8");
    Recommender m = ModelFamilies.trainer("multitask", p).fit(data, val, l);
    assertEquals(List.of(1, 2, 3), epochs);
    assertEquals(27, steps[0]);
    assertEquals(27, steps[1]);
    assertTrue(m.info().history().get(2).metrics().containsKey("val_mae"));
  }

  @Test
  void dropRemainderSkipsThePartialLastBatchOfEachEpoch() {
    Dataset data = synthetic(SEED); // 900 ratings = 7 batches of 128 + 4
    long[] steps = new long[2];
    TrainingListener l = new TrainingListener() {
      @Override
      public void started(String what, long totalSteps) {
        steps[0] = totalSteps;
      }

      @Override
      public void progress(long done, double loss) {
        steps[1] = done;
      }
    };
    Map<String, String> p = new HashMap<>(Map.of("epochs", "2", "batch-size", "128", "embedding-dim", "4",
        "layers", "8", "drop-remainder", "false"));
    ModelFamilies.trainer("multitask", p).fit(data, null, l);
    assertEquals(16, steps[1]);
    p.put("drop-remainder", "true");
    ModelFamilies.trainer("multitask", p).fit(data, null, l);
    assertEquals(14, steps[0]);
    assertEquals(14, steps[1]);
  }

  @Test
  void earlyStoppingStopsAndKeepsTheBestEpoch() {
    Dataset data = synthetic(SEED);
    MultitaskModel m = train(data, "epochs", "200", "early-stopping", "2", "learning-rate", "0.5");
    var h = m.info().history();
    assertTrue(h.size() < 200, "stopped after " + h.size());
    assertTrue(h.get(0).metrics().containsKey("holdout_loss"));
  }

  @Test
  void retrievalOnlyModelsRankByDotProductAndDoNotPredictRatings() {
    Dataset data = synthetic(SEED);
    MultitaskModel m = train(data, "rating-weight", "0");
    assertFalse(m.predictsRatings());
    float[] s = new float[60];
    m.scoreItems(2, s);
    assertEquals(s[5], m.predict(2, 5), 1e-6);
  }

  @Test
  void optimizersAdamAndSgdTrainToo() {
    Dataset data = synthetic(SEED);
    for (String opt : new String[] {"adam", "sgd"}) {
      MultitaskModel m = train(data, "optimizer", opt, "learning-rate", opt.equals("adam") ? "0.01" : "0.05",
          "retrieval-reduction", "mean", "epochs", "10");
      var h = m.info().history();
      assertTrue(h.get(9).metrics().get("loss") < h.get(0).metrics().get("loss"), opt + ": " + h);
    }
  }

  @ParameterizedTest(name = "{0}={1} is rejected naming --{0}")
  @CsvSource({"embedding-dim,0", "embedding-dim,-3", "batch-size,0", "rating-weight,-1", "retrieval-weight,-0.5",
      "layers,''", "layers,'64,0'", "learning-rate,0", "temperature,0", "epochs,0", "activation,swish",
      "optimizer,rmsprop", "threads,-1"})
  void impossibleHyperParametersAreRejectedNamingTheFlag(String name, String value) {
    CinerecException e = assertThrows(CinerecException.class,
        () -> ModelFamilies.trainer("multitask", Map.of(name, value)));
    assertTrue(e.getMessage().contains("--" + name), e.getMessage());
  }

  @Test
  void bothTaskWeightsZeroIsRejected() {
    CinerecException e = assertThrows(CinerecException.class,
        () -> ModelFamilies.trainer("multitask", Map.of("rating-weight", "0", "retrieval-weight", "0")));
    assertTrue(e.getMessage().contains("--rating-weight"), e.getMessage());
  }

  @Test
  void refitBiasShiftsEveryPredictionByMinusTheMeanTrainingErrorAndNothingElse() {
    Dataset data = synthetic(SEED);
    MultitaskModel plain = train(data, "threads", "1", "refit-bias", "false");
    MultitaskModel refit = train(data, "threads", "1", "refit-bias", "true");
    assertArrayEquals(plain.userEmbeddings(), refit.userEmbeddings());
    assertArrayEquals(plain.itemEmbeddings(), refit.itemEmbeddings());
    Ratings r = data.ratings();
    double meanPlain = 0;
    double meanRefit = 0;
    for (int k = 0; k < r.size(); k++) {
      meanPlain += plain.predict(r.user(k), r.item(k)) - r.rating(k);
      meanRefit += refit.predict(r.user(k), r.item(k)) - r.rating(k);
    }
    meanPlain /= r.size();
    meanRefit /= r.size();
    assertTrue(Math.abs(meanPlain) > 1e-3, "the test needs an offset to remove: " + meanPlain);
    assertEquals(0, meanRefit, 1e-4);
    var last = refit.info().history().get(refit.info().history().size() - 1).metrics();
    assertEquals(-meanPlain, last.get("bias_shift"), 1e-4, "the last epoch reports the shift");
    assertFalse(refit.info().history().get(0).metrics().containsKey("bias_shift"), "only after the last epoch");
    plain.info().history().forEach(h -> assertFalse(h.metrics().containsKey("bias_shift"), "no refit, no shift"));
    for (int u = 0; u < 40; u++) {
      for (int i = 0; i < 60; i += 7) {
        assertEquals(plain.predict(u, i) - meanPlain, refit.predict(u, i), 1e-4, "user " + u + " movie " + i);
      }
    }
  }

  @Test
  void withEarlyStoppingTheBiasIsRefittedAfterEveryEpochSoTheKeptEpochIsRefitted() {
    Dataset data = synthetic(SEED);
    MultitaskModel m = train(data, "threads", "1", "epochs", "6", "early-stopping", "2", "refit-bias", "true");
    m.info().history().forEach(h -> assertTrue(h.metrics().containsKey("bias_shift"), h.toString()));
  }

  @Test
  void aPresetSetsOnlyTheParametersNotGivenEvenWhenTheGivenValueIsTheDefault() {
    // temperature given (as 0.5) and epochs given as its declared default: both kept; logq and drop-remainder
    // not given: the preset's
    var t = ModelFamilies.trainer("multitask", Map.of("preset", "stable", "temperature", "0.5",
        "epochs", MultitaskFamily.SPEC.get("epochs").defaultValue()));
    Map<String, String> p = t.params().asText();
    assertEquals("0.5", p.get("temperature"));
    assertEquals(MultitaskFamily.SPEC.get("epochs").defaultValue(), p.get("epochs"));
    assertEquals("true", p.get("logq"));
    assertEquals("true", p.get("drop-remainder"));
    assertEquals("stable", p.get("preset"));
  }

  @Test
  void everyPresetSetsTheSameParametersAndNotebookIsTheTfrsNotebook() {
    var keys = MultitaskConfig.PRESETS.get("notebook").keySet();
    MultitaskConfig.PRESETS.forEach((name, m) -> assertEquals(keys, m.keySet(), name));
    Map<String, String> nb = ModelFamilies.trainer("multitask", Map.of("preset", "notebook")).params().asText();
    Map<String, String> expected = Map.of("epochs", "3", "temperature", "1.0", "logq", "false",
        "drop-remainder", "false", "embedding-dim", "32", "layers", "256,128,32", "batch-size", "1000",
        "optimizer", "adagrad", "learning-rate", "0.1", "retrieval-reduction", "sum");
    expected.forEach((k, v) -> assertEquals(v, nb.get(k), k));
    assertEquals("false", nb.get("refit-bias"));
    assertEquals("1.0", nb.get("retrieval-weight"));
  }

  @Test
  void theDefaultPresetIsBalancedAndItsValuesAreTheDeclaredDefaultsSoHelpShowsWhatRuns() {
    String name = MultitaskFamily.SPEC.get("preset").defaultValue();
    assertEquals("balanced", name);
    Map<String, String> declared = MultitaskFamily.SPEC.defaults().asText();
    Map<String, String> resolved = ModelFamilies.trainer("multitask", Map.of()).params().asText();
    assertEquals(declared, resolved, "the default preset changes nothing: the defaults are its values");
    MultitaskConfig.PRESETS.get(name).forEach((k, v) ->
        assertEquals(MultitaskFamily.SPEC.parse(Map.of(k, v)).asText().get(k), declared.get(k), k));
    assertEquals(Map.of("epochs", "20", "temperature", "2.0", "logq", "true", "drop-remainder", "true",
        "refit-bias", "true", "retrieval-weight", "0.1"), Map.copyOf(MultitaskConfig.PRESETS.get(name)));
  }
}
