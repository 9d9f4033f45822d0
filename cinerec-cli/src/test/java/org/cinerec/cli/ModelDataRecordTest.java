package org.cinerec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cinerec.io.DataCache;
import org.cinerec.model.ModelInfo;
import org.cinerec.model.ModelFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model remembers how its data was read, so {@code evaluate MODEL} with no flags reads it the same way;
 * data that is not the model's is an error unless {@code --force}; datasets are found by name.
 */
class ModelDataRecordTest {
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  Path dir;

  /** A MovieTweetings-like ratings file: user::movie::rating::timestamp, ratings 0..10, zero-padded ids. */
  Path tweetings(String name, int users) throws Exception {
    List<String> lines = new ArrayList<>();
    for (int u = 1; u <= users; u++) {
      for (int m = 1; m <= 12; m++) {
        if ((u * 5 + m * 3) % 3 != 0) {
          lines.add(u + "::" + String.format(Locale.ROOT, "%07d", 100 + m) + "::" + ((u + 2 * m) % 11) + "::" + (1_400_000_000L + u * 100 + m));
        }
      }
    }
    Path f = dir.resolve(name);
    Files.write(f, lines);
    return f;
  }

  @Test
  void evaluateReadsTheDataWithTheRecordedReaderSettingsAndNoFlags() throws Exception {
    Path data = tweetings("ratings.txt", 20);
    Path model = dir.resolve("models/mf.cinerec");
    CliFixture.Run t = CliFixture.run("train", data.toString(), "--format", "csv", "--delimiter", "::", "--no-header",
        "--user-col", "1", "--item-col", "2", "--rating-col", "3", "--time-col", "4", "--scale", "0:10:1",
        "--model", "baseline", "--out", model.toString());
    assertEquals(0, t.code(), t.err());
    assertTrue(t.err().contains("read 168 rows: kept 168, dropped 0; scale 0..10 in steps of 1 (given)"), t.err());
    ModelInfo info = ModelFiles.load(model).model().info();
    assertEquals("csv", info.data().read().format());
    assertEquals("::", info.data().read().columns().delimiter());
    assertEquals("0:10:1", info.data().read().scale().spec());
    assertEquals(data.toString(), info.data().path());

    CliFixture.Run e = CliFixture.run("evaluate", model.toString(), "--json", "--no-ranking");
    assertEquals(0, e.code(), e.err());
    assertTrue(e.err().contains("read 168 rows: kept 168, dropped 0; scale 0..10 in steps of 1 (given)"), e.err());
    JsonNode report = JSON.readTree(e.out());
    assertTrue(report.at("/rating/rmse").asDouble() > 0, e.out());
    assertEquals(10.0, report.at("/rating/clipMax").asDouble(), "predictions clipped to the scale");
    assertEquals(168, report.at("/data/rowsKept").asInt());
  }

  @Test
  void otherDataIsAnErrorNamingBothUnlessForced() throws Exception {
    Path data = tweetings("ratings.dat", 20);
    Path model = dir.resolve("b.cinerec");
    assertEquals(0, CliFixture.run("train", data.toString(), "--model", "baseline", "--out", model.toString()).code());
    Path other = tweetings("other.dat", 22);
    CliFixture.Run e = CliFixture.run("evaluate", model.toString(), "--data", other.toString(), "--no-ranking");
    assertEquals(1, e.code(), e.err());
    assertTrue(e.err().contains("error: " + other + " is not the data " + model + " was trained on: fingerprint "), e.err());
    assertTrue(e.err().contains("recorded from " + data + " --format movielens-dat"), e.err());
    assertTrue(e.err().contains("pass --force to evaluate anyway"), e.err());
    CliFixture.Run forced = CliFixture.run("evaluate", model.toString(), "--data", other.toString(), "--no-ranking",
        "--force");
    assertEquals(0, forced.code(), forced.err());
    assertTrue(forced.err().contains("warning: " + other + " is not the data"), forced.err());
  }

  @Test
  void movedDataIsReadWithTheRecordedSettingsAndADatasetFileOfTheSameDataMatches() throws Exception {
    Path data = tweetings("r.txt", 20);
    Path model = dir.resolve("c.cinerec");
    assertEquals(0, CliFixture.run("train", data.toString(), "--format", "csv", "--delimiter", "::", "--no-header",
        "--model", "baseline", "--out", model.toString()).code());
    Path moved = Files.move(data, dir.resolve("moved.txt"));
    CliFixture.Run e = CliFixture.run("evaluate", model.toString(), "--data", moved.toString(), "--no-ranking");
    assertEquals(0, e.code(), e.err());
    Path prepared = dir.resolve("r.cinerec");
    assertEquals(0, CliFixture.run("prepare", moved.toString(), "--format", "csv", "--delimiter", "::", "--no-header",
        "--out", prepared.toString()).code());
    e = CliFixture.run("evaluate", model.toString(), "--data", prepared.toString(), "--no-ranking");
    assertEquals(0, e.code(), e.err());
    assertTrue(e.err().startsWith("read 168 rows: kept 168, dropped 0; scale 0..10 in steps of 1 (inferred)"), e.err());
  }

  @Test
  void demoOnDataOnDiskSavesModelsThatEvaluateReadsAgainWithoutFlags() throws Exception {
    Path data = tweetings("d.txt", 20);
    Path out = dir.resolve("demo");
    CliFixture.Run d = CliFixture.run("demo", "--data", data.toString(), "--format", "csv", "--delimiter", "::",
        "--no-header", "--models", "baseline", "--out", out.toString());
    assertEquals(0, d.code(), d.err());
    assertTrue(d.out().contains("data: " + data + " (csv)"), d.out());
    assertTrue(d.err().contains("read 168 rows: kept 168, dropped 0; scale 0..10 in steps of 1 (inferred)"), d.err());
    CliFixture.Run e = CliFixture.run("evaluate", out.resolve("models/baseline.cinerec").toString(), "--no-ranking");
    assertEquals(0, e.code(), e.err());
    assertTrue(e.out().contains("(predictions clipped to 0..10)"), e.out());
  }

  @Test
  void dataThatIsGoneIsAnErrorSayingWhereItLooked() throws Exception {
    Path data = tweetings("gone.dat", 20);
    Path model = dir.resolve("g.cinerec");
    assertEquals(0, CliFixture.run("train", data.toString(), "--model", "baseline", "--out", model.toString()).code());
    Files.delete(data);
    CliFixture.Run e = CliFixture.run("evaluate", model.toString());
    assertEquals(1, e.code(), e.err());
    assertTrue(e.err().contains("the data the model was trained on (" + data + ") is not found; looked at " + data),
        e.err());
  }

  @Test
  void aDatasetNameIsItsFolderInTheDownloadCacheOrSaysHowToGetIt() throws Exception {
    Path cache = Files.createDirectories(dir.resolve("cache"));
    String before = System.getProperty("cinerec.cache");
    System.setProperty("cinerec.cache", cache.toString());
    try {
      CliFixture.Run missing = CliFixture.run("info", "ml-100k");
      assertEquals(1, missing.code());
      assertEquals("error: ml-100k is not downloaded (looked in " + cache.resolve("ml-100k")
          + "): run cinerec download ml-100k, or give the path of its folder", missing.err().strip());
      Path folder = Files.createDirectories(cache.resolve("ml-100k"));
      Files.writeString(folder.resolve("u.data"), "1\t1\t5\t1\n1\t2\t0\t2\n2\t1\t3\t3\n");
      Files.writeString(folder.resolve(DataCache.MARKER), "");
      CliFixture.Run found = CliFixture.run("info", "ml-100k", "--json");
      assertEquals(0, found.code(), found.err());
      assertTrue(found.err().contains("read 3 rows: kept 2, dropped 1 (out-of-scale 1); scale 1..5 in steps of 1 "
          + "(format)"), found.err());
      JsonNode j = JSON.readTree(found.out());
      assertEquals(1.0, j.at("/scale/min").asDouble());
      assertEquals(folder.toString(), j.at("/data/path").asText());
    } finally {
      if (before == null) {
        System.clearProperty("cinerec.cache");
      } else {
        System.setProperty("cinerec.cache", before);
      }
    }
  }

  @Test
  void aBadScaleIsAUsageErrorNamingTheFlag() throws Exception {
    CliFixture.Run r = CliFixture.run("info", tweetings("x.dat", 3).toString(), "--scale", "10:0");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("error: --scale 10:0: MAX 0 must be above MIN 10"), r.err());
  }
}
