package org.cinerec.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model file above 2 GB (2.5 GB: 12 tensors of 52 million floats) is written, read back (mapped, checksum
 * over all of it) and every float compared; sections start past byte 2<sup>31</sup>. It needs 2.5 GB of disk
 * under the temporary folder and about 450 MB of heap; it takes about half a minute on this machine. When
 * the disk is short it is skipped, or fails when {@code CI=true}.
 */
class BigModelFileTest {
  private static final int SECTIONS = 12;
  private static final int FLOATS = 52_000_000;

  @TempDir
  Path dir;

  @Test
  void aFileAboveTwoGigabytesRoundTrips() throws Exception {
    long need = (long) SECTIONS * FLOATS * 4 + (1L << 30);
    long free = Files.getFileStore(dir).getUsableSpace();
    String why = String.format(Locale.ROOT, "needs %,d bytes free under %s, has %,d", need, dir, free);
    if ("true".equals(System.getenv("CI"))) {
      assertTrue(free >= need, why);
    }
    assumeTrue(free >= need, why);
    Path f = dir.resolve("big.cinerec");
    long t0 = System.nanoTime();
    float[] data = new float[FLOATS];
    ModelFile.write(f, "big", Map.of("sections", SECTIONS), w -> {
      for (int s = 0; s < SECTIONS; s++) {
        fill(data, s);
        w.putFloats("t" + s, data, FLOATS / 1000, 1000);
      }
    });
    long t1 = System.nanoTime();
    long size = Files.size(f);
    assertTrue(size > 1L << 31, "file of " + size + " bytes");
    ModelFile back = ModelFile.read(f);
    long[] starts = back.sectionStarts();
    assertEquals(SECTIONS + 1, starts.length);
    assertTrue(starts[SECTIONS - 1] > 1L << 31, "the last tensor starts past 2^31: " + starts[SECTIONS - 1]);
    assertEquals(size - 33, starts[SECTIONS], "the end marker is the byte before the checksum");
    for (int s = 0; s < SECTIONS; s++) {
      fill(data, s);
      assertArrayEquals(data, back.sections().floats("t" + s), "tensor " + s);
      assertArrayEquals(new int[] {FLOATS / 1000, 1000}, back.sections().shape("t" + s));
    }
    long t2 = System.nanoTime();
    System.out.printf(Locale.ROOT, "BigModelFileTest: %,d bytes written in %.1f s, read and compared in %.1f s%n",
        size, (t1 - t0) / 1e9, (t2 - t1) / 1e9);
  }

  private static void fill(float[] data, int s) {
    for (int i = 0; i < data.length; i++) {
      data[i] = (i * 31L + s * 7_919L) % 1_000_003 - 500_000;
    }
  }
}
