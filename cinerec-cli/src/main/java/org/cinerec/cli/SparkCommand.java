package org.cinerec.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.cinerec.CinerecException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code cinerec spark JOB ...}: the launcher runs the jobs of {@code cinerec-spark} in-process when it
 * finds Spark's jars ({@code $SPARK_HOME/jars}, or the local Maven repository); this command is what answers
 * when it did not: it says how to get Spark and prints the equivalent {@code spark-submit} line, so the main
 * jar never carries Spark.
 */
@Command(name = "spark", mixinStandardHelpOptions = true,
    description = {"Run a cinerec job on Apache Spark (local[*] in this process): prepare, and the jobs of "
        + "docs/cluster.md. Needs Spark " + SparkCommand.SPARK_VERSION + " (Scala 2.13): $SPARK_HOME, or its jars "
        + "in the local Maven repository.",
        "Example: cinerec spark prepare ml-latest-small/ratings.csv prepared"})
final class SparkCommand implements Callable<Integer> {
  /** The Spark version cinerec-spark is built against (the parent pom's spark.version; a test checks). */
  static final String SPARK_VERSION = "4.2.0";

  @Unmatched
  List<String> job = new ArrayList<>();

  @Override
  public Integer call() {
    throw new CinerecException(notHere(checkout(), job));
  }

  static String notHere(Path checkout, List<String> job) {
    String jar = checkout == null ? "cinerec-spark.jar" : checkout.resolve("cinerec-spark/target/cinerec-spark.jar").toString();
    String build = checkout == null ? "mvn -B -Pspark -pl cinerec-spark -am package -DskipTests   (in cinerec's checkout)"
        : "(cd " + checkout + " && mvn -B -Pspark -pl cinerec-spark -am package -DskipTests)";
    String args = job.isEmpty() ? "JOB ARGS..." : String.join(" ", job);
    return "Apache Spark " + SPARK_VERSION + " is not on this machine (no $SPARK_HOME with jars/spark-core_2.13-*.jar, "
        + "and none in ~/.m2)\n"
        + "Get it one of two ways, then run this command again:\n"
        + "  - fetch Spark's jars into the local Maven repository once (about 400 MB; this also builds the job jar):\n"
        + "      " + build + "\n"
        + "  - or install Spark " + SPARK_VERSION + " for Scala 2.13 (spark.apache.org/downloads) and set SPARK_HOME\n"
        + "The same job with spark-submit (standalone, YARN, Kubernetes: change --master), once the job jar is built:\n"
        + "  spark-submit --master 'local[*]' --class org.cinerec.spark.SparkJobs " + jar + " " + args;
  }

  /** The checkout this jar was built in ({@code ROOT/cinerec-cli/target/cinerec.jar}), or null. */
  private static Path checkout() {
    try {
      Path jar = Path.of(SparkCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Path root = jar.getParent() == null || jar.getParent().getParent() == null ? null : jar.getParent().getParent().getParent();
      return root != null && Files.isRegularFile(root.resolve("cinerec-spark/pom.xml")) ? root : null;
    } catch (URISyntaxException | SecurityException | NullPointerException e) {
      return null;
    }
  }
}
