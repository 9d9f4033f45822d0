package org.cinerec.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cinerec.Progress;
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
        model = ModelFile.load(compat("v1-" + kind + ".cinerec")).model();
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
