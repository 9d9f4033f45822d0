package org.cinerec.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.cinerec.Progress;
import org.cinerec.data.Dataset;
import org.cinerec.io.DataSources;
import org.cinerec.io.MovieLensWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticCsvRoundTripTest {

  @Test
  void generatedDataWrittenAsMovieLensCsvReadsBackIdentically(@TempDir Path dir) {
    Dataset made = SyntheticData.generate(Preset.TINY, 11, Progress.NONE);
    MovieLensWriter.writeDataset(dir, made, Progress.NONE);
    Dataset read = DataSources.load(dir);
    assertEquals("movielens-csv", read.provenance().format());
    assertEquals(0, read.provenance().totalDropped());
    assertEquals(made.users(), read.users());
    assertEquals(made.items(), read.items());
    assertEquals(made.ratings(), read.ratings());
    for (int i = 0; i < made.numItems(); i++) {
      assertEquals(made.catalog().displayTitle(i), read.catalog().displayTitle(i));
      assertEquals(made.catalog().year(i), read.catalog().year(i));
      assertEquals(java.util.List.of(made.catalog().genres(i)), java.util.List.of(read.catalog().genres(i)));
    }
    assertTrue(read.provenance().sources().size() >= 2);
  }
}
