package org.cinerec.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.cinerec.CinerecException;
import org.cinerec.model.ModelFamilies;
import org.cinerec.model.ModelFamily;
import org.junit.jupiter.api.Test;

/**
 * The pool's size as a setting: {@link Parallel#configure}, {@code -Dcinerec.threads}, the cores by default,
 * fixed at first use, and honoured by every model's training. Each case runs {@link ParallelProbe} in a
 * child JVM, where nothing has used the pool yet.
 */
class ParallelTest {
  private static final int CORES = Runtime.getRuntime().availableProcessors();

  private static Map<String, String> probe(List<String> props, String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+IgnoreUnrecognizedVMOptions", "--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "-Xmx512m", "-XX:TieredStopAtLevel=1"));
    cmd.addAll(props);
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ParallelProbe.class.getName()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "probe JVM finished");
    assertEquals(0, p.exitValue(), out);
    Map<String, String> lines = new LinkedHashMap<>();
    for (String l : out.lines().toList()) {
      int eq = l.indexOf('=');
      if (eq > 0) {
        lines.put(l.substring(0, eq), l.substring(eq + 1));
      }
    }
    return lines;
  }

  @Test
  void theSizeIsTheCoresByDefault() throws Exception {
    Map<String, String> r = probe(List.of(), "size");
    assertEquals(Integer.toString(CORES), r.get("threads"), r.toString());
    assertEquals(Integer.toString(CORES), r.get("threads0"), r.toString());
  }

  @Test
  void configureSetsTheSizeAThreadsSettingOfZeroMeansItAndItIsFixedAfterwards() throws Exception {
    Map<String, String> r = probe(List.of("-Dcinerec.threads=5"), "size", "3");
    assertEquals("3", r.get("threads"), "configure beats the property: " + r);
    assertEquals("3", r.get("threads0"), r.toString());
    assertEquals("3", r.get("ran"), "16 sleeping chunks ran on the pool's 3 threads: " + r);
    assertEquals("16", r.get("tasks"), r.toString());
    assertEquals("--threads 4: the thread pool already has 3 threads; set its size before anything runs in "
        + "parallel", r.get("reconfigure"));
  }

  @Test
  void thePropertySetsTheSizeWhenConfigureWasNotCalled() throws Exception {
    Map<String, String> r = probe(List.of("-Dcinerec.threads=1"), "size");
    assertEquals("1", r.get("threads"), r.toString());
    assertEquals("1", r.get("ran"), r.toString());
    assertEquals(Integer.toString(CORES), probe(List.of("-Dcinerec.threads=0"), "size").get("threads"),
        "0 in the property means the cores");
  }

  @Test
  void aBadSettingIsAUsageErrorNamingIt() throws Exception {
    assertEquals("-Dcinerec.threads=lots: the number of threads must be 0 (one per core) to 1024",
        probe(List.of("-Dcinerec.threads=lots"), "size").get("error"));
    assertEquals("--threads -2: the number of threads must be 0 (one per core) to 1024",
        probe(List.of(), "size", "-2").get("error"));
    CinerecException e = assertThrows(CinerecException.class, () -> Parallel.configure(2000));
    assertEquals(CinerecException.Kind.USAGE, e.kind());
  }

  @Test
  void everyModelTrainsWithinThePoolsSize() throws Exception {
    Map<String, String> one = probe(List.of("-Dcinerec.threads=1"), "train");
    Map<String, String> three = probe(List.of("-Dcinerec.threads=3"), "train");
    for (ModelFamily f : ModelFamilies.all()) {
      String o = one.get(f.kind());
      assertTrue(o != null && o.matches("workers [01], gang 0, others \\[]"), f.kind() + " with a pool of 1: " + one);
      String t = three.get(f.kind());
      assertTrue(t != null && t.matches("workers [0-3], gang [0-2], others \\[]"), f.kind() + " with 3: " + three);
    }
    assertTrue(three.get("mf").contains("gang 2"), "mf's blocked SGD (threads 0) takes the pool's size, not the "
        + CORES + " cores: " + three);
  }

  @Test
  void settingTheSizeItAlreadyHasIsAllowed() {
    Parallel.configure(Parallel.threads());
    assertEquals(Parallel.threads(), Parallel.threads(0));
    assertThrows(CinerecException.class, () -> Parallel.configure(Parallel.threads() + 1));
  }
}
