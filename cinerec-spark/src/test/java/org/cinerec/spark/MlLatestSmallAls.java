package org.cinerec.spark;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.cinerec.testkit.SharedData;

/**
 * The one Spark run on ml-latest-small of this module's test JVM, shared by {@link EndToEndTest} and
 * {@link AlsParityTest} (it costs about a minute): {@code prepare} of the MovieLens folder, {@code train-als}
 * on the {@value #SPLIT} training part (rank 10, 10 iterations, regParam 0.1, seed 42) and {@code export},
 * in a fresh folder under {@code target/}. Fails in CI (skipped elsewhere) when the data is missing.
 */
final class MlLatestSmallAls {
  static final String SPLIT = "hash:0.2:42";
  static final Map<String, String> PARAMS = Map.of("rank", "10", "maxIter", "10", "regParam", "0.1", "seed", "42");

  /** What the run wrote, and its steps' wall time. */
  record Run(Path data, String prepared, PrepareJob.Result prepare, String modelDir, TrainAlsJob.Result train,
      Path file, double prepareSeconds, double trainSeconds, double exportSeconds) {}

  private static Run run;

  private MlLatestSmallAls() {}

  /** shared/data/ml-latest-small; fails in CI and skips elsewhere when it is missing. */
  static Path data() {
    Path data = SharedData.mlLatestSmall();
    if (!Files.isDirectory(data)) {
      if ("true".equals(System.getenv("CI"))) {
        fail("CI=true but " + data + " is missing");
      }
      assumeTrue(false, data + " not found");
    }
    return data;
  }

  static synchronized Run get() throws IOException {
    if (run == null) {
      Path data = data();
      SparkSession spark = LocalSpark.session();
      Path dir = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "ml-latest-small-als");
      long t0 = System.nanoTime();
      String prep = dir.resolve("prepared").toString();
      PrepareJob.Result p = PrepareJob.run(spark, data.toString(), prep, PrepareJob.Options.defaults());
      long t1 = System.nanoTime();
      String modelDir = dir.resolve("als").toString();
      TrainAlsJob.Result t = TrainAlsJob.run(spark, prep, modelDir, PARAMS, null, SPLIT);
      long t2 = System.nanoTime();
      Path file = dir.resolve("als.cinerec");
      ExportJob.run(spark, modelDir, file.toString());
      long t3 = System.nanoTime();
      run = new Run(data, prep, p, modelDir, t, file, (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9);
    }
    return run;
  }
}
