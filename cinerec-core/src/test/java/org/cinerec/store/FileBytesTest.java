package org.cinerec.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model file read through parts of every small size (so every integer, name and tensor element straddles a
 * boundary somewhere) reads exactly as from one array and from the mapped file: the code path of files past
 * 2 GB, which are mapped in 1 GiB parts, tested without writing one.
 */
class FileBytesTest {
  @TempDir
  Path dir;

  @Test
  void everyPartSizeReadsTheSameFile() throws Exception {
    Path f = dir.resolve("m.cinerec");
    float[] floats = {1.5f, -2.25f, Float.MIN_VALUE, Float.MAX_VALUE, Float.NaN, 0f, -0f};
    int[] ints = {0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, 42, 7};
    double[] doubles = {Math.PI, -Math.E, Double.MIN_VALUE};
    long[] longs = {Long.MIN_VALUE, -1, 0x0102030405060708L};
    String[] strings = {"a", null, "ü – 日本", ""};
    ModelFile.write(f, "kind-x", Map.of("k", "v"), w -> {
      w.putFloats("floats", floats);
      w.putInts("ints", ints, 2, 3);
      w.putDoubles("doubles", doubles);
      w.putLongs("longs", longs);
      w.putStrings("strings", strings);
      w.putJson("json", List.of(1, 2, 3));
    });
    byte[] bytes = Files.readAllBytes(f);
    ModelFile whole = ModelFile.read(f);
    for (int part = 1; part <= 23; part++) {
      ModelFile m = ModelFile.read("m", FileBytes.of(bytes, part));
      SectionReader s = m.sections();
      assertEquals("kind-x", m.kind(), "part " + part);
      assertEquals("v", m.header(Map.class).get("k"));
      assertArrayEquals(floats, s.floats("floats"), "part " + part);
      assertArrayEquals(ints, s.ints("ints"), "part " + part);
      assertArrayEquals(new int[] {2, 3}, s.shape("ints"));
      assertArrayEquals(doubles, s.doubles("doubles"), "part " + part);
      assertArrayEquals(longs, s.longs("longs"), "part " + part);
      assertArrayEquals(strings, s.strings("strings"), "part " + part);
      assertEquals(List.of(1, 2, 3), s.json("json", List.class));
      assertArrayEquals(whole.sectionStarts(), m.sectionStarts(), "part " + part);
    }
  }

  @Test
  void readsPastTheEndFailWithTheirPosition() {
    FileBytes b = FileBytes.of(new byte[] {0, 0, 0, 1, 2, 3}, 4);
    assertEquals(1, b.getInt(0));
    assertEquals(0x00010203, b.getInt(2));
    assertThrows(IndexOutOfBoundsException.class, () -> b.getInt(3));
    assertThrows(IndexOutOfBoundsException.class, () -> b.head(4).getInt(1));
    assertThrows(IndexOutOfBoundsException.class, () -> b.bytes(-1, 2));
    assertThrows(IndexOutOfBoundsException.class, () -> b.bytes(0, -2));
  }
}
