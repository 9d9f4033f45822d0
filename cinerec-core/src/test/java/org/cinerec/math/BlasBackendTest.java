package org.cinerec.math;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How {@link Blas} chooses, each case in a child JVM ({@link BlasProbe}) with its own home, temporary
 * folder and {@code -Dcinerec.blas}: what a newcomer's first run, a read-only home, two JVMs starting at
 * once and the explicit settings print and load. The parent checks the child's stdout, its stderr (empty
 * unless one line is owed) and the BLAS files mapped into it (never the system's unless asked for).
 */
class BlasBackendTest {

  @TempDir
  Path tmp;

  @BeforeAll
  static void onLinuxX86() {
    assumeTrue(BundledOpenBlas.PLATFORM.equals(GemmTest.platform()), "cinerec bundles OpenBLAS for linux-x86_64 only");
  }

  private record Run(int exit, List<String> out, String err) {
    String get(String key) {
      return out.stream().filter(l -> l.startsWith(key + "=")).map(l -> l.substring(key.length() + 1)).findFirst()
          .orElse("(no " + key + " line in " + out + "; stderr: " + err + ")");
    }

    List<String> mapped() {
      return out.stream().filter(l -> l.startsWith("mapped=")).toList();
    }
  }

  private static Process start(Path home, Path tmpdir, String... props) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:+IgnoreUnrecognizedVMOptions", "--add-modules=jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
        "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Duser.home=" + home, "-Djava.io.tmpdir=" + tmpdir));
    cmd.addAll(List.of(props));
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), BlasProbe.class.getName()));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("OPENBLAS_NUM_THREADS", "3"); // must not matter: the thread count is set in code
    return pb.start();
  }

  private static Run finish(Process p) throws IOException, InterruptedException {
    byte[] out = p.getInputStream().readAllBytes();
    byte[] err = p.getErrorStream().readAllBytes();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "probe JVM finished");
    String errText = new String(err, StandardCharsets.UTF_8)
        .replaceAll("(?m)^WARNING: Using incubator modules: jdk.incubator.vector\\R", "");
    return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8).lines().toList(), errText);
  }

  private static Run run(Path home, Path tmpdir, String... props) throws IOException, InterruptedException {
    return finish(start(home, tmpdir, props));
  }

  private static void assertOnlyBundledMapped(Run r) {
    assertFalse(r.mapped().isEmpty(), "a BLAS is mapped: " + r.out());
    for (String lib : r.mapped()) {
      assertTrue(lib.contains("/org/bytedeco/openblas/linux-x86_64/"), "only the bundled OpenBLAS: " + r.mapped());
    }
  }

  @Test
  void aFreshHomeUnpacksTheBundledOpenBlasSilently() throws Exception {
    Path home = Files.createDirectory(tmp.resolve("home"));
    Run r = run(home, Files.createDirectory(tmp.resolve("t")));
    assertEquals(0, r.exit(), r.err());
    assertEquals("", r.err(), "nothing on stderr");
    assertEquals("BUNDLED", r.get("backend"));
    assertEquals("bundled OpenBLAS 0.3.31 (org.bytedeco:openblas 0.3.31-1.5.13), 1 thread, Haswell kernels (OPENBLAS_CORETYPE)", r.get("implementation"));
    assertEquals("ok", r.get("product"));
    assertOnlyBundledMapped(r);
    assertTrue(r.mapped().get(0).contains(home.resolve(".javacpp/cache").toString()), r.mapped().toString());
  }

  @Test
  void anUnwritableHomeFallsBackToTheTemporaryFolder() throws Exception {
    Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
    Path tmpdir = Files.createDirectory(tmp.resolve("t"));
    Run r = run(file.resolve("home"), tmpdir); // a home below a file can never be created, even by root
    assertEquals("", r.err(), "nothing on stderr");
    assertEquals("BUNDLED", r.get("backend"));
    assertEquals("ok", r.get("product"));
    assertOnlyBundledMapped(r);
    assertTrue(r.mapped().get(0).startsWith("mapped=" + tmpdir.resolve(".javacpp-" + System.getProperty("user.name"))),
        r.mapped().toString());
  }

  @Test
  void noWritableCacheAnywhereGivesOneLineAndTheJavaKernels() throws Exception {
    Path file = Files.writeString(tmp.resolve("not-a-dir"), "x");
    Run r = run(file.resolve("home"), file.resolve("tmp"));
    assertEquals(0, r.exit(), r.err());
    assertEquals("JAVA", r.get("backend"));
    assertEquals("ok", r.get("product"));
    assertTrue(r.mapped().isEmpty(), "no BLAS library loaded: " + r.mapped());
    // JDK 21+ itself warns that the java.io.tmpdir given (under a file) does not exist; that line is the JVM's
    List<String> lines = r.err().lines().filter(l -> !l.startsWith("WARNING: java.io.tmpdir directory does not exist"))
        .toList();
    assertEquals(1, lines.size(), "exactly one line of cinerec's: " + r.err());
    assertTrue(lines.get(0).startsWith("cinerec: cannot unpack the bundled OpenBLAS: none of ["), lines.get(0));
    assertTrue(lines.get(0).endsWith("matrix products run in Java, several times slower (see docs/notes/blas.md)"),
        lines.get(0));
  }

  @Test
  void threeJvmsStartingTogetherOnOneEmptyCacheAllLoadIt() throws Exception {
    Path home = Files.createDirectory(tmp.resolve("home"));
    Path tmpdir = Files.createDirectory(tmp.resolve("t"));
    List<Process> ps = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ps.add(start(home, tmpdir));
    }
    for (Process p : ps) {
      Run r = finish(p);
      assertEquals("", r.err(), "nothing on stderr");
      assertEquals("BUNDLED", r.get("backend"));
      assertEquals("ok", r.get("product"));
      assertOnlyBundledMapped(r);
    }
  }

  @Test
  void javaIsOnlyEverAskedForAndLoadsNoLibrary() throws Exception {
    Path home = Files.createDirectory(tmp.resolve("home"));
    for (String flag : List.of("-Dcinerec.blas=java", "-Dcinerec.gemm=java")) {
      Run r = run(home, Files.createDirectories(tmp.resolve("t")), flag);
      assertEquals("", r.err(), flag + ": nothing on stderr");
      assertEquals("JAVA", r.get("backend"), flag);
      assertEquals("Java, Vector API kernel " + VectorGemm.bits() + "-bit (-Dcinerec.blas=java)", r.get("implementation"));
      assertEquals("ok", r.get("product"));
      assertTrue(r.mapped().isEmpty(), flag + ": no BLAS library loaded: " + r.mapped());
    }
    assertFalse(Files.exists(home.resolve(".javacpp")), "nothing unpacked");
  }

  @Test
  void systemUsesTheInstalledLibblasOrSaysInOneLineThatThereIsNone() throws Exception {
    Run r = run(Files.createDirectory(tmp.resolve("home")), Files.createDirectory(tmp.resolve("t")), "-Dcinerec.blas=system");
    assertEquals("ok", r.get("product"));
    String found = Blas.findLibblas();
    if (found != null) {
      assertEquals("", r.err(), "nothing on stderr");
      assertEquals("SYSTEM", r.get("backend"));
      assertTrue(r.get("implementation").startsWith("system BLAS " + found + " through netlib"), r.get("implementation"));
      assertFalse(r.mapped().stream().anyMatch(l -> l.contains("/org/bytedeco/")), "the bundled one is not loaded: " + r.mapped());
    } else {
      assertEquals("JAVA", r.get("backend"));
      assertEquals(1, r.err().lines().count(), r.err());
      assertTrue(r.err().startsWith("cinerec: -Dcinerec.blas=system: no libblas.so.3"), r.err());
    }
  }
}
