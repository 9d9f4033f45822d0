package org.cinerec.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.zip.CRC32C;
import org.cinerec.Progress;
import org.cinerec.data.Dataset;
import org.cinerec.io.ColumnMapping;
import org.cinerec.io.DataSources;
import org.cinerec.io.LoadOptions;
import org.cinerec.model.ModelFiles;

/**
 * Coverage-guided fuzz targets (Jazzer) for every reader: any input gives a dataset or cinerec's own
 * error, never another exception, a hang or memory that grows with a lie in a header. {@code mvn test}
 * replays the saved inputs under {@code src/test/resources/org/cinerec/fuzz/ReaderFuzzTestInputs/};
 * {@code scripts/fuzz.sh} fuzzes each target (findings are saved there and become regression inputs).
 * The binary dataset and model targets recompute the checksums after the fuzzer's mutation, so the
 * parsers behind the checksums are fuzzed too.
 */
class ReaderFuzzTest {
  static final String DURATION = "10s";

  private static void load(Path path, String format) {
    try {
      Inputs.answers(() -> {
        Dataset d = DataSources.load(path, LoadOptions.defaults().withFormat(format), Progress.NONE);
        check(d);
      });
    } finally {
      Inputs.delete(path.getParent() != null && !Files.isDirectory(path) ? path.getParent() : path);
    }
  }

  /** What a loaded dataset must be: its parts agree with each other. */
  private static void check(Dataset d) {
    int users = d.users().size();
    int items = d.items().size();
    if (d.ratings().numUsers() != users || d.ratings().numItems() != items || d.catalog().size() != items) {
      throw new AssertionError("parts disagree: " + users + " users, " + items + " items, catalog "
          + d.catalog().size() + ", ratings over " + d.ratings().numUsers() + " x " + d.ratings().numItems());
    }
    for (int i = 0; i < d.ratings().size(); i++) {
      float r = d.ratings().rating(i);
      if (!Float.isFinite(r)) {
        throw new AssertionError("rating " + i + " is " + r);
      }
    }
  }

  @FuzzTest(maxDuration = DURATION)
  void movieLensCsv(byte[] input) {
    List<byte[]> p = Inputs.parts(input, 3);
    load(Inputs.folder(p, "ratings.csv", "movies.csv", "links.csv"), "movielens-csv");
  }

  @FuzzTest(maxDuration = DURATION)
  void movieLensDat(byte[] input) {
    List<byte[]> p = Inputs.parts(input, 2);
    load(Inputs.folder(p, "ratings.dat", "movies.dat"), "movielens-dat");
  }

  @FuzzTest(maxDuration = DURATION)
  void movieLens100k(byte[] input) {
    List<byte[]> p = Inputs.parts(input, 2);
    load(Inputs.folder(p, "u.data", "u.item"), "movielens-100k");
  }

  @FuzzTest(maxDuration = DURATION)
  void kaggleMovies(byte[] input) {
    List<byte[]> p = Inputs.parts(input, 3);
    load(Inputs.folder(p, "ratings_small.csv", "links_small.csv", "movies_metadata.csv"), "kaggle-movies");
  }

  @FuzzTest(maxDuration = DURATION)
  void ratingsCsv(byte[] input) {
    List<byte[]> p = Inputs.parts(input, 1);
    load(Inputs.folder(p, "ratings.csv").resolve("ratings.csv"), "ratings-csv");
  }

  @FuzzTest(maxDuration = DURATION)
  void netflixPrize(byte[] input) {
    List<byte[]> p = Inputs.parts(input, 2);
    load(Inputs.folder(p, "combined_data_1.txt", "movie_titles.csv"), "netflix-prize");
  }

  @FuzzTest(maxDuration = DURATION)
  void jsonLines(byte[] input) {
    List<byte[]> p = Inputs.parts(input, 1);
    load(Inputs.folder(p, "ratings.json").resolve("ratings.json"), "jsonl");
  }

  /** The bytes as a zip (or gzip, or anything) given as data, unpacked into a cache of its own, then read. */
  @FuzzTest(maxDuration = DURATION)
  void packed(byte[] input) {
    Path dir = Inputs.folder(List.of(input), "data.zip");
    try {
      Inputs.answers(() -> {
        Path read = org.cinerec.io.Unpacked.of(dir.resolve("data.zip"), dir.resolve("cache")).path();
        check(DataSources.load(read, LoadOptions.defaults(), Progress.NONE));
      });
    } finally {
      Inputs.delete(dir);
    }
  }

  static final String[] DELIMITERS = {",", ";", "tab", "|", "space", "::", null};

  /** The first line chooses the mapping: delimiter, header, columns by name or position; the rest is the file. */
  @FuzzTest(maxDuration = DURATION)
  void genericCsv(byte[] input) {
    List<byte[]> p = Inputs.parts(input, 2);
    byte[] how = p.get(0);
    int b0 = how.length > 0 ? how[0] & 0xFF : 0;
    int b1 = how.length > 1 ? how[1] & 0xFF : 0;
    String delimiter = DELIMITERS[b0 % DELIMITERS.length];
    boolean header = (b1 & 1) == 0;
    ColumnMapping m = (b1 & 2) == 0
        ? new ColumnMapping(null, null, null, null, delimiter, header)
        : new ColumnMapping("2", "1", "3", (b1 & 4) == 0 ? "none" : "4", delimiter, header);
    Path dir = Inputs.folder(p, "", "data.txt");
    try {
      Inputs.answers(() -> check(DataSources.load(dir.resolve("data.txt"),
          LoadOptions.defaults().withFormat("csv").withColumns(m), Progress.NONE)));
    } finally {
      Inputs.delete(dir);
    }
  }

  /** The binary dataset file, with each section's CRC32C and the sha256 trailer made right again. */
  @FuzzTest(maxDuration = DURATION)
  void datasetFile(byte[] input) throws Exception {
    byte[] bytes = fixDatasetChecksums(input.clone());
    Path dir = Inputs.folder(List.of(bytes), "data.cinerec-data");
    load(dir.resolve("data.cinerec-data"), "cinerec-dataset");
  }

  /** A model file (any kind), with the sha256 trailer made right again. */
  @FuzzTest(maxDuration = DURATION)
  void modelFile(byte[] input) throws Exception {
    byte[] bytes = input.clone();
    if (bytes.length >= 32) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(bytes, 0, bytes.length - 32);
      System.arraycopy(sha.digest(), 0, bytes, bytes.length - 32, 32);
    }
    Inputs.answers(() -> ModelFiles.load("fuzzed.cinerec", bytes, null));
  }

  /**
   * Where the layout allows ({@code DatasetFile}: a 32-byte head, 8 sections of [int64 length][bytes][int32
   * CRC32C], a sha256 trailer), sets each section's CRC and the trailer to match the bytes.
   */
  static byte[] fixDatasetChecksums(byte[] b) throws Exception {
    ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    long p = 32;
    for (int s = 0; s < 8 && p + 8 <= b.length - 32; s++) {
      long len = buf.getLong((int) p);
      if (len < 0 || p + 8 + len + 4 > b.length - 32) {
        break;
      }
      CRC32C crc = new CRC32C();
      crc.update(b, (int) p + 8, (int) len);
      buf.putInt((int) (p + 8 + len), (int) crc.getValue());
      p += 8 + len + 4;
    }
    if (b.length >= 64) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(b, 0, b.length - 32);
      System.arraycopy(sha.digest(), 0, b, b.length - 32, 32);
    }
    return b;
  }
}
