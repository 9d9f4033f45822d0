package org.cinerec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.cinerec.data.Dataset;
import org.cinerec.io.DataSources;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** generate, split and download, run in-process like a user would. */
class GenerateSplitDownloadTest {
  @TempDir
  Path dir;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void generateWritesMovieLensCsvThatTheReadersParse() {
    Path out = dir.resolve("tiny");
    Run r = run("generate", "--preset", "tiny", "--seed", "5", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("generated preset tiny, seed 5: "), r.out());
    assertTrue(r.out().contains("wrote " + out.resolve("ratings.csv")), r.out());
    Dataset d = DataSources.load(out);
    assertEquals(50, d.numUsers());
    assertEquals(500, d.numItems());
    assertEquals(0, d.provenance().totalDropped());
  }

  @Test
  void generateWritesUsersCsvThatPrepareAndInfoRead() throws java.io.IOException {
    Path out = dir.resolve("tiny");
    Run r = run("generate", "--preset", "tiny", "--seed", "5", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains(" and " + out.resolve("users.csv") + " ("), r.out());
    assertEquals("userId,age,gender,occupation", Files.readAllLines(out.resolve("users.csv")).get(0));
    Path file = dir.resolve("tiny.cinerec");
    Run p = run("prepare", out.toString(), "--out", file.toString());
    assertEquals(0, p.code(), p.err());
    assertTrue(p.out().contains("  user attributes age, gender, occupation: known for 50 of the 50 users\n"), p.out());
    assertTrue(p.out().contains("note: users.csv: age, gender, occupation for 50 of the 50 users with ratings\n"),
        p.out());
    Dataset prepared = DataSources.load(file);
    Dataset made = org.cinerec.synth.SyntheticData.generate(org.cinerec.synth.Preset.TINY, 5,
        org.cinerec.Progress.NONE);
    assertEquals(made.userAttributes(), prepared.userAttributes());
    Run info = run("info", file.toString());
    assertEquals(0, info.code(), info.err());
    assertTrue(info.out().contains("  user attributes: age ("), info.out());
    assertTrue(info.out().contains("gender (2), occupation ("), info.out());
    assertTrue(info.out().contains("; known for 50 of 50 users\n"), info.out());
    Run json = run("info", file.toString(), "--json");
    assertEquals(0, json.code(), json.err());
    assertTrue(json.out().contains("\"userAttributes\""), json.out());
  }

  @Test
  void generateTweetingsWritesTheDoubleColonLayoutWithPaddedCatalogueIds() throws java.io.IOException {
    Path out = dir.resolve("tw");
    Run r = run("generate", "--preset", "tweetings", "--users", "200", "--movies", "1000", "--ratings", "5000",
        "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("wrote " + out.resolve("ratings.dat")) && r.out().contains(out.resolve("movies.dat")
        + " ("), r.out());
    String first = java.nio.file.Files.readAllLines(out.resolve("movies.dat")).get(0);
    assertTrue(first.matches("0\\d{6}::.*"), first);
  }

  @Test
  void generateCanWriteADatasetFileAndOverrideTheSize() {
    Path out = dir.resolve("g.cinerec");
    Run r = run("generate", "--preset", "small", "--users", "100", "--ratings", "5000", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("5,000 ratings, 100 users, 9,742 movies"), r.out());
    assertEquals(5_000, DataSources.load(out).ratings().size());
    // without --ratings: the preset's ratings per user (small: 100,836 / 610), within what the movies fit
    r = run("generate", "--preset", "small", "--users", "100", "--out", out.toString());
    assertTrue(r.out().contains("16,530 ratings, 100 users, 9,742 movies"), r.out());
    r = run("generate", "--preset", "small", "--users", "50", "--movies", "40", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("1,000 ratings, 50 users, 40 movies"), r.out());
    r = run("generate", "--preset", "small", "--users", "50", "--movies", "30", "--out", out.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("needs users >= 1, items >= 40"), r.err());
  }

  @Test
  void generateRejectsAnUnknownPresetAsAUsageError() {
    Run r = run("generate", "--preset", "huge", "--out", dir.toString());
    assertEquals(2, r.code());
    assertEquals("error: --preset \"huge\" is unknown; use one of tiny, small, 1m, 5m, 25m, tweetings\n", r.err());
  }

  @Test
  void splitWritesTrainAndTestThatTheFilesSpecReadsBack() throws Exception {
    Path data = dir.resolve("tiny");
    assertEquals(0, run("generate", "--preset", "tiny", "--out", data.toString()).code());
    Path out = dir.resolve("split");
    Run r = run("split", data.toString(), "--split", "temporal:2", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("split temporal:2: train "), r.out());
    assertTrue(r.out().contains("test 100 ratings (50 users, "), r.out());
    assertTrue(r.out().contains("; 0 test users have no training rating"), r.out());
    assertEquals(101, Files.readAllLines(out.resolve("test.csv")).size());
    Run back = run("split", data.toString(), "--split",
        "files:" + out.resolve("train.csv") + "," + out.resolve("test.csv"), "--out", dir.resolve("again").toString());
    assertEquals(0, back.code(), back.err());
    assertEquals(Files.readAllLines(out.resolve("test.csv")), Files.readAllLines(dir.resolve("again/test.csv")));
  }

  @Test
  void textIdsWithCommasAndQuotesSurviveTheSplitFilesBothWays() throws Exception {
    Path data = Files.writeString(dir.resolve("ids.csv"), "user,item,rating\n\"Smith, J\",The Matrix,5\n"
        + "\"Smith, J\",\"Alien, the\",4\n\"Doe \"\"JD\"\"\",The Matrix,3\n\"Doe \"\"JD\"\"\",\"Alien, the\",2\n"
        + "Ann,The Matrix,4\nAnn,Heat,3\n");
    Path out = dir.resolve("idsplit");
    Run r = run("split", data.toString(), "--split", "random:0.5:1", "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    String train = Files.readString(out.resolve("train.csv"));
    assertTrue(train.contains("\"Smith, J\",") || train.contains("\"Doe \"\"JD\"\"\","), train);
    // the files read back as the same split, and as data on their own (text ids: the CSV reader, said)
    Run back = run("split", data.toString(), "--split",
        "files:" + out.resolve("train.csv") + "," + out.resolve("test.csv"), "--out", dir.resolve("idagain").toString());
    assertEquals(0, back.code(), back.err());
    assertEquals(Files.readAllLines(out.resolve("test.csv")), Files.readAllLines(dir.resolve("idagain/test.csv")));
    Run info = run("info", out.resolve("train.csv").toString(), "--json");
    assertEquals(0, info.code(), info.err());
    assertEquals(train.lines().count() - 1, new com.fasterxml.jackson.databind.ObjectMapper().readTree(info.out())
        .at("/summary/ratings").asLong(), info.out());
  }

  @Test
  void splitWritesEveryFoldOnRequest() {
    Path data = dir.resolve("tiny");
    run("generate", "--preset", "tiny", "--out", data.toString());
    Run r = run("split", data.toString(), "--split", "kfold:3:1", "--all-folds", "--out", dir.resolve("k").toString());
    assertEquals(0, r.code(), r.err());
    for (int f = 0; f < 3; f++) {
      assertTrue(Files.exists(dir.resolve("k/fold-" + f + "/test.csv")));
      assertTrue(r.out().contains("split kfold:3:1:" + f + ": "), r.out());
    }
  }

  @Test
  void aBadSplitSpecIsAUsageError() {
    Run r = run("split", dir.toString(), "--split", "random:2", "--out", dir.resolve("x").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("error: --split \"random:2\": FRACTION 2 must be between 0 and 1"), r.err());
  }

  static byte[] zip() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bytes)) {
      z.putNextEntry(new ZipEntry("ml-100k/u.data"));
      z.write("1\t1\t4\t881250949\n".getBytes(StandardCharsets.US_ASCII));
      z.closeEntry();
    }
    return bytes.toByteArray();
  }

  @Test
  void downloadReportsACorruptArchiveAndA404InOneLineAndKeepsNothing() throws Exception {
    byte[] zip = zip();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      if (exchange.getRequestURI().getPath().equals("/ml/ml-100k.zip")) {
        exchange.sendResponseHeaders(200, zip.length);
        try (OutputStream o = exchange.getResponseBody()) {
          o.write(zip); // not GroupLens's ml-100k.zip: its MD5 differs from the published one
        }
      } else {
        exchange.sendResponseHeaders(404, -1);
      }
      exchange.close();
    });
    server.start();
    try {
      String mirror = "http://127.0.0.1:" + server.getAddress().getPort() + "/ml/";
      Path cache = dir.resolve("cache");
      Run bad = run("download", "ml-100k", "--mirror", mirror, "--cache", cache.toString());
      assertEquals(1, bad.code());
      String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(zip));
      assertEquals("error: ml-100k.zip from " + mirror + "ml-100k.zip is damaged or not the expected file: its MD5 is "
          + md5 + ", expected 0e33842e24a9c977be4e0107933c0723; nothing was kept in " + cache + "\n", bad.err());
      Run missing = run("download", "ml-1m", "--mirror", mirror, "--cache", cache.toString());
      assertEquals(1, missing.code());
      assertEquals("error: cannot download " + mirror + "ml-1m.zip: HTTP 404 (not found; check the name or --mirror)\n",
          missing.err());
      try (Stream<Path> s = Files.list(cache)) {
        assertEquals(List.of(), s.toList());
      }
      assertEquals(2, run("download", "ml-7m").code());
    } finally {
      server.stop(0);
    }
  }

  @Test
  void downloadSaysWhenTheArchiveIsAlreadyCached() throws Exception {
    Path cache = dir.resolve("cache");
    Files.createDirectories(cache.resolve("ml-1m"));
    Files.writeString(cache.resolve("ml-1m/.cinerec-download"), "x");
    Run r = run("download", "ml-1m", "--cache", cache.toString(), "--mirror", "http://127.0.0.1:9/");
    assertEquals(0, r.code(), r.err());
    assertEquals("ml-1m is already in " + cache.resolve("ml-1m") + " (use --force to download it again)\n", r.out());
    assertFalse(r.out().contains("downloaded"));
  }
  @Test
  void downloadFromALocalFolderWorksOfflineWithTheRealArchive() throws Exception {
    Path data = org.cinerec.testkit.SharedData.mlLatestSmall();
    Path mirror = Files.createDirectories(dir.resolve("mirror"));
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bytes)) {
      for (String f : List.of("ratings.csv", "movies.csv", "links.csv", "tags.csv")) {
        z.putNextEntry(new ZipEntry("ml-latest-small/" + f));
        z.write(Files.readAllBytes(data.resolve(f)));
        z.closeEntry();
      }
    }
    byte[] zip = bytes.toByteArray();
    Files.write(mirror.resolve("ml-latest-small.zip"), zip);
    String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(zip));
    Files.writeString(mirror.resolve("ml-latest-small.zip.md5"), "MD5 (ml-latest-small.zip) = " + md5 + "\n");
    Path cache = dir.resolve("file-cache");
    String url = mirror.toUri().toString();
    Run r = run("download", "ml-latest-small", "--mirror", url, "--cache", cache.toString());
    assertEquals(0, r.code(), r.err());
    assertEquals("downloaded ml-latest-small from " + url + "ml-latest-small.zip: published MD5 verified, 4 files in "
        + cache.resolve("ml-latest-small") + "\n", r.out());
    assertEquals(100_836, DataSources.load(cache.resolve("ml-latest-small")).ratings().size());
  }
}
