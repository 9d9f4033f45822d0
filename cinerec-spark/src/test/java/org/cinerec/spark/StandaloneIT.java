package org.cinerec.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.cinerec.Progress;
import org.cinerec.data.DataFingerprint;
import org.cinerec.data.Dataset;
import org.cinerec.data.RatingScale;
import org.cinerec.io.DataSources;
import org.cinerec.io.LoadOptions;
import org.cinerec.prep.ReportFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Standalone mode on loopback: a Spark master and a worker started from Spark's own jars
 * ({@code org.apache.spark.deploy.master.Master}, {@code worker.Worker}) on free ports of 127.0.0.1 with the
 * module's {@code --add-opens} list, {@code prepare} submitted to them through {@code spark-submit}'s own
 * class ({@code org.apache.spark.deploy.SparkSubmit}) with the shaded {@code target/cinerec-spark.jar}, the
 * report checked against the core's, then both stopped (SIGTERM, as {@code stop-master.sh} does). The
 * worker runs executors from a Spark home made of links to the jars of this test's class path.
 *
 * <p>Runs in the {@code verify} phase, after the jar is built (the pom's {@code standalone} execution sets
 * {@code cinerec.standalone}; {@code -Dcinerec.standalone=false} leaves it out); in the {@code test} phase it
 * is skipped, the jar not being there yet.
 */
class StandaloneIT {
  @TempDir Path dir;
  private final List<Process> started = new ArrayList<>();

  @Test
  void prepareRunsOnAStandaloneMasterAndWorker() throws Exception {
    assumeTrue(Boolean.getBoolean("cinerec.standalone"), "runs in the verify phase, after the shaded jar is built");
    Path jar = Path.of("target", "cinerec-spark.jar").toAbsolutePath();
    if (!Files.isRegularFile(jar)) {
      fail(jar + " is missing: mvn -Pspark package builds it");
    }
    Path home = sparkHome();
    int master = freePort();
    int worker = freePort();
    String url = "spark://127.0.0.1:" + master;
    try {
      Process m = start("master", home, "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1",
          "--port", Integer.toString(master), "--webui-port", Integer.toString(freePort()));
      awaitPort(master, m, "master");
      start("worker", home, "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--port",
          Integer.toString(worker), "--webui-port", Integer.toString(freePort()), "--cores", "2", "--memory", "1g",
          "--work-dir", dir.resolve("work").toString(), url);
      awaitLog(dir.resolve("master.log"), "Registering worker", m, "the worker registering with the master");

      Path input = dir.resolve("ratings.csv");
      Files.write(input, PrepareJobTest.fixture());
      Path out = dir.resolve("out");
      long t0 = System.nanoTime();
      Process submit = start("submit", home, "org.apache.spark.deploy.SparkSubmit", "--master", url,
          "--conf", "spark.driver.host=127.0.0.1", "--conf", "spark.driver.bindAddress=127.0.0.1",
          "--conf", "spark.ui.enabled=false", "--executor-memory", "512m", "--total-executor-cores", "2",
          "--class", "org.cinerec.spark.SparkJobs", jar.toString(), "prepare", input.toString(), out.toString(),
          "--scale", "0:10");
      if (!submit.waitFor(5, TimeUnit.MINUTES)) {
        fail("spark-submit did not finish in 5 minutes; see " + dir.resolve("submit.log"));
      }
      assertEquals(0, submit.exitValue(), Files.readString(dir.resolve("submit.log"), StandardCharsets.UTF_8));
      System.out.printf(java.util.Locale.ROOT, "standalone prepare: %.1f s%n", (System.nanoTime() - t0) / 1e9);

      Dataset core = DataSources.load(input, LoadOptions.defaults().withFormat("ratings-csv")
          .withScale(RatingScale.parse("0:10", "--scale")), Progress.NONE);
      assertEquals(ReportFormat.json(core), Files.readString(out.resolve("report.json"), StandardCharsets.UTF_8));
      assertEquals(DataFingerprint.hex(DataFingerprint.of(core)) + "\n",
          Files.readString(out.resolve("fingerprint.txt"), StandardCharsets.UTF_8));
      try (Stream<Path> apps = Files.list(dir.resolve("work"))) {
        assertTrue(apps.anyMatch(p -> p.getFileName().toString().startsWith("app-")),
            "the worker ran the job's executors");
      }
    } finally {
      for (int k = started.size() - 1; k >= 0; k--) { // worker first, then master
        Process p = started.get(k);
        p.destroy();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      }
      try (Stream<Path> links = Files.list(home.resolve("jars"))) { // the links, not the jars they point to
        for (Path l : links.toList()) {
          Files.delete(l);
        }
      }
    }
  }

  /** A Spark home whose jars/ links to every jar of this test's class path (Spark's, provided scope). */
  private Path sparkHome() throws IOException {
    Path jars = Files.createDirectories(dir.resolve("spark-home").resolve("jars"));
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Set<String> names = new HashSet<>();
    for (String e : cp.split(File.pathSeparator)) {
      Path p = Path.of(e);
      if (e.endsWith(".jar") && Files.isRegularFile(p) && !e.contains("surefire")) {
        String name = p.getFileName().toString();
        if (!names.add(name)) {
          name = names.size() + "-" + name;
        }
        Files.createSymbolicLink(jars.resolve(name), p.toAbsolutePath());
      }
    }
    return dir.resolve("spark-home");
  }

  /** Starts {@code main} from the Spark home's jars with the module's JVM flags, output to NAME.log. */
  private Process start(String name, Path home, String main, String... args) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(Arrays.asList(System.getProperty("cinerec.spark.javaOptions", "").trim().split("\\s+")));
    cmd.addAll(List.of("-Xmx768m", "-cp", home.resolve("jars") + File.separator + "*", main));
    cmd.addAll(Arrays.asList(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(dir.resolve(name + ".log").toFile());
    pb.environment().put("SPARK_HOME", home.toString());
    pb.environment().put("SPARK_SCALA_VERSION", "2.13");
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Process p = pb.start();
    started.add(p);
    return p;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private void awaitPort(int port, Process p, String what) throws Exception {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < until) {
      if (!p.isAlive()) {
        fail("the " + what + " exited: " + Files.readString(dir.resolve(what + ".log"), StandardCharsets.UTF_8));
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 500);
        return;
      } catch (IOException e) {
        Thread.sleep(250);
      }
    }
    fail("the " + what + " did not listen on " + port + " within 120 s");
  }

  private static void awaitLog(Path log, String text, Process p, String what) throws Exception {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < until) {
      if (Files.exists(log) && Files.readString(log, StandardCharsets.ISO_8859_1).contains(text)) {
        return;
      }
      if (!p.isAlive()) {
        break;
      }
      Thread.sleep(250);
    }
    fail("no " + what + " within 120 s: " + Files.readString(log, StandardCharsets.ISO_8859_1));
  }
}
