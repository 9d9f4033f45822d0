package org.cinerec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cinerec.server.store.JdbcRatingStore;
import org.cinerec.server.store.StoreUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cinerec serve} as a separate process: it seeds the store beside the model from the data the model
 * was trained on, names the store in its log, serves, and on SIGTERM drains and closes the store cleanly (the
 * rating written before is there after a restart, which seeds nothing again); another dataset is refused.
 */
class ServeCommandTest {
  @TempDir
  Path dir;

  /** A running {@code cinerec serve} child process; its output goes to a file. */
  static final class Served implements AutoCloseable {
    final Process process;
    final Path output;
    final String url;

    Served(Path outputFile, Path... args) throws Exception {
      output = outputFile;
      List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-XX:+IgnoreUnrecognizedVMOptions", "--add-modules=jdk.incubator.vector",
          "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
          "org.cinerec.cli.Main", "serve", "--port", "0"));
      for (Path p : args) {
        cmd.add(p.toString());
      }
      process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(outputFile.toFile()).start();
      Pattern serving = Pattern.compile("on (http://127\\.0\\.0\\.1:\\d+) ");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      String found = null;
      while (found == null && process.isAlive() && System.nanoTime() < deadline) {
        Matcher m = serving.matcher(log());
        if (m.find()) {
          found = m.group(1);
        } else {
          Thread.sleep(50);
        }
      }
      url = found;
    }

    String log() {
      try {
        return Files.exists(output) ? Files.readString(output) : "";
      } catch (IOException e) {
        return e.toString();
      }
    }

    /** SIGTERM, then the exit code (143, 128 + SIGTERM, once the shutdown hook has run). */
    int terminate() throws InterruptedException {
      process.destroy();
      assertTrue(process.waitFor(60, TimeUnit.SECONDS), "stopped within a minute");
      return process.exitValue();
    }

    @Override
    public void close() {
      process.destroyForcibly();
    }
  }

  static HttpResponse<String> send(String method, String url, String body) throws Exception {
    HttpRequest r = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build();
    return HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesSeedsDrainsOnSigtermAndRefusesAnotherDataset() throws Exception {
    Path data = CliFixture.movieLens(dir.resolve("data"));
    Path models = Files.createDirectories(dir.resolve("models"));
    assertEquals(0, CliFixture.run("train", data.toString(), "--model", "ease", "--out",
        models.resolve("ease.cinerec").toString()).code());
    String user;
    try (Served s = new Served(dir.resolve("first.log"), models)) {
      assertTrue(s.url != null, s.log());
      assertTrue(s.log().contains("ratings store: SQLite " + models.toAbsolutePath().resolve("ratings.db")), s.log());
      assertTrue(s.log().contains("seeded the store from " + data.toAbsolutePath()), s.log());
      HttpResponse<String> created = send("POST", s.url + "/api/v1/users", "{}");
      assertEquals(201, created.statusCode(), created.body());
      user = created.body().replaceAll(".*\"userId\":\"([^\"]+)\".*", "$1");
      assertEquals(200, send("PUT", s.url + "/api/v1/users/" + user + "/ratings/1", "{\"rating\": 4.5}")
          .statusCode());
      assertEquals(143, s.terminate(), s.log());
      assertTrue(s.log().contains("stopped; the ratings store is closed"), s.log());
    }
    try (JdbcRatingStore store = JdbcRatingStore.open(StoreUrl.parse(models.resolve("ratings.db").toString()))) {
      assertEquals(4.5f, store.ratings(user).get(0).rating());
    }
    Path posters = Files.createDirectories(dir.resolve("posters"));
    Files.writeString(posters.resolve("1.jpg"), "a poster");
    try (Served again = new Served(dir.resolve("second.log"), models, Path.of("--posters"), posters)) {
      assertTrue(again.log().contains("the store was seeded from"), again.log());
      assertTrue(again.log().contains("posters: 1 in "), again.log());
      assertEquals(200, send("GET", again.url + "/api/v1/users/" + user + "/ratings", null).statusCode());
      HttpResponse<String> poster = send("GET", again.url + "/posters/1.jpg", null);
      assertEquals("a poster", poster.body());
      assertEquals("image/jpeg", poster.headers().firstValue("Content-Type").orElse(""));
      assertTrue(send("GET", again.url + "/api/v1/movies/search?q=toy%20story&k=1", null).body() // movie 1
          .contains("\"poster\":\"/posters/1.jpg\""));
      again.terminate();
    }
    Path other = CliFixture.movieLens(dir.resolve("other"));
    Files.writeString(other.resolve("ratings.csv"), "7,1,3.0,1000000000\n", java.nio.file.StandardOpenOption.APPEND);
    CliFixture.Run refused = CliFixture.run("serve", models.toString(), "--data", other.toString(), "--port", "0");
    assertEquals(1, refused.code(), refused.out() + refused.err());
    assertTrue(refused.err().contains("seeded from another dataset"), refused.err());
  }

  /**
   * rate → retrain with a CSV of its own column names (found on a new user's file): the store records how its
   * seed data was read, so {@code train STORE} reads the catalogue again the same way, with no flags.
   */
  @Test
  void aStoreSeededFromAMappedCsvTrainsWithoutItsFlags() throws Exception {
    StringBuilder csv = new StringBuilder("Reviewer;Title ID;Score;When\n");
    for (int u = 0; u < 12; u++) {
      for (int i = 0; i < 8; i++) {
        if ((u + i) % 3 != 0) {
          csv.append("Émile ").append(u).append(";tt000").append(i).append(';').append(1 + (u * i) % 10)
              .append(";2019-0").append(1 + i).append("-1").append(u % 10).append(" 12:00:00\n");
        }
      }
    }
    Path data = dir.resolve("book ratings;odd.csv");
    Files.writeString(data, csv.toString());
    Path models = Files.createDirectories(dir.resolve("mapped"));
    CliFixture.Run trained = CliFixture.run("train", data.toString(), "--user-col", "Reviewer", "--item-col",
        "Title ID", "--rating-col", "Score", "--time-col", "When", "--model", "popularity", "--no-eval", "--out",
        models.resolve("pop.cinerec").toString());
    assertEquals(0, trained.code(), trained.err());
    int kept = Integer.parseInt(trained.err().replaceAll("(?s).*kept (\\d+).*", "$1"));
    try (Served s = new Served(dir.resolve("mapped.log"), models.resolve("pop.cinerec"), Path.of("--data"), data)) {
      assertTrue(s.url != null, s.log());
      assertEquals(200, send("PUT", s.url + "/api/v1/users/%C3%89mile%200/ratings/tt0000", "{\"rating\": 7}")
          .statusCode(), s.log());
      s.terminate();
    }
    CliFixture.Run again = CliFixture.run("train", models.resolve("ratings.db").toString(), "--model", "popularity",
        "--no-eval", "--out", models.resolve("again.cinerec").toString());
    assertEquals(0, again.code(), again.err());
    assertTrue(again.err().contains("kept " + (kept + 1)), again.err());
  }

  /**
   * The reader flags go over the mapping the model recorded: a copy of the data under other column names is
   * served with {@code --user-col} and the rest (refused before as unknown options), and the store records them.
   */
  @Test
  void readerFlagsGoOverTheModelsRecordedMapping() throws Exception {
    StringBuilder csv = new StringBuilder("Reviewer,Title ID,Score\n");
    StringBuilder renamed = new StringBuilder("Who\tFilm\tStars\n");
    for (int u = 0; u < 10; u++) {
      for (int i = 0; i < 6; i++) {
        if ((u + i) % 3 != 0) {
          csv.append("fan-").append(u).append(",tt00").append(i).append(',').append(1 + (u + i) % 5).append('\n');
          renamed.append("fan-").append(u).append("\ttt00").append(i).append('\t').append(1 + (u + i) % 5)
              .append('\n');
        }
      }
    }
    Path data = Files.writeString(dir.resolve("fans.csv"), csv.toString());
    Path other = Files.writeString(dir.resolve("fans-renamed.tsv"), renamed.toString());
    Path models = Files.createDirectories(dir.resolve("renamed"));
    assertEquals(0, CliFixture.run("train", data.toString(), "--user-col", "Reviewer", "--item-col", "Title ID",
        "--rating-col", "Score", "--model", "popularity", "--no-eval", "--out", models.resolve("pop.cinerec")
        .toString()).code());
    try (Served s = new Served(dir.resolve("renamed.log"), models.resolve("pop.cinerec"), Path.of("--data"), other,
        Path.of("--user-col"), Path.of("Who"), Path.of("--item-col"), Path.of("Film"), Path.of("--rating-col"),
        Path.of("Stars"))) {
      assertTrue(s.url != null, s.log());
      assertTrue(s.log().contains("10 users, 40 ratings"), s.log());
      assertEquals(200, send("GET", s.url + "/api/v1/users/fan-1/recommendations?k=2", null).statusCode(), s.log());
      s.terminate();
    }
    CliFixture.Run noData = CliFixture.run("serve", models.resolve("pop.cinerec").toString(), "--store",
        dir.resolve("other.db").toString(), "--user-col", "Who", "--port", "0");
    // without --data the flags go over the recorded data's mapping too: fans.csv has no column Who
    assertEquals(2, noData.code(), noData.err());
    assertTrue(noData.err().contains("fans.csv:1: no column named \"Who\" for the user"), noData.err());
  }

  /**
   * One server per store: a second {@code serve} on the store of a running one is refused naming it (its pid),
   * while a reader beside it ({@code train STORE}) works; after a SIGKILL the store is free at once.
   */
  @Test
  @org.junit.jupiter.api.Timeout(300)
  void aSecondServerOnTheSameStoreIsRefusedAndAKilledOneLeavesNoLock() throws Exception {
    Path data = CliFixture.movieLens(dir.resolve("data"));
    Path models = Files.createDirectories(dir.resolve("one"));
    assertEquals(0, CliFixture.run("train", data.toString(), "--model", "ease", "--out",
        models.resolve("ease.cinerec").toString()).code());
    try (Served first = new Served(dir.resolve("first.log"), models)) {
      assertTrue(first.url != null, first.log());
      CliFixture.Run second = CliFixture.run("serve", models.toString(), "--port", "0");
      assertEquals(1, second.code(), second.out() + second.err());
      assertTrue(second.err().contains("is served by another cinerec serve (pid " + first.process.pid() + " on "),
          second.err());
      assertTrue(second.err().contains("one server per store"), second.err());
      CliFixture.Run retrain = CliFixture.run("train", models.resolve("ratings.db").toString(), "--model",
          "popularity", "--no-eval", "--out", dir.resolve("beside.cinerec").toString());
      assertEquals(0, retrain.code(), "a reader beside the server: " + retrain.err());
      first.process.destroyForcibly();
      assertTrue(first.process.waitFor(60, TimeUnit.SECONDS));
      assertEquals(137, first.process.exitValue(), "killed by SIGKILL");
    }
    try (Served after = new Served(dir.resolve("after.log"), models)) {
      assertTrue(after.url != null, "a killed server leaves no lock behind: " + after.log());
      assertEquals(143, after.terminate(), after.log());
    }
  }

  @Test
  void boundElsewhereWithoutATokenIsAUsageError() throws Exception {
    Path data = CliFixture.movieLens(dir.resolve("data"));
    Path model = dir.resolve("ease.cinerec");
    assertEquals(0, CliFixture.run("train", data.toString(), "--model", "ease", "--out", model.toString()).code());
    CliFixture.Run r = CliFixture.run("serve", model.toString(), "--bind", "0.0.0.0", "--port", "0",
        "--data", data.toString());
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("CINEREC_ADMIN_TOKEN"), r.err());
    CliFixture.Run noPosters = CliFixture.run("serve", model.toString(), "--posters", dir.resolve("none").toString(),
        "--port", "0");
    assertEquals(2, noPosters.code(), noPosters.err());
    assertTrue(noPosters.err().contains("--posters " + dir.resolve("none") + ": not a folder"), noPosters.err());
    CliFixture.Run none = CliFixture.run("serve", dir.resolve("empty").toString());
    assertEquals(1, none.code());
    assertTrue(none.err().contains("no such model file or folder"), none.err());
  }
}
