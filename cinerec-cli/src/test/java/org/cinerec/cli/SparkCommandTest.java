package org.cinerec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Without Spark on the classpath, {@code spark} and {@code import-spark-als} say how to get it and print the spark-submit line. */
class SparkCommandTest {
  @Test
  void sparkWithoutSparkSaysHowAndPrintsTheSparkSubmitLine() {
    CliFixture.Run r = CliFixture.run("spark", "train-als", "out/prep", "out/als", "--rank", "3");
    assertEquals(1, r.code(), r.err());
    assertTrue(r.err().startsWith("error: cinerec spark train-als out/prep out/als --rank 3: Spark " + SparkCommand.SPARK_VERSION
        + " was not found"), r.err());
    assertTrue(r.err().contains("mvn -B -Pspark -pl cinerec-spark -am package -DskipTests"), r.err());
    assertTrue(r.err().contains("\n    spark-submit --master 'local[*]' --class org.cinerec.spark.SparkJobs "
        + "cinerec-spark/target/cinerec-spark.jar train-als out/prep out/als --rank 3\n"), r.err());
  }

  @Test
  void importSparkAlsWithoutSparkPrintsTheImportAlsJobLine() {
    CliFixture.Run r = CliFixture.run("import-spark-als", "/models/als", "--data", "ml latest", "-o", "m.cinerec",
        "--regParam", "0.05");
    assertEquals(1, r.code(), r.err());
    assertTrue(r.err().contains("cinerec-spark.jar import-als /models/als --data 'ml latest' -o m.cinerec --regParam 0.05"),
        r.err());
    r = CliFixture.run("import-spark-als", "/models/als", "-o", "m.cinerec");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("--data"), r.err());
  }

  /** {@code spark --help} without Spark names the jobs (those of SparkJobs' source) and how to get Spark. */
  @Test
  void helpWithoutSparkNamesTheJobs() throws IOException {
    CliFixture.Run r = CliFixture.run("spark", "--help");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("usage: cinerec spark JOB ARGS...\n  JOB: prepare, train-als, export, import-als, "
        + "evaluate, recommend-all"), r.out());
    assertTrue(r.out().contains("mvn -B -Pspark -pl cinerec-spark -am package -DskipTests"), r.out());
    CliFixture.Run none = CliFixture.run("spark");
    assertEquals(2, none.code());
    assertTrue(none.err().startsWith("usage: cinerec spark JOB ARGS..."), none.err());
    String jobs = Files.readString(Path.of("..", "cinerec-spark", "src", "main", "java", "org", "cinerec", "spark",
        "SparkJobs.java"), StandardCharsets.UTF_8);
    java.util.List<String> cases = new java.util.ArrayList<>();
    Matcher m = Pattern.compile("case \"([a-z][a-z-]*)\" -> \\{").matcher(jobs);
    while (m.find()) {
      cases.add(m.group(1));
    }
    assertEquals(cases, SparkCommand.JOBS, "the jobs SparkJobs.run dispatches on");
  }

  @Test
  void theVersionNamedIsThePomsSparkVersion() throws IOException {
    String pom = Files.readString(Path.of("..", "pom.xml"), StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("<spark.version>([^<]+)</spark.version>").matcher(pom);
    assertTrue(m.find(), "pom.xml names spark.version");
    assertEquals(m.group(1), SparkCommand.SPARK_VERSION);
  }
}
