package org.cinerec.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.cinerec.Progress;
import org.cinerec.data.Dataset;
import org.cinerec.data.RatingScale;
import org.cinerec.eval.EvalOptions;
import org.cinerec.eval.EvaluationReport;
import org.cinerec.eval.Evaluator;
import org.cinerec.io.DataSources;
import org.cinerec.io.LoadOptions;
import org.cinerec.model.mf.FactorModel;
import org.cinerec.split.HashSplit;
import org.cinerec.split.Split;
import org.cinerec.testkit.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link EvaluateJobTest}'s comparison on ml-latest-small (100,836 ratings), behind a switch (about two
 * minutes more on a loaded 2-core machine): {@code mvn -Pspark -pl cinerec-spark -am test
 * -Dtest=EvaluateJobRealDataTest -Dcinerec.spark.real=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
@EnabledIfSystemProperty(named = "cinerec.spark.real", matches = "true")
class EvaluateJobRealDataTest {
  static final String SPLIT = "hash:0.2:42";
  static final Map<String, String> ALS = Map.of("rank", "10", "maxIter", "10", "regParam", "0.1", "seed", "42");

  @Test
  void sparkEvaluateOnMlLatestSmallGivesTheCoreEvaluatorsFigures(@TempDir Path dir) {
    SparkSession spark = LocalSpark.session();
    Path csv = SharedData.mlLatestSmall().resolve("ratings.csv");
    String prepared = dir.resolve("prepared").toString();
    long t0 = System.nanoTime();
    PrepareJob.run(spark, csv.toString(), prepared, (RatingScale) null);
    long t1 = System.nanoTime();
    EvaluateJob.Result r = EvaluateJob.run(spark,
        new EvaluateJob.Options(prepared, null, ALS, SPLIT, EvalOptions.defaults(), null, null));
    long t2 = System.nanoTime();
    Dataset core = DataSources.load(csv, LoadOptions.defaults().withFormat("ratings-csv"), Progress.NONE);
    Split split = new HashSplit(0.2, 42).apply(core);
    FactorModel model = AlsFixture.coreModel(r.model(), split.trainSet(core), ALS, SPLIT);
    EvaluationReport c = new Evaluator().evaluate(model, split.trainSet(core), split.test());
    long t3 = System.nanoTime();
    EvaluationReport s = r.report();
    System.out.printf(Locale.ROOT, "prepare %.1f s, Spark evaluate (ALS fit included) %.1f s, core import + evaluate"
        + " %.1f s%nspark:%n%s%ncore:%n%s%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, s.toTable(),
        c.toTable());
    assertEquals(c.testRatings(), s.testRatings());
    assertEquals(c.fallbackPairs(), s.fallbackPairs());
    assertEquals(c.rating().rmse(), s.rating().rmse(), 1e-9);
    assertEquals(c.rating().mae(), s.rating().mae(), 1e-9);
    assertArrayEquals(c.accuracy().all(), s.accuracy().all(), 1e-9);
    assertArrayEquals(c.accuracy().excludingTrain(), s.accuracy().excludingTrain(), 1e-9);
    assertArrayEquals(c.ranking().ndcg(), s.ranking().ndcg(), 1e-9);
    assertArrayEquals(c.ranking().map(), s.ranking().map(), 1e-9);
    assertArrayEquals(c.ranking().recall(), s.ranking().recall(), 1e-9);
    assertArrayEquals(c.ranking().coverage(), s.ranking().coverage(), 1e-9);
    assertEquals(c.ranking().mrr(), s.ranking().mrr(), 1e-9);
  }
}
