package org.cinerec.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.cinerec.CinerecException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir
  Path dir;

  @AfterEach
  void noObserver() {
    AtomicFiles.steps = AtomicFiles.Steps.NONE;
  }

  @Test
  void theFileIsSyncedBeforeTheRenameAndTheFolderAfterIt() {
    List<String> seen = new ArrayList<>();
    AtomicFiles.steps = (step, path) -> seen.add(step + " " + (path.getFileName().toString().endsWith(".tmp")
        ? "tmp" : path.getFileName()));
    Path target = dir.resolve("model.cinerec");
    AtomicFiles.writeString(target, "one");
    assertEquals(List.of("written tmp", "synced tmp", "renamed model.cinerec", "folder synced " + dir.getFileName()),
        seen);
    assertEquals("one", read(target));
  }

  /**
   * A named pipe (as /dev/null or /dev/stdout, not a file) is written through, not replaced by a renamed file:
   * {@code train ... --out /dev/null} run as root had left a regular file where the device was.
   */
  @Test
  void aPipeIsWrittenThroughAndStaysAPipe() throws Exception {
    Path fifo = dir.resolve("pipe");
    Process mk = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    assertEquals(0, mk.waitFor(), "mkfifo (coreutils)");
    java.util.concurrent.CompletableFuture<byte[]> read = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      try {
        return Files.readAllBytes(fifo);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    AtomicFiles.writeString(fifo, "through the pipe");
    assertEquals("through the pipe", new String(read.get(30, java.util.concurrent.TimeUnit.SECONDS),
        StandardCharsets.UTF_8));
    assertTrue(!Files.isRegularFile(fifo) && Files.exists(fifo), "still a pipe");
    try (Stream<Path> files = Files.list(dir)) {
      assertEquals(List.of(fifo), files.toList(), "no temporary file left");
    }
  }

  /** Content that fails at its n-th write call, as a full disk would (ENOSPC surfaces as an IOException). */
  static AtomicFiles.Content failingAt(int n, byte[] bytes) {
    return out -> {
      for (int i = 0; i < bytes.length; i++) {
        if (i == n) {
          throw new IOException("No space left on device");
        }
        out.write(bytes[i]);
        if (i % 7 == 0) {
          out.flush(); // reach the channel, not just the buffer
        }
      }
    };
  }

  @Test
  void aWriteThatFailsAtAnyPointLeavesTheOldFileIntactAndNoTemporaryFile() throws IOException {
    Path target = dir.resolve("data.cinerec-data");
    AtomicFiles.writeString(target, "the old file, complete");
    byte[] next = "a new and longer version of the file that never gets written".getBytes(StandardCharsets.UTF_8);
    for (int n = 0; n < next.length; n++) {
      int at = n;
      CinerecException e = assertThrows(CinerecException.class, () -> AtomicFiles.write(target, failingAt(at, next)));
      assertTrue(e.getMessage().contains("cannot write " + target) && e.getMessage().contains("No space left"),
          e.getMessage());
      assertEquals("the old file, complete", read(target), "failure at write " + n);
      try (Stream<Path> files = Files.list(dir)) {
        assertEquals(List.of(target), files.toList(), "no temporary file left after a failure at write " + n);
      }
    }
  }

  /** A real full disk: a 64 KiB tmpfs, where the machine lets the tests mount one (root on Linux). */
  @Test
  void onARealFullDiskTheWriteFailsClearlyAndTheOldFileStays() throws Exception {
    Path mnt = Files.createDirectory(dir.resolve("small-disk"));
    Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mnt.toString())
        .redirectErrorStream(true).start();
    mount.getInputStream().readAllBytes();
    org.junit.jupiter.api.Assumptions.assumeTrue(mount.waitFor() == 0,
        "cannot mount a tmpfs here (not root?): the simulated full disk above stands in");
    try {
      Path target = mnt.resolve("model.cinerec");
      AtomicFiles.writeString(target, "the old model");
      byte[] big = new byte[1 << 20];
      CinerecException e = assertThrows(CinerecException.class, () -> AtomicFiles.write(target, out -> out.write(big)));
      assertTrue(e.getMessage().contains("cannot write " + target) && e.getMessage().contains("No space left on device"),
          e.getMessage());
      assertEquals("the old model", read(target));
      try (Stream<Path> files = Files.list(mnt)) {
        assertEquals(List.of(target), files.toList(), "no temporary file left on the full disk");
      }
    } finally {
      new ProcessBuilder("umount", mnt.toString()).inheritIO().start().waitFor();
    }
  }

  @Test
  void aWriteIntoAFolderThatCannotBeWrittenNamesTheTarget() throws IOException {
    Path ro = Files.createDirectory(dir.resolve("ro"));
    Path file = ro.resolve("x.png");
    Files.writeString(file, "old");
    if (!ro.toFile().setWritable(false) || Files.isWritable(ro)) {
      return; // root may write anywhere: nothing to check here
    }
    try {
      CinerecException e = assertThrows(CinerecException.class, () -> AtomicFiles.writeString(file, "new"));
      assertTrue(e.getMessage().startsWith("cannot write " + file), e.getMessage());
      assertEquals("old", read(file));
    } finally {
      ro.toFile().setWritable(true);
    }
  }

  @Test
  void aFolderInTheWayIsNamedBeforeAnyContentIsMade() throws IOException {
    Path folder = Files.createDirectory(dir.resolve("pictures"));
    boolean[] made = {false};
    CinerecException e = assertThrows(CinerecException.class,
        () -> AtomicFiles.write(folder, out -> made[0] = true));
    assertEquals("cannot write " + folder + ": it is a folder; give a file's name", e.getMessage());
    assertFalse(made[0], "nothing computed for a write that cannot land");
    Path file = Files.writeString(dir.resolve("r.csv"), "x");
    e = assertThrows(CinerecException.class,
        () -> AtomicFiles.writeString(file.resolve("split/train.csv"), "y"));
    assertEquals("cannot write " + file.resolve("split/train.csv") + ": " + file + " is a file, not a folder",
        e.getMessage());
    try (var left = Files.list(dir)) {
      assertEquals(List.of(), left.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList());
    }
  }

  @Test
  void aCompleteWriteReplacesTheFileWholly() throws IOException {
    Path target = dir.resolve("t.bin");
    byte[] big = new byte[300_000];
    for (int i = 0; i < big.length; i++) {
      big[i] = (byte) (i * 31);
    }
    AtomicFiles.write(target, (OutputStream out) -> out.write(big));
    assertArrayEquals(big, Files.readAllBytes(target));
    AtomicFiles.writeString(target, "short");
    assertEquals("short", read(target));
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
