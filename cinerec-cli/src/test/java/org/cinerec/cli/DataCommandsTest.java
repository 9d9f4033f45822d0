package org.cinerec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cinerec.testkit.SharedData;
import org.cinerec.data.Dataset;
import org.cinerec.io.DataSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** prepare and info, run in-process like a user would. */
class DataCommandsTest {
  @TempDir
  Path dir;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  private Path fixture() throws Exception {
    Path d = Files.createDirectories(dir.resolve("ml"));
    Files.writeString(d.resolve("ratings.csv"),
        "userId,movieId,rating,timestamp\r\n1,1,4.0,964982703\r\n1,2,5.5,964982704\r\n2,1,3.0,964982705\r\n"
            + "2,2,2.0,964982706\r\n2,2,2.5,964982707\r\n3,3,1.0,964982708\r\n");
    Files.writeString(d.resolve("movies.csv"),
        "movieId,title,genres\n1,Toy Story (1995),Animation|Comedy\n2,\"Matrix, The (1999)\",Action\n4,Unrated (2000),Drama\n");
    return d;
  }

  @Test
  void prepareWritesTheDatasetFileAndBothReports() throws Exception {
    Path data = fixture();
    Path out = dir.resolve("out/ml.cinerec");
    Run r = run("prepare", data.toString(), "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("rows read                 6"), r.out());
    assertTrue(r.out().contains("out-of-scale"), r.out());
    assertTrue(r.out().contains("duplicate"), r.out());
    assertTrue(r.out().contains("wrote " + out), r.out());
    assertTrue(Files.exists(dir.resolve("out/ml.report.txt")));
    JsonNode json = new ObjectMapper().readTree(dir.resolve("out/ml.report.json").toFile());
    assertEquals(4, json.at("/provenance/rowsKept").asInt());
    Dataset back = DataSources.load(out);
    assertEquals(4, back.ratings().size());
    assertEquals(4, back.numItems(), "3 catalogue movies + 1 placeholder");
  }

  /** Makes a named pipe at {@code fifo} and reads all that is written into it, in the background. */
  private static java.util.concurrent.CompletableFuture<byte[]> pipe(Path fifo) throws Exception {
    assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor(), "mkfifo");
    return java.util.concurrent.CompletableFuture.supplyAsync(() -> {
      try {
        return Files.readAllBytes(fifo);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }

  /** {@code --out} a pipe (as /dev/null): the dataset goes through it, it stays a pipe, no report files beside it. */
  @Test
  void prepareIntoAPipeWritesNoReportsBesideIt() throws Exception {
    Path pipes = Files.createDirectories(dir.resolve("pipes"));
    Path fifo = pipes.resolve("sink");
    java.util.concurrent.CompletableFuture<byte[]> read = pipe(fifo);
    Run r = run("prepare", fixture().toString(), "--out", fifo.toString(), "--quiet");
    assertEquals(0, r.code(), r.err());
    assertEquals("wrote " + fifo + " (not a file: no report files beside it)\n", r.out());
    assertTrue(read.get(30, java.util.concurrent.TimeUnit.SECONDS).length > 0, "the dataset went through the pipe");
    try (java.util.stream.Stream<Path> files = Files.list(pipes)) {
      assertEquals(java.util.List.of(fifo), files.toList());
    }
    assertTrue(!Files.isRegularFile(fifo), "still a pipe");
  }

  /** {@code compare --out} a pipe: the leaderboard's JSON goes through it, no PREFIX.json or .csv beside it. */
  @Test
  void compareIntoAPipeWritesTheJsonThroughIt() throws Exception {
    Path pipes = Files.createDirectories(dir.resolve("compare-pipes"));
    Path fifo = pipes.resolve("board");
    java.util.concurrent.CompletableFuture<byte[]> read = pipe(fifo);
    Run r = run("compare", fixture().toString(), "--models", "popularity", "--protocol", "holdout", "--out",
        fifo.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().endsWith("wrote the leaderboard's JSON to " + fifo + " (a device or pipe: no CSV)\n"), r.out());
    String json = new String(read.get(30, java.util.concurrent.TimeUnit.SECONDS), java.nio.charset.StandardCharsets.UTF_8);
    assertTrue(json.startsWith("{") && json.contains("popularity"), json);
    try (java.util.stream.Stream<Path> files = Files.list(pipes)) {
      assertEquals(java.util.List.of(fifo), files.toList());
    }
  }

  @Test
  void infoDescribesADatasetFileAsWellAsRawData() throws Exception {
    Path data = fixture();
    Path out = dir.resolve("ml.cinerec");
    assertEquals(0, run("prepare", data.toString(), "-o", out.toString(), "--quiet").code());
    Run raw = run("info", data.toString());
    Run bin = run("info", out.toString());
    assertEquals(0, raw.code(), raw.err());
    assertEquals(0, bin.code(), bin.err());
    assertTrue(raw.out().contains("  ratings  4\n  users    3\n  movies   4 (3 rated, 1 never rated, 3 with metadata)"), raw.out());
    assertTrue(raw.out().contains("most-rated movies\n         1        2 ratings  mean 3.50  Toy Story (1995)"), raw.out());
    assertEquals(raw.out().substring(raw.out().indexOf('\n')), bin.out().substring(bin.out().indexOf('\n')));
  }

  @Test
  void infoJsonIsMachineReadable() throws Exception {
    Run r = run("info", fixture().toString(), "--json", "--top", "2");
    assertEquals(0, r.code(), r.err());
    JsonNode n = new ObjectMapper().readTree(r.out());
    assertEquals("movielens-csv", n.get("format").asText());
    assertEquals(4, n.at("/summary/ratings").asInt());
    assertEquals(2, n.at("/summary/mostRated").size());
  }

  @Test
  void strictModeFailsWithOneLineNamingFileLineAndColumn() throws Exception {
    Run r = run("info", fixture().toString(), "--strict");
    assertEquals(1, r.code());
    assertTrue(r.err().startsWith("error: ratings.csv:3:5: rating \"5.5\" is outside the scale 0.5..5"), r.err());
    assertEquals(1, r.err().lines().count(), r.err());
  }

  @Test
  void anOutputThatCannotBeWrittenIsRefusedBeforeAnyWork() throws Exception {
    Path data = fixture();
    Path folder = Files.createDirectories(dir.resolve("models"));
    Path file = Files.writeString(dir.resolve("notes.txt"), "x");
    String[][] runs = {
        {"train", data.toString(), "--model", "popularity", "--out", folder.toString()},
        {"prepare", data.toString(), "--out", file.resolve("d.cinerec").toString()},
        {"report", data.toString(), "--out", folder.toString()}};
    for (String[] args : runs) {
      Run r = run(args);
      assertEquals(2, r.code(), String.join(" ", args) + ": " + r.err());
      assertTrue(r.err().startsWith("error: --out "), r.err());
      assertTrue(r.err().contains(": it is a folder; give a file's name") || r.err().contains(file
          + " is a file, not a folder"), r.err());
      assertFalse(r.err().contains("read "), "refused before the data was read: " + r.err());
    }
    try (var left = Files.list(dir)) {
      assertEquals(java.util.List.of(), left.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList());
    }
  }

  @Test
  void missingDataIsOneLineWithoutAStackTrace() {
    Run r = run("info", dir.resolve("nothing-here").toString());
    assertEquals(1, r.code());
    assertTrue(r.err().startsWith("error: ") && r.err().contains("nothing-here: no such file or folder"), r.err());
    assertEquals(1, r.err().lines().count());
    assertFalse(r.err().contains("at org."));
  }

  @Test
  void aDamagedDatasetFileIsOneLine() throws Exception {
    Path out = dir.resolve("ml.cinerec");
    assertEquals(0, run("prepare", fixture().toString(), "-o", out.toString(), "--quiet").code());
    byte[] b = Files.readAllBytes(out);
    b[b.length - 40] ^= 1;
    Files.write(out, b);
    Run r = run("info", out.toString());
    assertEquals(1, r.code());
    assertTrue(r.err().contains("dataset file is damaged"), r.err());
    assertEquals(1, r.err().lines().count());
  }

  @Test
  void genericCsvColumnsComeFromTheFlags() throws Exception {
    Path f = dir.resolve("r.txt");
    Files.writeString(f, "a|x|4\nb|x|2\nb|y|5\n");
    Run r = run("info", f.toString(), "--no-header", "--delimiter", "|", "--user-col", "1", "--item-col", "2",
        "--rating-col", "3");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("  ratings  3\n  users    2\n  movies   2"), r.out());
  }

  @Test
  void anUnknownFormatIsAUsageError() throws Exception {
    Run r = run("info", fixture().toString(), "--format", "xml");
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("error: unknown format \"xml\""), r.err());
  }

  @Test
  void missingDataArgumentIsAUsageError() {
    Run r = run("info");
    assertEquals(2, r.code());
  }

  @Test
  void infoOnTheRealKaggleDataCountsPlaceholders() {
    Run r = run("info", SharedData.moviesDataset().toString(), "--top", "3");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("  ratings  100,004\n  users    671\n  movies   9,125 (9,066 rated, 59 never rated, 3,723 with metadata)"), r.out());
    Run req = run("info", SharedData.moviesDataset().toString(), "--require-metadata", "--top", "3");
    assertTrue(req.out().contains("  ratings  71,609\n  users    671\n  movies   3,723"), req.out());
  }

  @Test
  void prepareOnMlLatestSmallReportsNothingDropped() {
    Path out = dir.resolve("mls.cinerec");
    Run r = run("prepare", SharedData.mlLatestSmall().toString(), "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("rows read           100,836\n  rows kept           100,836\n  rows dropped              0\n"), r.out());
    assertEquals(100_836, DataSources.load(out).ratings().size());
  }
}
