package org.cinerec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code cinerec spark} when the launcher found no Spark: how to get it, and the spark-submit line. */
class SparkCommandTest {
  @Test
  void withoutSparkTheCommandSaysHowToGetItAndPrintsTheSparkSubmitLine() {
    CliFixture.Run r = CliFixture.run("spark", "prepare", "ml-latest-small/ratings.csv", "out", "--scale", "0.5:5:0.5");
    assertEquals(1, r.code(), r.err());
    assertEquals("", r.out());
    List<String> lines = r.err().lines().toList();
    assertTrue(lines.get(0).startsWith("error: Apache Spark " + SparkCommand.SPARK_VERSION + " is not on this machine"), r.err());
    assertTrue(r.err().contains("mvn -B -Pspark -pl cinerec-spark -am package -DskipTests"), r.err());
    assertTrue(r.err().contains("set SPARK_HOME"), r.err());
    String last = lines.get(lines.size() - 1);
    assertTrue(last.startsWith("  spark-submit --master 'local[*]' --class org.cinerec.spark.SparkJobs "), last);
    assertTrue(last.endsWith("cinerec-spark.jar prepare ml-latest-small/ratings.csv out --scale 0.5:5:0.5"), last);
    assertTrue(r.err().lines().noneMatch(l -> l.contains("\tat ")), "no stack trace");
  }

  @Test
  void theHelpNamesTheCommand() {
    CliFixture.Run r = CliFixture.run("spark", "--help");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("Run a cinerec job on Apache Spark"), r.out());
  }

  @Test
  void theVersionIsThePomsSparkVersion() throws IOException {
    String pom = Files.readString(Path.of("..", "pom.xml"), StandardCharsets.UTF_8);
    Matcher m = Pattern.compile("<spark.version>([^<]+)</spark.version>").matcher(pom);
    assertTrue(m.find(), "pom.xml names spark.version");
    assertEquals(m.group(1), SparkCommand.SPARK_VERSION);
  }
}
