package org.cinerec.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.cinerec.CinerecException;
import org.cinerec.Progress;
import org.cinerec.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The binary dataset file round-trips exactly and refuses damaged files with one clear line. */
class DatasetFileTest {
  @TempDir
  Path dir;

  private Path written(String fixture) {
    Dataset d = DataSources.load(Fixtures.dir(fixture), LoadOptions.defaults(), Progress.NONE);
    Path p = dir.resolve(fixture + ".cinerec");
    DatasetFile.write(p, d, Progress.NONE);
    return p;
  }

  @Test
  void aDatasetRoundTripsThroughTheFileExactly() {
    for (String fixture : new String[] {"ml-csv", "kaggle", "ml-100k"}) {
      Dataset d = DataSources.load(Fixtures.dir(fixture), LoadOptions.defaults(), Progress.NONE);
      Path p = dir.resolve(fixture + ".cinerec");
      DatasetFile.write(p, d, Progress.NONE);
      Dataset back = DataSources.load(p);
      assertEquals(d.ratings(), back.ratings());
      assertEquals(d.users(), back.users());
      assertEquals(d.items(), back.items());
      assertEquals(d.provenance(), back.provenance());
      for (int i = 0; i < d.numItems(); i++) {
        assertEquals(d.catalog().title(i), back.catalog().title(i));
        assertEquals(d.catalog().year(i), back.catalog().year(i));
        assertArrayEquals(d.catalog().genres(i), back.catalog().genres(i));
        assertEquals(d.catalog().imdbId(i), back.catalog().imdbId(i));
        assertEquals(d.catalog().hasMetadata(i), back.catalog().hasMetadata(i));
      }
      DatasetFile.verify(p);
      assertEquals(Format.DATASET, FormatDetector.detect(p));
    }
  }

  @Test
  void aFlippedByteInAColumnIsCaughtOnLoad() throws IOException {
    Path p = written("ml-csv");
    byte[] b = Files.readAllBytes(p);
    b[b.length - 32 - 4 - 2] ^= 0x40; // inside the timestamp column
    Files.write(p, b);
    CinerecException e = assertThrows(CinerecException.class, () -> DataSources.load(p));
    assertTrue(e.getMessage().endsWith("dataset file is damaged: timestamp column does not check out; run cinerec prepare again"),
        e.getMessage());
    assertThrows(CinerecException.class, () -> DatasetFile.verify(p));
  }

  @Test
  void aFlippedByteOutsideTheSectionsIsCaughtByTheSha256() throws IOException {
    Path p = written("ml-csv");
    byte[] b = Files.readAllBytes(p);
    b[13] ^= 0x01; // the flags word of the header
    Files.write(p, b);
    CinerecException e = assertThrows(CinerecException.class, () -> DataSources.load(p));
    assertTrue(e.getMessage().contains("dataset file is damaged: sha256 trailer does not check out"), e.getMessage());
  }

  @Test
  void aTruncatedFileIsCaught() throws IOException {
    Path p = written("ml-csv");
    byte[] b = Files.readAllBytes(p);
    Files.write(p, Arrays.copyOf(b, b.length - 50));
    CinerecException e = assertThrows(CinerecException.class, () -> DataSources.load(p));
    assertTrue(e.getMessage().contains("dataset file is damaged"), e.getMessage());
  }

  @Test
  void aNewerVersionIsRefusedWithTheFix() throws IOException {
    Path p = written("ml-csv");
    byte[] b = Files.readAllBytes(p);
    b[8] = 9;
    Files.write(p, b);
    CinerecException e = assertThrows(CinerecException.class, () -> DataSources.load(p));
    assertTrue(e.getMessage().contains("format 9 is newer than this cinerec reads"), e.getMessage());
  }

  @Test
  void aFileWithoutTheMagicIsNotADataset() throws IOException {
    Path p = dir.resolve("x.cinerec");
    Files.write(p, new byte[] {1, 2, 3});
    CinerecException e = assertThrows(CinerecException.class,
        () -> DataSources.load(p, LoadOptions.defaults().withFormat("cinerec-dataset"), Progress.NONE));
    assertTrue(e.getMessage().contains("damaged") || e.getMessage().contains("not a cinerec dataset"), e.getMessage());
  }
}
