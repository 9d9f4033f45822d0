package org.cinerec.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cinerec.Progress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoDataTest {
  @TempDir
  Path cache;

  @Test
  void withoutADownloadTheDemoUsesSyntheticDataAndSaysSo() {
    DemoData.Choice c = DemoData.load(cache, Progress.NONE);
    assertFalse(c.real());
    assertEquals("synthetic", c.data().provenance().format());
    assertTrue(c.description().startsWith("synthetic MovieLens-like data (preset small, seed 42"), c.description());
  }

  @Test
  void aCompleteDownloadedMlLatestSmallIsUsedAndAnIncompleteOneIsNot() throws IOException {
    Path dir = cache.resolve("ml-latest-small");
    Files.createDirectories(dir);
    for (String f : new String[] {"ratings.csv", "movies.csv", "links.csv"}) {
      Files.copy(Path.of("src/test/resources/fixtures/ml-csv", f), dir.resolve(f));
    }
    assertTrue(DemoData.downloaded(cache).isEmpty(), "no marker: not a complete download");
    Files.writeString(dir.resolve(DataCache.MARKER), "test\n");
    DemoData.Choice c = DemoData.load(cache, Progress.NONE);
    assertTrue(c.real());
    assertEquals("movielens-csv", c.data().provenance().format());
    assertEquals("MovieLens ml-latest-small, downloaded to " + dir, c.description());
  }
}
