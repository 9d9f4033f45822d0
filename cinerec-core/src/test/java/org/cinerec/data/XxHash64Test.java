package org.cinerec.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.cinerec.math.Rng;
import org.junit.jupiter.api.Test;

/** Known answers from the reference tool ({@code xxhsum -H1}) and the 20-byte shortcut against the general form. */
class XxHash64Test {

  @Test
  void knownAnswersOfTheReferenceImplementation() {
    assertEquals(0xef46db3751d8e999L, XxHash64.hash(""));
    assertEquals(0x44bc2cf5ad770999L, XxHash64.hash("abc"));
    byte[] b = new byte[100];
    for (int k = 0; k < b.length; k++) {
      b[k] = (byte) k;
    }
    // bytes 0..99 and 0..32, as `python3 -c 'import sys; sys.stdout.buffer.write(bytes(range(100)))' | xxhsum -H1`
    assertEquals(0x6ac1e58032166597L, XxHash64.hash(b, 0, 100, 0));
    assertEquals(0x0c535d1acafb8eadL, XxHash64.hash(b, 0, 33, 0));
  }

  @Test
  void theTwentyByteFormEqualsTheGeneralOneOnTheSameBytes() {
    Rng rng = new Rng(11);
    for (int t = 0; t < 1000; t++) {
      long a = rng.nextLong();
      long c = rng.nextLong();
      int d = (int) rng.nextLong();
      byte[] bytes = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN).putLong(a).putLong(c).putInt(d).array();
      assertEquals(XxHash64.hash(bytes, 0, 20, 0), XxHash64.hash(a, c, d), "seed 11, draw " + t);
    }
    assertEquals(XxHash64.hash("1".getBytes(StandardCharsets.UTF_8), 0, 1, 0), XxHash64.hash("1"));
  }

  @Test
  void theSeededSixteenByteFormEqualsTheGeneralOneOnTheSameBytes() {
    Rng rng = new Rng(12);
    for (int t = 0; t < 1000; t++) {
      long a = rng.nextLong();
      long c = rng.nextLong();
      long seed = t < 10 ? t : rng.nextLong();
      byte[] bytes = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(a).putLong(c).array();
      assertEquals(XxHash64.hash(bytes, 0, 16, seed), XxHash64.hash16(a, c, seed), "seed 12, draw " + t);
    }
  }
}
