package org.cinerec.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.cinerec.Progress;
import org.cinerec.data.Dataset;
import org.cinerec.io.DataSources;
import org.cinerec.io.LoadOptions;
import org.cinerec.store.ModelFile;
import org.cinerec.train.TrainingListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One saved model of every registered family, committed as bytes under {@code fixtures/compat-v2} (model
 * format 2, trained on the tiny {@code compat-v1/data} folder) with every prediction it made when written
 * ({@code v2-predictions.txt}, float bits). Each file still loads and predicts the same, and saving what it
 * loaded gives the very same bytes, so a change to how files are written or read that alters the format
 * fails here. A new family adds its file: run this class with {@code -Dcinerec.fixtures.write=DIR}
 * ({@code DIR} = this module's {@code src/test/resources/fixtures/compat-v2}, absolute) once.
 */
class ModelFileFixturesTest {
  private static final String DIR = "/fixtures/compat-v2/";

  static Stream<String> families() {
    return ModelFamilies.all().stream().map(ModelFamily::kind);
  }

  static Path fixture(String name) {
    URL url = ModelFileFixturesTest.class.getResource(DIR + name);
    if (url == null) {
      throw new AssertionError(DIR + name + " is missing: write the fixtures with -Dcinerec.fixtures.write=DIR "
          + "(see this class's comment)");
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  @ParameterizedTest
  @MethodSource("families")
  void savingWhatAFormatTwoFileHoldsWritesTheSameBytes(String kind, @TempDir Path dir) throws IOException {
    Path file = fixture("v2-" + kind + ".cinerec");
    ModelFiles.Saved saved = ModelFiles.load(file, kind);
    assertEquals(kind, saved.model().kind());
    Path again = dir.resolve("again.cinerec");
    ModelFiles.save(again, saved.model(), saved.catalog());
    assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(again), kind + ": the bytes changed");
    Path withInfo = dir.resolve("with-info.cinerec");
    ModelFiles.save(withInfo, saved.model(), saved.model().info(), saved.catalog());
    assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(withInfo), kind + ": the bytes changed");
  }

  @Test
  void formatTwoFilesPredictExactlyWhatTheyPredictedWhenWritten() throws IOException {
    Map<String, Recommender> models = new HashMap<>();
    int checked = 0;
    for (String line : Files.readAllLines(fixture("v2-predictions.txt"))) {
      if (line.startsWith("#")) {
        continue;
      }
      String[] f = line.split(" ");
      Recommender m = models.computeIfAbsent(f[0], k -> ModelFiles.load(fixture("v2-" + k + ".cinerec")).model());
      int u = m.users().indexOf(f[1]);
      int i = m.items().indexOf(f[2]);
      assertTrue(u >= 0 && i >= 0, line);
      float expected = Float.intBitsToFloat(Integer.parseUnsignedInt(f[3], 16));
      // the kernels round differently per JVM set-up (docs/architecture.md): equal to a few ulps
      assertEquals(expected, m.predict(u, i), 4 * Math.ulp(Math.max(1f, Math.abs(expected))), line);
      checked++;
    }
    assertEquals(ModelFamilies.all().size(), models.size(), "every family has predictions: " + models.keySet());
    assertTrue(checked >= models.size() * 40, "checked " + checked);
  }

  /** Writes the fixtures (only when asked: {@code -Dcinerec.fixtures.write=DIR}). */
  @Test
  @EnabledIfSystemProperty(named = "cinerec.fixtures.write", matches = ".+")
  void writeTheFixtures() throws Exception {
    Path out = Path.of(System.getProperty("cinerec.fixtures.write"));
    Files.createDirectories(out);
    Path data = Path.of(ModelFileFixturesTest.class.getResource("/fixtures/compat-v1/data").toURI());
    Dataset d = DataSources.load(data, LoadOptions.defaults(), Progress.NONE);
    List<String> lines = new ArrayList<>();
    lines.add("# kind user item prediction (float bits as hex) written by the format-"
        + ModelFile.FORMAT_VERSION + " code");
    for (String kind : families().toList()) {
      ModelFamily f = ModelFamilies.get(kind);
      Map<String, String> p = new HashMap<>();
      if (f.params().has("threads")) {
        p.put("threads", "1");
      }
      if (kind.equals("bpmf")) { // every kept sample of every row is in the file: keep it small
        p.put("samples", "10");
        p.put("burn-in", "5");
      }
      if (kind.equals("multitask")) {
        p.put("epochs", "3");
        p.put("embedding-dim", "8");
        p.put("layers", "16,8");
      }
      Recommender m = ModelFamilies.trainer(kind, p).fit(d, null, TrainingListener.NONE);
      ModelFiles.save(out.resolve("v2-" + kind + ".cinerec"), m, d.catalog());
      Recommender back = ModelFiles.load(out.resolve("v2-" + kind + ".cinerec")).model();
      for (int u = 0; u < back.users().size(); u++) {
        for (int i = 0; i < back.items().size(); i++) {
          lines.add(kind + " " + back.users().id(u) + " " + back.items().id(i) + " "
              + Integer.toHexString(Float.floatToRawIntBits(back.predict(u, i))));
        }
      }
    }
    Files.write(out.resolve("v2-predictions.txt"), lines);
  }
}
