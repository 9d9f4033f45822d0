package org.cinerec.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.cinerec.CinerecException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cinerec import-spark-als DIR --data DATA -o OUT}: a model saved by MLlib's {@code ALSModel.save}
 * into a cinerec model file. Reading MLlib's Snappy Parquet needs Spark (and Hadoop), which this jar never
 * carries, so the work is the Spark module's {@code import-als} job: the {@code ./cinerec} launcher runs it
 * (docs/cluster.md); here, without Spark, the command says how and prints the spark-submit line.
 */
@Command(name = "import-spark-als", mixinStandardHelpOptions = true,
    description = {"Import an ALS model saved by Spark MLlib (ALSModel.save: metadata/, userFactors/, itemFactors/)"
        + " with the data it was trained on, as a cinerec model file of kind als (ials if implicit). Runs the Spark"
        + " module's import-als job (the ./cinerec launcher finds Spark); MLlib's parameter mapping: docs/cluster.md.",
        "Example: ./cinerec import-spark-als /models/als --data ../shared/data/ml-latest-small --split random:0.2:42"
            + " -o als.cinerec"})
final class ImportSparkAlsCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR", description = "The folder ALSModel.save wrote.")
  String dir;

  @Option(names = "--data", required = true, paramLabel = "DATA", description = "The data the model was trained on.")
  Path data;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "The model file to write.")
  Path output;

  @Option(names = "--split", paramLabel = "SPEC", description = "The split whose training part the model was trained on.")
  String split;

  @Option(names = "--regParam", paramLabel = "X", description = "MLlib's regParam (ALSModel.save does not keep it; default 0.1).")
  String regParam;

  @Option(names = "--maxIter", paramLabel = "N", description = "MLlib's maxIter (default 10).")
  String maxIter;

  @Option(names = "--implicitPrefs", paramLabel = "B", description = "MLlib's implicitPrefs (default false).")
  String implicitPrefs;

  @Option(names = "--alpha", paramLabel = "X", description = "MLlib's alpha (default 1.0).")
  String alpha;

  @Option(names = "--seed", paramLabel = "N", description = "MLlib's seed, for the record.")
  String seed;

  @Override
  public Integer call() {
    List<String> job = new ArrayList<>(List.of("import-als", dir, "--data", data.toString(), "-o", output.toString()));
    add(job, "--split", split);
    add(job, "--regParam", regParam);
    add(job, "--maxIter", maxIter);
    add(job, "--implicitPrefs", implicitPrefs);
    add(job, "--alpha", alpha);
    add(job, "--seed", seed);
    throw new CinerecException(SparkCommand.absent("import-spark-als", job));
  }

  private static void add(List<String> job, String flag, String value) {
    if (value != null) {
      job.add(flag);
      job.add(value);
    }
  }
}
