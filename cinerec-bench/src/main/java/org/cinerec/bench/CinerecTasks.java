package org.cinerec.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.cinerec.data.CsrIndex;
import org.cinerec.data.Dataset;
import org.cinerec.data.Ratings;
import org.cinerec.eval.EvalOptions;
import org.cinerec.eval.EvaluationReport;
import org.cinerec.eval.Evaluator;
import org.cinerec.model.ModelFamilies;
import org.cinerec.model.Recommender;
import org.cinerec.model.Trainer;
import org.cinerec.split.Split;

/** cinerec's side of each comparison task, with the same settings as the peer's. */
final class CinerecTasks {
  private final Dataset train;
  private final Ratings test;
  private final Ratings keptTest;

  CinerecTasks(Dataset data, Split split) {
    this.train = split.trainSet(data);
    this.test = split.test();
    this.keptTest = seenInTraining(split.train(), split.test());
  }

  /** The model settings of a task: the peer's settings, in cinerec's parameter names. */
  static Map<String, String> params(String task, long seed) {
    String s = Long.toString(seed);
    return switch (task) {
      // the TFRS notebook's settings, as the peer runs them (not cinerec's default preset)
      case "multitask" -> Map.of("preset", "notebook", "embedding-dim", "32", "epochs", "3", "batch-size", "1000",
          "seed", s);
      case "mf" -> Map.of("factors", "100", "epochs", "20", "learning-rate", "0.005", "reg", "0.02", "seed", s);
      // --init spark: the same initial factors as the Spark peer's run with this seed (docs/notes/als.md)
      case "als" -> Map.of("factors", "10", "iterations", "10", "reg", "0.1", "seed", s, "init", "spark");
      case "itemknn" -> Map.of("k", "40", "shrinkage", "100");
      default -> throw new IllegalArgumentException("unknown task " + task);
    };
  }

  /**
   * Untimed fits for at least 2 s (and at least three), so the timed ones run JIT-compiled code: the Vector
   * API kernels in particular run slowly until C2 has compiled them, and the compiler threads take CPU.
   */
  void warmUp(String task) {
    long t0 = System.nanoTime();
    for (int w = 0; w < 3 || (System.nanoTime() - t0) / 1e9 < 2.0; w++) {
      ModelFamilies.trainer(task, params(task, 99 + w)).fit(train);
    }
  }

  ObjectNode run(String task, long seed) {
    Trainer trainer = ModelFamilies.trainer(task, params(task, seed));
    long t0 = System.nanoTime();
    Recommender model = trainer.fit(train);
    double trainSeconds = (System.nanoTime() - t0) / 1e9;
    boolean topK = task.equals("multitask");
    // multitask: RMSE/MAE plus top-K accuracy (the ranking pass also computes the per-user top-N metrics,
    // more work than the peer does); the others: RMSE/MAE only, as their peers
    Evaluator evaluator = new Evaluator(EvalOptions.defaults().withRanking(topK));
    long t1 = System.nanoTime();
    EvaluationReport report = evaluator.evaluate(model, train, test);
    double evalSeconds = (System.nanoTime() - t1) / 1e9;

    ObjectNode n = PeerComparison.JSON.createObjectNode();
    n.put("peer", "cinerec");
    n.put("model", task);
    n.put("seed", seed);
    n.put("n_train", train.ratings().size());
    n.put("n_test", test.size());
    n.put("rmse", report.rating().rmse());
    n.put("mae", report.rating().mae());
    n.put("train_seconds", trainSeconds);
    n.put("eval_seconds", evalSeconds);
    n.put("threads", org.cinerec.math.Parallel.threads());
    if (topK && report.accuracy() != null) {
      ObjectNode all = n.putObject("topk_accuracy");
      ObjectNode ex = n.putObject("topk_accuracy_excl_train");
      int[] ks = report.accuracy().ks();
      for (int i = 0; i < ks.length; i++) {
        all.put(Integer.toString(ks[i]), report.accuracy().all()[i]);
        ex.put(Integer.toString(ks[i]), report.accuracy().excludingTrain()[i]);
      }
    }
    if (task.equals("als")) {
      EvaluationReport kept = evaluator.evaluate(model, train, keptTest);
      n.put("rmse_rows_spark_keeps", kept.rating().rmse());
      n.put("n_test_predicted", keptTest.size());
    }
    return n;
  }

  /** Test rows whose user and movie both have training ratings (what Spark's coldStartStrategy=drop keeps). */
  static Ratings seenInTraining(Ratings train, Ratings test) {
    CsrIndex byUser = train.byUser();
    CsrIndex byItem = train.byItem();
    int[] keep = new int[test.size()];
    int n = 0;
    for (int i = 0; i < test.size(); i++) {
      if (byUser.count(test.user(i)) > 0 && byItem.count(test.item(i)) > 0) {
        keep[n++] = i;
      }
    }
    return test.select(java.util.Arrays.copyOf(keep, n));
  }
}
