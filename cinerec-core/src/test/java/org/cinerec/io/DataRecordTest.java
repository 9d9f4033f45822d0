package org.cinerec.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.cinerec.CinerecException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataRecordTest {
  @TempDir
  Path dir;

  @Test
  void aRelativePathIsFoundBesideTheModelWhenNotInTheWorkingFolder() throws Exception {
    Path data = Files.createDirectories(dir.resolve("data-" + System.nanoTime()));
    String relative = data.getFileName().toString();
    DataRecord r = new DataRecord(relative, "/nowhere/" + relative, LoadOptions.defaults(), 1, 1);
    assertEquals(dir.resolve(relative), r.locate(dir));
  }

  @Test
  void theAbsolutePathIsTriedLast() throws Exception {
    Path data = Files.createDirectories(dir.resolve("elsewhere"));
    DataRecord r = new DataRecord("no-such-folder-here", data.toString(), LoadOptions.defaults(), 1, 1);
    assertEquals(data, r.locate(dir.resolve("models")));
  }

  @Test
  void dataThatIsGoneIsAnErrorListingWhereItLooked() {
    DataRecord r = new DataRecord("gone/ratings.dat", "/old/place/gone/ratings.dat", LoadOptions.defaults(), 1, 1);
    CinerecException e = assertThrows(CinerecException.class, () -> r.locate(dir));
    assertEquals(CinerecException.Kind.BAD_INPUT, e.kind());
    String m = e.getMessage();
    assertTrue(m.startsWith("the data the model was trained on (gone/ratings.dat) is not found; looked at "), m);
    assertTrue(m.contains(Path.of("gone/ratings.dat").toAbsolutePath().toString()), m);
    assertTrue(m.contains(dir.resolve("gone/ratings.dat").toString()), m);
    assertTrue(m.contains("/old/place/gone/ratings.dat"), m);
  }

  @Test
  void credentialsAreNeverStored() {
    assertEquals("postgresql://db.example:5432/ratings",
        DataRecord.redact("postgresql://alice:s3cret@db.example:5432/ratings"));
    assertEquals("jdbc:postgresql://db/ratings?ssl=true",
        DataRecord.redact("jdbc:postgresql://db/ratings?password=s3cret&ssl=true"));
    assertEquals("jdbc:postgresql://db/ratings?ssl=true",
        DataRecord.redact("jdbc:postgresql://db/ratings?ssl=true&user=bob&password=x"));
    assertEquals("../shared/data/ml-latest-small", DataRecord.redact("../shared/data/ml-latest-small"));
    DataRecord r = new DataRecord("s3://key:secret@bucket/r.csv", "s3://key:secret@bucket/r.csv", null, 0, 0);
    assertEquals("s3://bucket/r.csv", r.path());
    assertEquals("s3://bucket/r.csv", r.absolutePath());
  }
}
