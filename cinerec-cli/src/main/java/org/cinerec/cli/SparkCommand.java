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
  /** The Spark version cinerec-spark is built against (the parent pom's spark.version; a test checks). */
  static final String SPARK_VERSION = "4.2.0";

  /** The jobs of {@code org.cinerec.spark.SparkJobs}, in its order (a test reads them from its source). */
  static final List<String> JOBS = List.of("prepare", "train-als", "export", "import-als", "evaluate", "recommend-all");

  @Unmatched
  List<String> args = new ArrayList<>();

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    if (args.isEmpty() || args.equals(List.of("--help")) || args.equals(List.of("-h"))) {
      // what the jobs are, even without Spark (each job's own flags are SparkJobs' --help, with Spark)
      java.io.PrintWriter out = args.isEmpty() ? spec.commandLine().getErr() : spec.commandLine().getOut();
      out.println("usage: cinerec spark JOB ARGS...");
      out.println("  JOB: " + String.join(", ", JOBS) + " (Spark's local mode; docs/cluster.md)");
      out.println("  " + absent("spark --help", List.of("--help")).replace("\n", "\n  "));
      out.flush();
      return args.isEmpty() ? Main.EXIT_USAGE : 0;
    }
    throw new CinerecException(absent("spark " + String.join(" ", args), args));
  }

  /** The message when Spark is not on the classpath: how to get it, and the spark-submit line of {@code job}. */
  static String absent(String what, List<String> job) {
    List<String> line = new ArrayList<>(List.of("spark-submit", "--master", "'local[*]'", "--class",
        "org.cinerec.spark.SparkJobs", JAR));
    for (String a : job.isEmpty() ? List.of("JOB", "ARGS...") : job) {
      line.add(a.matches("[A-Za-z0-9_./:=,@%+-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
    }
    return "cinerec " + what.strip() + ": Spark " + SPARK_VERSION + " was not found (no $SPARK_HOME/jars, none in the"
        + " local Maven repository; cinerec's own jar never carries Spark).\n"
        + "  Get it either way, then run the same command again with the ./cinerec launcher:\n"
        + "    mvn -B -Pspark -pl cinerec-spark -am package -DskipTests\n"
        + "      (in cinerec's checkout: fetches Spark's jars into ~/.m2, about 400 MB, and builds " + JAR + ")\n"
        + "    or install a Spark " + SPARK_VERSION + " distribution (Scala 2.13) and set SPARK_HOME\n"
        + "  The same job with spark-submit (any --master):\n"
        + "    " + String.join(" ", line);
  }
}
