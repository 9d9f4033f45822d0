package org.cinerec.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.cinerec.CinerecException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code cinerec spark JOB ARGS...}: the Spark jobs of {@code cinerec-spark} in local mode. The
 * {@code ./cinerec} launcher runs them itself (it builds the module with {@code -Pspark} and puts Spark's
 * jars from the local Maven repository or {@code $SPARK_HOME} beside it, never into this jar); this command
 * is what answers when Spark is not there: how to get it, and the equivalent {@code spark-submit} line.
 */
@Command(name = "spark",
    description = {"Run a Spark job (prepare, train-als, export, import-als, ...) in local mode: the ./cinerec launcher"
        + " runs it with Spark's jars from the local Maven repository or $SPARK_HOME; without Spark this says how"
        + " to get it and prints the spark-submit line.",
        "Example: ./cinerec spark train-als out/prep out/als --rank 10 --maxIter 10"})
final class SparkCommand implements Callable<Integer> {
  static final String JAR = "cinerec-spark/target/cinerec-spark.jar";

  @Unmatched
  List<String> args = new ArrayList<>();

  @Override
  public Integer call() {
    throw new CinerecException(absent("spark " + String.join(" ", args), args));
  }

  /** The message when Spark is not on the classpath: how to get it, and the spark-submit line of {@code job}. */
  static String absent(String what, List<String> job) {
    List<String> line = new ArrayList<>(List.of("spark-submit", "--master", "'local[*]'", "--class",
        "org.cinerec.spark.SparkJobs", JAR));
    for (String a : job.isEmpty() ? List.of("JOB", "ARGS...") : job) {
      line.add(a.matches("[A-Za-z0-9_./:=,@%+-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
    }
    return "cinerec " + what.strip() + ": Spark is not on this JVM's classpath (cinerec's jar never carries it).\n"
        + "  Run it through the launcher, which builds the Spark module and finds Spark's jars in ~/.m2 or $SPARK_HOME:\n"
        + "    ./cinerec spark " + (job.isEmpty() ? "JOB ARGS..." : String.join(" ", job)) + "\n"
        + "  Get Spark 4.2.0 (Scala 2.13) either way: mvn -B -Pspark -pl cinerec-spark -am package -DskipTests\n"
        + "  (fetches it into ~/.m2 and builds " + JAR + "), or install a Spark 4.2.0 distribution and set SPARK_HOME.\n"
        + "  The same job with spark-submit:\n"
        + "    " + String.join(" ", line);
  }
}
