package org.cinerec.modeltest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.cinerec.CinerecException;
import org.cinerec.Progress;
import org.cinerec.data.Dataset;
import org.cinerec.io.DatasetFile;
import org.cinerec.math.Rng;
import org.cinerec.model.ModelFamilies;
import org.cinerec.model.ModelFamily;
import org.cinerec.model.ModelFiles;
import org.cinerec.model.Recommender;
import org.cinerec.store.ModelFile;
import org.cinerec.synth.Preset;
import org.cinerec.synth.SyntheticData;
import org.cinerec.testkit.Seeds;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A damaged file is refused, never read as a wrong answer: for every registered model kind, a small model
 * file (at most 64 KiB) with each of its bytes altered in turn, and cut short at every length; a larger one
 * with a seeded sample of bits flipped in every section and cut at every section boundary (and one byte
 * either side); the same for the binary dataset file. Each damaged copy must fail with cinerec's own error
 * naming the file — never load, never another exception.
 */
@ExtendWith(Seeds.class)
class DamagedFilesTest {
  static final int SMALL = 64 * 1024;
  static final String NAME = "damaged.cinerec";

  @TempDir
  static Path dir;
  static Dataset tiny;
  static Dataset larger;

  @BeforeAll
  static void data() {
    tiny = SyntheticData.generate(Preset.TINY.resized("damage", 20, 50, 400), 3, Progress.NONE);
    larger = SyntheticData.generate(Preset.TINY.resized("damage-large", 200, 600, 12_000), 5, Progress.NONE);
  }

  static Stream<String> families() {
    return ModelFamilies.all().stream().map(ModelFamily::kind);
  }

  /** Small settings where a family has them, so the small file stays under 64 KiB. */
  static Map<String, String> small(String kind) {
    Map<String, String> p = new HashMap<>();
    ModelFamily f = ModelFamilies.get(kind);
    for (String factors : new String[] {"factors", "embedding-dim"}) {
      if (f.params().has(factors)) {
        p.put(factors, "4");
      }
    }
    if (f.params().has("layers")) {
      p.put("layers", "8,4");
    }
    if (f.params().has("epochs")) {
      p.put("epochs", "2");
    }
    if (f.params().has("members")) { // blend: two small members
      p.put("members", "baseline,mf");
      p.put("member-params", "mf.factors=4,mf.epochs=2");
    }
    if (f.params().has("samples")) { // bpmf keeps every sample of every row
      p.put("samples", "4");
      p.put("burn-in", "2");
    }
    return p;
  }

  static byte[] saved(String kind, Dataset data, Map<String, String> params) throws IOException {
    Recommender m = ModelFamilies.trainer(kind, params).fit(data);
    Path p = dir.resolve(kind + "-" + data.ratings().size() + ".cinerec");
    ModelFiles.save(p, m, data.catalog());
    return Files.readAllBytes(p);
  }

  /** Loading these bytes must fail with cinerec's own error, naming the file. */
  static void refused(String kind, byte[] bytes, String what) {
    try {
      ModelFiles.load(NAME, bytes, null);
    } catch (CinerecException e) {
      assertTrue(e.getMessage().contains(NAME), kind + ", " + what + ": the message names the file: " + e.getMessage());
      return;
    } catch (RuntimeException | Error e) {
      fail(kind + ", " + what + ": " + e + " instead of cinerec's error", e);
    }
    fail(kind + ", " + what + ": a damaged model file loaded");
  }

  @ParameterizedTest
  @MethodSource("families")
  void everyAlteredByteAndEveryCutOfASmallModelFileIsRefused(String kind, @Seeds.Seed long seed) throws IOException {
    byte[] good = saved(kind, tiny, small(kind));
    assertTrue(good.length <= SMALL, kind + ": the small file is " + good.length + " bytes");
    ModelFiles.load(NAME, good, kind); // the undamaged bytes load
    Rng rng = new Rng(seed);
    byte[] bad = good.clone();
    for (int i = 0; i < good.length; i++) {
      byte mask = (byte) (1 + rng.nextInt(255));
      bad[i] ^= mask;
      refused(kind, bad, "byte " + i + " of " + good.length + " xor " + (mask & 0xFF) + " (seed " + seed + ")");
      bad[i] = good[i];
    }
    for (int len = 0; len < good.length; len++) {
      refused(kind, java.util.Arrays.copyOf(good, len), "cut to " + len + " of " + good.length + " bytes");
    }
    System.out.printf(java.util.Locale.ROOT, "damaged %s model file of %,d bytes: %,d altered bytes and %,d cuts, "
        + "all refused%n", kind, good.length, good.length, good.length);
  }

  @ParameterizedTest
  @MethodSource("families")
  void sampledBitFlipsInEverySectionAndCutsAtEveryBoundaryOfALargerFileAreRefused(String kind,
      @Seeds.Seed long seed) throws IOException {
    byte[] good = saved(kind, larger, Map.of());
    long[] starts = ModelFile.read(NAME, good).sectionStarts();
    assertTrue(starts.length >= 8, kind + ": vocabularies, catalog, the model's own, the end: " + starts.length);
    // regions: the preamble (magic, version, kind, header), each section, the end marker with the sha256
    TreeSet<Long> edges = new TreeSet<>();
    edges.add(0L);
    for (long s : starts) {
      edges.add(s);
    }
    edges.add((long) good.length);
    Rng rng = new Rng(seed);
    Long prev = null;
    int flips = 0;
    for (long edge : edges) {
      if (prev != null && edge > prev) {
        for (int k = 0; k < 16; k++) {
          int at = (int) (prev + rng.nextInt((int) (edge - prev)));
          byte[] bad = good.clone();
          bad[at] ^= (byte) (1 << rng.nextInt(8));
          refused(kind, bad, "a bit of byte " + at + " in [" + prev + ", " + edge + ") (seed " + seed + ")");
          flips++;
        }
      }
      prev = edge;
    }
    assertTrue(flips >= 16 * starts.length, kind + ": " + flips + " flips");
    for (long s : starts) {
      for (long len = s - 1; len <= s + 1; len++) {
        if (len >= 0 && len < good.length) {
          refused(kind, java.util.Arrays.copyOf(good, (int) len), "cut at " + len + " (section boundary " + s + ")");
        }
      }
    }
    refused(kind, java.util.Arrays.copyOf(good, good.length - 1), "the last byte cut");
    System.out.printf(java.util.Locale.ROOT, "damaged %s model file of %,d bytes, %d sections: %d bit flips and "
        + "%d cuts at section boundaries, all refused%n", kind, good.length, starts.length - 1, flips,
        3 * starts.length + 1);
  }

  /** Where the binary dataset file's sections start: after the 32-byte head, [int64 length][bytes][int32 CRC]. */
  static long[] datasetSections(byte[] file) {
    ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
    long[] starts = new long[9];
    int p = 32;
    for (int s = 0; s < 8; s++) {
      starts[s] = p;
      p += 8 + (int) b.getLong(p) + 4;
    }
    starts[8] = p; // the sha256 trailer
    assertEquals(file.length, p + 32, "the layout DatasetFile documents");
    return starts;
  }

  static void datasetRefused(Path file, byte[] bytes, String what) throws IOException {
    Files.write(file, bytes);
    try {
      DatasetFile.read(file, Progress.NONE);
    } catch (CinerecException e) {
      assertTrue(e.getMessage().contains(file.getFileName().toString()), what + ": names the file: " + e.getMessage());
      return;
    } catch (RuntimeException | Error e) {
      fail(what + ": " + e + " instead of cinerec's error", e);
    }
    fail(what + ": a damaged dataset file loaded");
  }

  @Test
  void everyAlteredByteAndEveryCutOfASmallDatasetFileIsRefused() throws IOException {
    // a handful of ratings: each read of a dataset file maps it and checks it on the pool (a few ms)
    Dataset few = TinyData.tiny(3, new String[] {"Alien (1979)|Horror,Sci-Fi", "Heat (1995)|Action", "Amélie (2001)|"},
        new double[][] {{0, 0, 5}, {0, 1, 3.5}, {1, 1, 4}, {1, 2, 2}, {2, 0, 1}, {2, 2, 4.5}});
    Path good = dir.resolve("tiny.cinerec-data");
    DatasetFile.write(good, few, Progress.NONE);
    byte[] bytes = Files.readAllBytes(good);
    assertTrue(bytes.length <= SMALL, "the small dataset file is " + bytes.length + " bytes");
    datasetSections(bytes);
    Path bad = dir.resolve("damaged.cinerec-data");
    Rng rng = new Rng(Seeds.seedFor(Seeds.master(), "dataset bytes"));
    for (int i = 0; i < bytes.length; i++) {
      byte[] b = bytes.clone();
      b[i] ^= (byte) (1 + rng.nextInt(255));
      datasetRefused(bad, b, "dataset byte " + i + " of " + bytes.length);
    }
    for (int len = 0; len < bytes.length; len++) {
      datasetRefused(bad, java.util.Arrays.copyOf(bytes, len), "dataset cut to " + len + " of " + bytes.length);
    }
  }

  @Test
  void sampledBitFlipsInEverySectionAndCutsAtEveryBoundaryOfALargerDatasetFileAreRefused() throws IOException {
    Path good = dir.resolve("larger.cinerec-data");
    DatasetFile.write(good, larger, Progress.NONE);
    byte[] bytes = Files.readAllBytes(good);
    long[] starts = datasetSections(bytes);
    Path bad = dir.resolve("damaged-larger.cinerec-data");
    Rng rng = new Rng(Seeds.seedFor(Seeds.master(), "dataset bits"));
    long prev = 0;
    for (int s = 0; s <= starts.length; s++) {
      long edge = s < starts.length ? starts[s] : bytes.length;
      for (int k = 0; k < 16 && edge > prev; k++) {
        int at = (int) (prev + rng.nextInt((int) (edge - prev)));
        byte[] b = bytes.clone();
        b[at] ^= (byte) (1 << rng.nextInt(8));
        datasetRefused(bad, b, "a bit of dataset byte " + at + " in [" + prev + ", " + edge + ")");
      }
      prev = edge;
    }
    for (long s : starts) {
      for (long len = s - 1; len <= s + 1; len++) {
        datasetRefused(bad, java.util.Arrays.copyOf(bytes, (int) len), "dataset cut at " + len);
      }
    }
  }
}
