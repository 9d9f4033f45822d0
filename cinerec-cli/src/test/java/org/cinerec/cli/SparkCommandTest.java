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

  @Test
  void theVersionNamedIsThePomsSparkVersion() throws IOException {
    String pom = Files.readString(Path.of("..", "pom.xml"), StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("<spark.version>([^<]+)</spark.version>").matcher(pom);
    assertTrue(m.find(), "pom.xml names spark.version");
    assertEquals(m.group(1), SparkCommand.SPARK_VERSION);
  }
}
