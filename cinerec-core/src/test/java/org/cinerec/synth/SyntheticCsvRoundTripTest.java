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

  @Test
  void theTweetingsPresetWritesPaddedCatalogueIdsAndPlainRatingIdsThatReadBackAsOneMovie(@TempDir Path dir)
      throws java.io.IOException {
    Preset p = Preset.TWEETINGS.resized("tw", 300, 2_000, 9_000);
    Dataset made = SyntheticData.generate(p, 5, Progress.NONE);
    MovieLensWriter.writeDat(dir, made, Progress.NONE);
    java.util.List<String> movies = java.nio.file.Files.readAllLines(dir.resolve("movies.dat"));
    java.util.List<String> ratings = java.nio.file.Files.readAllLines(dir.resolve("ratings.dat"));
    assertEquals(2_000, movies.size());
    assertTrue(movies.stream().allMatch(l -> l.matches("0\\d{6}::.+ \\(\\d{4}\\)::.*")), movies.get(0));
    assertEquals(made.ratings().size(), ratings.size());
    assertTrue(ratings.stream().allMatch(l -> l.matches("\\d+::[1-9]\\d*::(10|\\d)::\\d+")), ratings.get(0));
    Dataset read = DataSources.load(dir);
    assertEquals("movielens-dat", read.provenance().format());
    assertEquals(made.ratings().size(), read.provenance().rowsRead());
    assertEquals(null, read.provenance().changed().get(org.cinerec.prep.Reasons.NO_METADATA),
        "every rated movie is found in the padded catalogue");
    assertEquals(made.items(), read.items(), "the catalogue's spelling, in catalogue order");
    assertEquals(0, read.provenance().totalDropped(), "0..10 read off the data: nothing out of scale");
    assertEquals(made.ratings().size(), read.ratings().size());
    assertTrue(made.scale().sameAs(read.scale()), "0..10 in whole steps, read back: " + read.scale());
  }
}
