package org.cinerec.model.neural;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cinerec.testkit.SharedData;
import org.cinerec.data.Dataset;
import org.cinerec.data.Ratings;
import org.cinerec.eval.EvalOptions;
import org.cinerec.eval.EvaluationReport;
import org.cinerec.eval.Evaluator;
import org.cinerec.model.ModelFamilies;
import org.cinerec.split.FileSplit;
import org.cinerec.split.Split;
import org.junit.jupiter.api.Test;

/**
 * The multitask model on ml-latest-small with the peers' shuffled 80/20 split (split.py's files, made in a
 * temporary folder when {@code /tmp/split-mls} is absent). Asserts accuracy at least as good as the PyTorch
 * reference's (RMSE 0.91, top-100 0.107) with {@code preset=notebook}, with a margin for noise, and the
 * default preset's claim (RMSE below baseline's on the same rows, top-100 above 0.16); prints the figures.
 *
 * <p>Development runs: {@code -Dmultitask.runs="preset=notebook,seed=1;seed=2"} trains one model per entry (parameters as
 * {@code name=value,...}; "default" for none) and prints one line each (used for docs/multitask.md).
 */
class MultitaskRealDataTest {

  @Test
  void notebookSettingsMatchThePyTorchReferenceOnMlLatestSmall() throws Exception {
    Dataset data = MlSmall.load(SharedData.mlLatestSmall());
    Split split = split(data);
    String runs = System.getProperty("multitask.runs", "preset=notebook,seed=42;default");
    for (String run : runs.split(";")) {
      Map<String, String> p = new HashMap<>();
      for (String kv : run.split(",(?=[a-z])")) {
        if (!kv.isBlank() && !kv.equals("default")) {
          String[] x = kv.split("=");
          p.put(x[0].trim(), x[1].trim());
        }
      }
      Result r = trainAndEvaluate(data, split, p);
      System.out.println("RESULT " + run + " | " + r);
      if (run.equals("preset=notebook,seed=42")) {
        assertTrue(r.rmseUnclipped < 0.96, "RMSE " + r.rmseUnclipped);
        assertTrue(r.top100 > 0.095, "top-100 " + r.top100);
      }
      if (run.equals("default")) {
        // the default preset's claim (docs/notes/multitask-default.md): RMSE below baseline's on the same
        // rows, top-100 far above the notebook's 0.107 (0.174-0.176 over 3 seeds on cinerec's own split)
        Dataset train = data.withRatings(split.train());
        double baseline = new Evaluator(EvalOptions.defaults()).evaluate(
            ModelFamilies.trainer("baseline", Map.of()).fit(train), train, split.test()).rating().rmse();
        System.out.println("RESULT baseline | rmse (clipped) " + baseline);
        assertTrue(r.rmseClipped < baseline, "RMSE " + r.rmseClipped + " vs baseline " + baseline);
        assertTrue(r.top100 > 0.16, "top-100 " + r.top100);
      }
    }
  }

  record Result(double trainSeconds, double evalSeconds, double rmseUnclipped, double rmseClipped, double mae,
      double[] all, double[] excl, double top100, List<Double> losses) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "train %.3f s, eval %.3f s, rmse %.4f (clipped %.4f), mae %.4f, top-K all %s, "
          + "excl %s, epoch losses %s", trainSeconds, evalSeconds, rmseUnclipped, rmseClipped, mae, fmt(all),
          fmt(excl), losses);
    }
  }

  static String fmt(double[] v) {
    StringBuilder b = new StringBuilder();
    for (double x : v) {
      b.append(b.length() == 0 ? "" : "/").append(String.format(Locale.ROOT, "%.4f", x));
    }
    return b.toString();
  }

  static Split split(Dataset data) throws Exception {
    Path dir = Path.of("/tmp/split-mls");
    if (!Files.exists(dir.resolve("train.csv"))) {
      dir = Files.createTempDirectory("split-mls");
      Process pr = new ProcessBuilder("/usr/bin/python3", SharedData.peers().resolve("split.py").toString(),
          SharedData.mlLatestSmall().toString(), dir.toString()).inheritIO().start();
      assertEquals(0, pr.waitFor(), "split.py failed");
    }
    return new FileSplit(dir.resolve("train.csv"), dir.resolve("test.csv")).apply(data);
  }

  static Result trainAndEvaluate(Dataset data, Split split, Map<String, String> params) {
    Dataset train = data.withRatings(split.train());
    long t0 = System.nanoTime();
    MultitaskModel model = (MultitaskModel) ModelFamilies.trainer("multitask", params).fit(train);
    double trainS = (System.nanoTime() - t0) / 1e9;
    long t1 = System.nanoTime();
    EvaluationReport rep = new Evaluator(EvalOptions.defaults()).evaluate(model, train, split.test());
    Ratings test = split.test();
    float[] pred = new float[test.size()];
    model.predict(test.users(), test.items(), pred);
    double evalS = (System.nanoTime() - t1) / 1e9;
    double se = 0;
    for (int k = 0; k < pred.length; k++) {
      double e = pred[k] - test.rating(k);
      se += e * e;
    }
    List<Double> losses = new ArrayList<>();
    model.info().history().forEach(h -> losses.add(Math.round(h.metrics().get("loss") * 1000) / 1000.0));
    return new Result(trainS, evalS, Math.sqrt(se / pred.length), rep.rating().rmse(), rep.rating().mae(),
        rep.accuracy().all(), rep.accuracy().excludingTrain(), rep.accuracy().all()[4], losses);
  }
}
