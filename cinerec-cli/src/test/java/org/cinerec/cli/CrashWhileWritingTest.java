package org.cinerec.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.cinerec.Progress;
import org.cinerec.data.Dataset;
import org.cinerec.io.DatasetFile;
import org.cinerec.io.MovieLensWriter;
import org.cinerec.model.ModelFiles;
import org.cinerec.synth.Preset;
import org.cinerec.synth.SyntheticData;
import org.cinerec.testkit.ServerProcess;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A crash never leaves half a file: {@code cinerec prepare} and {@code cinerec train} run as separate JVMs
 * and are killed with SIGKILL the moment their temporary output file appears (the kill aimed at the write),
 * over an output that already holds a complete earlier file. After each kill the file under the final name
 * is the earlier one, byte for byte, or a complete new one that loads; never a partial file. The log says how
 * many kills landed mid-write (the temporary file existed and the rename had not happened). CI runs a few
 * cycles; {@code -Dcinerec.crash.kills=25} by hand (docs/reliability.md).
 */
class CrashWhileWritingTest {
  static final int KILLS = Integer.getInteger("cinerec.crash.kills", 2);

  @TempDir
  static Path dir;
  static Path data;

  @BeforeAll
  static void data() {
    // big enough that writing the outputs takes a while: 300,000 ratings (a ~5 MB dataset file); a model
    // with 1,000 factors over 3,000 users and 3,000 movies (~24 MB)
    Dataset d = SyntheticData.generate(Preset.TINY.resized("crash", 3_000, 3_000, 300_000), 11, Progress.NONE);
    data = dir.resolve("data");
    MovieLensWriter.writeDataset(data, d, Progress.NONE);
  }

  private static List<String> command(String what, Path out) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx2g");
    cmd.addAll(ServerProcess.inheritedFlags());
    cmd.add("-cp");
    cmd.add(ServerProcess.classpath());
    cmd.add(Main.class.getName());
    if (what.equals("prepare")) {
      cmd.addAll(List.of("prepare", data.toString(), "--out", out.toString(), "--quiet"));
    } else {
      cmd.addAll(List.of("train", data.toString(), "--model", "mf", "--factors", "1000", "--epochs", "1",
          "--no-eval", "--out", out.toString()));
    }
    return cmd;
  }

  private static Process start(String what, Path out, Path log) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command(what, out)).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().put("OPENBLAS_NUM_THREADS", "1");
    return pb.start();
  }

  /** The temporary file AtomicFiles writes beside {@code out} ({@code .NAME<random>.tmp}), if any. */
  private static Path temporary(Path out) throws IOException {
    String prefix = "." + out.getFileName();
    try (Stream<Path> s = Files.list(out.getParent())) {
      return s.filter(p -> p.getFileName().toString().startsWith(prefix) && p.getFileName().toString().endsWith(".tmp"))
          .findFirst().orElse(null);
    }
  }

  private static void loads(String what, Path out) {
    if (what.equals("prepare")) {
      DatasetFile.read(out, Progress.NONE);
    } else {
      ModelFiles.load(out);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"prepare", "train"})
  void aKillDuringTheWriteLeavesTheEarlierFileOrTheWholeNewOne(String what) throws Exception {
    Path folder = Files.createDirectories(dir.resolve(what));
    Path out = folder.resolve(what.equals("prepare") ? "data.cinerec" : "mf.cinerec");
    Path log = folder.resolve("children.log");
    Process first = start(what, out, log);
    assertEquals(0, first.waitFor(), () -> "the first, undisturbed run: " + read(log));
    byte[] earlier = Files.readAllBytes(out);
    loads(what, out);
    int midWrite = 0;
    int renamedFirst = 0;
    for (int k = 0; k < KILLS; k++) {
      Process p = start(what, out, log);
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
      boolean sawTemporary = false;
      while (p.isAlive() && System.nanoTime() < deadline) {
        Path tmp = temporary(out);
        if (tmp != null && Files.exists(tmp)) {
          sawTemporary = true;
          p.destroyForcibly(); // SIGKILL on Linux: exit status 137
          break;
        }
        Thread.onSpinWait();
      }
      p.waitFor();
      byte[] now = Files.readAllBytes(out);
      boolean unchanged = java.util.Arrays.equals(earlier, now);
      if (sawTemporary && unchanged) {
        midWrite++;
      } else {
        renamedFirst++;
      }
      loads(what, out); // the earlier file, or the complete new one: never a partial file
      if (!unchanged) {
        assertTrue(p.exitValue() == 0 || p.exitValue() == 137, "exit " + p.exitValue());
        earlier = now;
      }
      Path left = temporary(out);
      if (left != null) {
        Files.delete(left); // a killed writer cannot clean up; the next write makes its own temporary file
      }
    }
    assertArrayEquals(earlier, Files.readAllBytes(out));
    System.out.printf(Locale.ROOT, "%s: %d SIGKILLs aimed at the write, %d landed mid-write, %d after the rename%n",
        what, KILLS, midWrite, renamedFirst);
    assertTrue(midWrite >= Math.min(KILLS, 1), what + ": at least one kill must land mid-write to prove "
        + "anything (" + midWrite + " of " + KILLS + ")");
  }

  private static String read(Path log) {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return e.toString();
    }
  }
}
