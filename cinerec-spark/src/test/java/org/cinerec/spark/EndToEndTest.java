package org.cinerec.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.cinerec.Progress;
import org.cinerec.data.DataFingerprint;
import org.cinerec.data.Dataset;
import org.cinerec.data.Ratings;
import org.cinerec.eval.EvalOptions;
import org.cinerec.eval.EvaluationReport;
import org.cinerec.eval.Evaluator;
import org.cinerec.io.DataSources;
import org.cinerec.io.LoadOptions;
import org.cinerec.model.ModelFiles;
import org.cinerec.serve.RankedMovie;
import org.cinerec.serve.RecommendRequest;
import org.cinerec.serve.Recommendations;
import org.cinerec.serve.ServingModel;
import org.cinerec.serve.Subject;
import org.cinerec.split.Split;
import org.cinerec.split.SplitSpec;
import org.junit.jupiter.api.Test;

/**
 * Issue #12 end to end: ml-latest-small prepared on Spark ({@code prepare}), MLlib ALS trained on the
 * {@code hash:0.2:42} training part ({@code train-als}, rank 10, 10 iterations, regParam 0.1, seed 42),
 * measured by the Spark {@code evaluate} job and exported; then the model file read as {@code cinerec
 * evaluate MODEL --data ml-latest-small --split hash:0.2:42} reads it (the core's readers, split, fingerprint
 * check and {@link Evaluator}: RMSE within 1e-4 of Spark's) and served as {@code cinerec serve} serves it
 * ({@link ServingModel}: user 1's top 10 are real titles, none of them rated by user 1 in training). Fails
 * in CI when the data is missing. The Spark run up to the export is {@link MlLatestSmallAls}'s, shared with
 * {@link AlsParityTest}.
 */
class EndToEndTest {
  static final String SPLIT = MlLatestSmallAls.SPLIT;

  @Test
  void prepareTrainEvaluateExportThenEvaluateAndServeInTheCore() throws IOException {
    MlLatestSmallAls.Run run = MlLatestSmallAls.get();
    assertEquals(100_836, run.prepare().rowsKept());
    assertTrue(Files.exists(Path.of(run.prepared(), "catalogue.json")));
    long t0 = System.nanoTime();
    EvaluationReport spk = EvaluateJob.run(LocalSpark.session(), new EvaluateJob.Options(run.prepared(),
        run.modelDir(), null, SPLIT, EvalOptions.defaults(), null, null)).report();
    double evaluateSeconds = (System.nanoTime() - t0) / 1e9;

    // cinerec evaluate als.cinerec --data ml-latest-small --split hash:0.2:42
    t0 = System.nanoTime();
    ModelFiles.Saved saved = ModelFiles.load(run.file(), "als");
    Dataset all = DataSources.load(run.data(), LoadOptions.defaults(), Progress.NONE);
    Split parts = SplitSpec.parse(SPLIT).apply(all);
    Dataset train = parts.trainSet(all);
    assertEquals(DataFingerprint.of(train), saved.model().info().dataFingerprint(),
        "the core's training part is the one the model was trained on");
    EvaluationReport core = new Evaluator(EvalOptions.defaults()).evaluate(saved.model(), train, parts.test());
    assertEquals(spk.testRatings(), core.testRatings());
    assertEquals(spk.rating().rmse(), core.rating().rmse(), 1e-4, "Spark's evaluate vs cinerec evaluate");

    // cinerec serve als.cinerec: user 1's recommendations
    ServingModel serving = ServingModel.of(saved.model(), saved.catalog());
    Recommendations top = serving.recommend(RecommendRequest.builder(new Subject.User("1")).k(10).build());
    Set<String> seen = new HashSet<>();
    Ratings r = train.ratings();
    int u1 = train.users().indexOf("1");
    for (int t = 0; t < r.size(); t++) {
      if (r.user(t) == u1) {
        seen.add(train.items().id(r.item(t)));
      }
    }
    assertTrue(top.personal());
    assertEquals(10, top.recommendations().size());
    for (RankedMovie m : top.recommendations()) {
      assertFalse(m.title().startsWith("movie "), "a real title: " + m);
      assertTrue(saved.catalog().hasMetadata(saved.model().items().indexOf(m.movieId())), m.toString());
      assertFalse(seen.contains(m.movieId()), "user 1 rated " + m.movieId() + " in training");
    }
    double coreSeconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf(Locale.ROOT, "end to end, ml-latest-small %s: Spark evaluate RMSE %.6f, cinerec evaluate %.6f;"
        + " Spark prepare %.1f s, train-als %.1f s, export %.1f s (shared with AlsParityTest), evaluate %.1f s;"
        + " core evaluate+serve %.1f s; user 1's first: %s%n", SPLIT, spk.rating().rmse(), core.rating().rmse(),
        run.prepareSeconds(), run.trainSeconds(), run.exportSeconds(), evaluateSeconds, coreSeconds,
        top.recommendations().get(0).title());
  }
}
