package org.cinerec.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.util.Map;
import org.cinerec.CinerecException;
import org.cinerec.Progress;
import org.cinerec.data.DataFingerprint;
import org.cinerec.data.RatingScale;
import org.cinerec.io.DataRecord;
import org.cinerec.model.ModelFamilies;
import org.cinerec.model.ModelFiles;
import org.cinerec.model.ModelInfo;
import org.junit.jupiter.api.io.TempDir;
import org.cinerec.data.Dataset;
import org.cinerec.io.DataSources;
import org.cinerec.io.DatasetFile;
import org.cinerec.io.LoadOptions;
import org.cinerec.model.Recommender;
import org.junit.jupiter.api.Test;

/**
 * Files written by earlier format versions still load: the committed fixtures under
 * {@code fixtures/compat-v1} were written by the format-1 code (a dataset file and three models of the
 * tiny {@code data} folder beside them) and {@code v1-predictions.txt} holds every prediction those
 * models made then, as float bits.
 */
class FormatCompatibilityTest {

  static Path compat(String name) {
    try {
      return Path.of(FormatCompatibilityTest.class.getResource("/fixtures/compat-v1/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aFormatOneDatasetFileLoadsWithTheSameRatingsAsTheRawData() {
    Dataset old = DatasetFile.read(compat("v1.cinerec-data"), Progress.NONE);
    Dataset raw = DataSources.load(compat("data"), LoadOptions.defaults(), Progress.NONE);
    assertEquals(raw.ratings(), old.ratings());
    assertEquals(raw.users(), old.users());
    assertEquals(raw.items(), old.items());
    assertEquals(58, old.provenance().rowsKept());
    assertEquals(RatingScale.HALF_STARS, old.scale(), "a version-1 movielens-csv file gets its format's scale");
  }

  @Test
  void formatOneModelsLoadWithAnUnknownFingerprintAndTheirFormatsScale() {
    ModelInfo info = ModelFiles.load(compat("v1-mf.cinerec")).model().info();
    assertEquals(0, info.dataFingerprint(), "the order-sensitive format-1 value is not comparable");
    assertEquals(RatingScale.HALF_STARS, info.scale());
    assertNull(info.data());
    assertEquals(List.of("data/ratings.csv", "data/movies.csv"), info.dataSources());
  }

  @Test
  void olderAndNewerDatasetFilesAreRefusedWithHowToRecreateThem(@TempDir Path dir) throws Exception {
    for (int version : new int[] {0, DatasetFile.VERSION + 1}) {
      byte[] b = Files.readAllBytes(compat("v1.cinerec-data"));
      ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putInt(8, version);
      Path f = dir.resolve("v" + version + ".cinerec");
      Files.write(f, b);
      CinerecException e = assertThrows(CinerecException.class, () -> DatasetFile.read(f, Progress.NONE));
      assertTrue(e.getMessage().contains("dataset file format " + version + " is "
          + (version == 0 ? "older" : "newer") + " than this cinerec reads (1.." + DatasetFile.VERSION + ")"),
          e.getMessage());
      assertTrue(e.getMessage().contains("cinerec prepare DATA --out v" + version + ".cinerec"), e.getMessage());
    }
  }

  @Test
  void olderAndNewerModelFilesAreRefusedWithHowToRecreateThem(@TempDir Path dir) throws Exception {
    for (int version : new int[] {0, ModelFile.FORMAT_VERSION + 1}) {
      byte[] b = Files.readAllBytes(compat("v1-baseline.cinerec"));
      ByteBuffer.wrap(b).putInt(8, version);
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(b, 0, b.length - 32);
      System.arraycopy(sha.digest(), 0, b, b.length - 32, 32);
      Path f = dir.resolve("m" + version + ".cinerec");
      Files.write(f, b);
      CinerecException e = assertThrows(CinerecException.class, () -> ModelFiles.load(f));
      assertTrue(e.getMessage().contains("model file format " + version + " is "
          + (version == 0 ? "older" : "newer") + " than this cinerec reads (1.." + ModelFile.FORMAT_VERSION + ")"),
          e.getMessage());
      assertTrue(e.getMessage().contains("cinerec train DATA --model KIND --out m" + version + ".cinerec"),
          e.getMessage());
    }
  }

  @Test
  void theCurrentFormatsKeepTheScaleAndTheDataRecord(@TempDir Path dir) {
    RatingScale given = new RatingScale(0, 10, 0.5, RatingScale.Source.GIVEN);
    LoadOptions o = LoadOptions.defaults().withScale(given);
    Dataset d = DataSources.load(compat("data"), o, Progress.NONE);
    assertEquals(given, d.scale());
    Path file = dir.resolve("d.cinerec");
    DatasetFile.write(file, d, Progress.NONE);
    assertEquals(given, DatasetFile.read(file, Progress.NONE).scale());

    Recommender m = ModelFamilies.trainer("baseline", Map.of()).fit(d, null, org.cinerec.train.TrainingListener.NONE);
    DataRecord record = DataRecord.of(compat("data"), o, d);
    Path mf = dir.resolve("m.cinerec");
    ModelFiles.save(mf, m, m.info().withData(record), d.catalog());
    ModelInfo back = ModelFiles.load(mf).model().info();
    assertEquals(given, back.scale());
    assertEquals(record, back.data());
    assertEquals("movielens-csv", back.data().read().format(), "the detected format is recorded");
    assertEquals(DataFingerprint.of(d), back.dataFingerprint());
    assertEquals(DataFingerprint.of(d), back.data().fingerprint());
  }

  @Test
  void formatOneModelsLoadAndPredictExactlyWhatTheyPredictedWhenWritten() throws Exception {
    List<String> lines = Files.readAllLines(compat("v1-predictions.txt"));
    int checked = 0;
    String kind = null;
    Recommender model = null;
    for (String line : lines) {
      if (line.startsWith("#")) {
        continue;
      }
      String[] f = line.split(" ");
      if (!f[0].equals(kind)) {
        kind = f[0];
        model = ModelFiles.load(compat("v1-" + kind + ".cinerec")).model();
        assertEquals(kind, model.kind());
      }
      int u = model.users().indexOf(f[1]);
      int i = model.items().indexOf(f[2]);
      assertTrue(u >= 0 && i >= 0, line);
      float expected = Float.intBitsToFloat(Integer.parseUnsignedInt(f[3], 16));
      assertEquals(expected, model.predict(u, i), 0f, line);
      checked++;
    }
    assertEquals(3 * 8 * 10, checked);
  }
}
