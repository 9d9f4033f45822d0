package org.cinerec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareTuneTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path dir;
  static Path data;

  @BeforeAll
  static void writeData() throws Exception {
    data = CliFixture.movieLens(dir.resolve("ml"));
  }

  @Test
  void compareRunsEveryFoldForEveryModelAndWritesJsonAndCsv() throws Exception {
    Path prefix = dir.resolve("board");
    CliFixture.Run r = CliFixture.run("compare", data.toString(), "--models", "popularity,baseline,baseline@sgd",
        "--set", "baseline@sgd.method=sgd", "--protocol", "kfold:3", "--out", prefix.toString(), "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode root = JSON.readTree(r.out());
    assertEquals(data.toString(), root.get("data").get("path").asText());
    assertEquals("movielens-csv", root.get("data").get("format").asText());
    assertEquals("kfold:3 (3 folds)", root.get("protocol").asText());
    assertEquals(root, JSON.readTree(dir.resolve("board.json").toFile()), "--json prints what --out writes");
    JsonNode results = root.get("results");
    assertEquals(3, results.size());
    assertTrue(results.get(1).get("params").get("epochs").isIntegralNumber(), results.get(1).get("params").toString());
    assertTrue(results.get(1).get("params").get("reg-user").isDouble(), results.get(1).get("params").toString());
    assertEquals(3, results.get(0).get("folds").size());
    assertEquals("sgd", results.get(2).get("params").get("method").asText());
    assertEquals("baseline@sgd", results.get(2).get("label").asText());
    assertTrue(results.get(1).get("summary").get("rmse").get("std").asDouble() >= 0);
    assertTrue(Files.exists(dir.resolve("board.json")));
    List<String> csv = Files.readAllLines(dir.resolve("board.csv"));
    assertEquals(4, csv.size());
    assertTrue(csv.get(0).startsWith("label,model,params,protocol,folds,rmse_mean,rmse_std"), csv.get(0));
    assertTrue(csv.get(3).startsWith("baseline@sgd,baseline,"), csv.get(3));
  }

  @Test
  void compareInTextModePrintsALeaderboard() {
    CliFixture.Run r = CliFixture.run("compare", data.toString(), "--models", "popularity,baseline",
        "--protocol", "temporal:3", "--k", "5");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("protocol temporal:3"), r.out());
    assertTrue(r.out().contains("ndcg@5"), r.out());
    assertTrue(r.out().contains(" *"), r.out());
  }

  @Test
  void withoutATerminalComparePrintsOnePlainLinePerModelAndFoldOnStderr() {
    CliFixture.Run r = CliFixture.run("compare", data.toString(), "--models", "popularity,baseline",
        "--protocol", "kfold:2", "--k", "5");
    assertEquals(0, r.code(), r.err());
    List<String> lines = r.err().lines().filter(l -> l.startsWith("[")).toList(); // after the data's summary line
    assertEquals(4, lines.size(), r.err());
    assertTrue(lines.get(0).matches("\\[1/2] popularity fold 1/2: rmse \\d\\.\\d{4}  ndcg@5 \\d\\.\\d{4}  \\(\\d+\\.\\d\\d s\\)"),
        lines.get(0));
    assertTrue(lines.get(3).startsWith("[2/2] baseline fold 2/2: rmse "), lines.get(3));
    assertFalse(r.err().contains("\r"), "no bar control characters on a pipe");
    r = CliFixture.run("compare", data.toString(), "--models", "baseline", "--protocol", "holdout", "--json");
    assertTrue(r.err().contains("\n[1/1] baseline: rmse "), r.err());
  }

  @Test
  void compareAndTuneTakeTheDiversityKnob() throws Exception {
    CliFixture.Run plain = CliFixture.run("compare", data.toString(), "--models", "mf", "--protocol", "holdout",
        "--k", "5", "--set", "mf.epochs=3", "--json");
    CliFixture.Run r = CliFixture.run("compare", data.toString(), "--models", "mf", "--protocol", "holdout",
        "--k", "5", "--set", "mf.epochs=3", "--diversity", "0.5");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("; top-N lists MMR re-ranked at diversity 0.5"), r.out());
    assertTrue(r.out().contains("diversity@5"), r.out());
    assertEquals(0, plain.code(), plain.err());
    assertTrue(!plain.out().contains("MMR"), plain.out());
    r = CliFixture.run("tune", data.toString(), "--model", "mf", "--grid", "factors=4,8", "--set", "epochs=3",
        "--protocol", "holdout", "--metric", "ndcg@5", "--k", "5", "--diversity", "0.25");
    assertEquals(0, r.code(), r.err());
    r = CliFixture.run("compare", data.toString(), "--models", "mf", "--diversity", "-1");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("error: --diversity must be between 0 and 1"), r.err());
  }

  @Test
  void withoutATerminalTunePrintsOnePlainLinePerCombination() {
    CliFixture.Run r = CliFixture.run("tune", data.toString(), "--model", "baseline", "--grid", "reg-user=0,15",
        "--protocol", "kfold:2");
    assertEquals(0, r.code(), r.err());
    assertEquals(List.of("[1/2] reg-user=0: rmse", "[2/2] reg-user=15: rmse"),
        r.err().lines().filter(l -> l.startsWith("[")).map(l -> l.substring(0, l.indexOf(" rmse") + 5)).toList(),
        r.err());
    assertFalse(r.err().contains("\r"), "no bar control characters on a pipe");
  }

  @Test
  void badProtocolsAndSettingsAreUsageErrors() {
    CliFixture.Run r = CliFixture.run("compare", data.toString(), "--models", "baseline", "--protocol", "kfold:1");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("error: --protocol"), r.err());
    r = CliFixture.run("compare", data.toString(), "--models", "baseline", "--set", "mf.factors=3");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--set names model \"mf\""), r.err());
  }

  @Test
  void tuneSearchesTheGridAndPrintsTheBestSettings() {
    CliFixture.Run r = CliFixture.run("tune", data.toString(), "--model", "baseline", "--grid", "reg-user=0,15",
        "reg-item=0,10", "--protocol", "kfold:2");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("4 combination(s)"), r.out());
    assertTrue(r.out().contains("best: "), r.out());
    assertTrue(r.out().contains("train it: cinerec train"), r.out());
  }

  @Test
  void randomSearchTriesTheAskedNumberOfCombinationsAndReportsJson() throws Exception {
    CliFixture.Run r = CliFixture.run("tune", data.toString(), "--model", "baseline", "--grid", "reg-user=1,5,15",
        "reg-item=1,5,10", "--random", "2", "--protocol", "holdout", "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode j = JSON.readTree(r.out());
    assertEquals(2, j.get("results").size());
    assertEquals("rmse", j.get("metric").asText());
    assertEquals(data.toString(), j.get("data").get("path").asText());
    assertTrue(j.get("best").get("reg-user").isDouble(), j.get("best").toString());
    assertTrue(j.get("bestParams").get("epochs").isIntegralNumber(), j.get("bestParams").toString());
    assertTrue(j.get("results").get(0).get("params").get("reg-item").isDouble(), j.toString());
  }

  @Test
  void tuneRejectsUnknownParametersAndMetrics() {
    CliFixture.Run r = CliFixture.run("tune", data.toString(), "--model", "baseline", "--grid", "factors=1,2");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("unknown parameter --factors"), r.err());
    r = CliFixture.run("tune", data.toString(), "--model", "baseline", "--grid", "reg-user=1,2", "--metric",
        "bogus", "--protocol", "holdout");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("--metric bogus was not measured"), r.err());
  }

  @Test
  void theGridIsTheCartesianProductInOrder() {
    assertEquals(List.of(Map.of("a", "1", "b", "x"), Map.of("a", "1", "b", "y"), Map.of("a", "2", "b", "x"),
        Map.of("a", "2", "b", "y")), TuneCommand.combinations(List.of("a=1,2", "b=x,y")));
  }

  @Test
  void aMetricTheDataCannotGiveIsLeftOutNotPrintedAsNaN() throws Exception {
    // a bare ratings file: no catalogue, so no genres, so no genre diversity
    StringBuilder csv = new StringBuilder("userId,movieId,rating,timestamp\n");
    for (int u = 0; u < 30; u++) {
      for (int i = 0; i < 20; i++) {
        if ((u * 7 + i * 3) % 4 != 0) {
          csv.append(u).append(',').append(i).append(',').append(1 + (u + i) % 5).append(',').append(u * 100 + i)
              .append('\n');
        }
      }
    }
    Path bare = Files.writeString(dir.resolve("bare.csv"), csv.toString());
    CliFixture.Run r = CliFixture.run("compare", bare.toString(), "--models", "popularity,ease", "--k", "5");
    assertEquals(0, r.code(), r.err());
    assertFalse(r.out().contains("NaN"), r.out());
    assertFalse(r.out().contains("diversity@5"), r.out());
    assertTrue(r.out().contains("novelty@5"), r.out());

    // a model the data cannot feed is refused before any model is trained, naming it and why
    r = CliFixture.run("compare", bare.toString(), "--models", "popularity,genre", "--k", "5");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("error: --models genre: no movie of this data has genres"), r.err());
    assertFalse(r.err().contains("[1/2]"), "nothing trained first: " + r.err());

    // without --models: every family the data can feed, the others left out with the reason (as the demo does)
    r = CliFixture.run("compare", bare.toString(), "--k", "5");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("left out genre: no movie of this data has genres"), r.err());
    int families = org.cinerec.model.ModelFamilies.all().size();
    assertTrue(r.err().contains("[" + (families - 1) + "/" + (families - 1) + "] "), r.err());
    List<String> columns = r.out().lines().filter(l -> l.startsWith("metric "))
        .flatMap(l -> java.util.Arrays.stream(l.strip().split("\\s+")).skip(1)).toList();
    assertEquals(families - 1, columns.size(), r.out());
    assertTrue(columns.containsAll(List.of("popularity", "ease", "mf", "multitask")), columns.toString());
    assertFalse(columns.contains("genre"), columns.toString());
    // more models than fit in 120 columns go on in blocks below, each line within the width
    assertTrue(r.out().contains("(* best of all " + (families - 1) + " models;"), r.out());
    assertTrue(r.out().lines().allMatch(l -> l.length() <= Leaderboard.WIDTH), r.out());
    assertEquals((families - 1 + 3) / 4, r.out().lines().filter(l -> l.startsWith("metric ")).count(), r.out());

    // tune without --grid: the family's own grid, said; a ranking-only model is tuned by ndcg@10
    r = CliFixture.run("tune", bare.toString(), "--model", "ease", "--protocol", "holdout");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("grid: lambda=100,200,500,1000,2000 (ease's default; --grid sets another)"), r.err());
    assertTrue(r.out().contains("5 combination(s), by ndcg@10 (higher is better)"), r.out());
    r = CliFixture.run("tune", bare.toString(), "--model", "baseline", "--protocol", "holdout", "--k", "5");
    assertTrue(r.out().contains("9 combination(s), by rmse (lower is better)"), r.out());
    r = CliFixture.run("tune", bare.toString(), "--model", "genre");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("genre has no default grid: give --grid NAME=V1,V2"), r.err());
  }
}
