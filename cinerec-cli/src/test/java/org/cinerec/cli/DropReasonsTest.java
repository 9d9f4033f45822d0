package org.cinerec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Nothing is dropped silently: the fixture {@code fixtures/drop-reasons} (a MovieLens CSV folder) has one
 * row for each reason a rating row is dropped, and every command that reads data prints the same one
 * summary line on stderr (so {@code --json} on stdout stays valid) and, where it has {@code --json}, the
 * same counts in its {@code data} object. Run with {@code --require-metadata}, so the rating of a movie
 * missing from movies.csv is dropped too (evaluate gets that flag from the model file).
 *
 * <p>The fixture: 36 good rows, then one row each of field-count, bad-id, bad-rating, nan-rating,
 * out-of-scale (5.5), bad-timestamp, invalid-utf8, duplicate (a later rating of the same pair: the
 * earlier is dropped), no-metadata (movie 99) and, as the last line without its end, truncated-row.
 */
class DropReasonsTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String[] REASONS = {"bad-id", "bad-rating", "bad-timestamp", "duplicate", "field-count", "invalid-utf8",
      "nan-rating", "no-metadata", "out-of-scale", "truncated-row"};
  static final String LINE = "read 46 rows: kept 36, dropped 10 (bad-id 1, bad-rating 1, bad-timestamp 1, duplicate 1, "
      + "field-count 1, invalid-utf8 1, nan-rating 1, no-metadata 1, out-of-scale 1, truncated-row 1); "
      + "scale 0.5..5 in steps of 0.5 (format)";

  @TempDir
  Path dir;

  static Path fixture() {
    try {
      return Path.of(DropReasonsTest.class.getResource("/fixtures/drop-reasons").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The arguments of each command, and where its JSON counts are (null: the command has no --json). */
  record Case(List<String> args, Function<JsonNode, JsonNode> data) {}

  Case command(String name) throws Exception {
    String data = fixture().toString();
    String out = dir.toString();
    return switch (name) {
      case "info" -> new Case(List.of("info", data, "--require-metadata", "--json"), j -> j.get("data"));
      case "prepare" -> new Case(List.of("prepare", data, "--require-metadata", "--quiet", "--out", out + "/p.cinerec"),
          null);
      case "train" -> new Case(List.of("train", data, "--require-metadata", "--model", "baseline", "--out",
          out + "/m.cinerec", "--json"), j -> j.get("data"));
      case "evaluate" -> {
        CliFixture.Run t = CliFixture.run("train", data, "--require-metadata", "--model", "baseline", "--out",
            out + "/e.cinerec");
        assertEquals(0, t.code(), t.err());
        yield new Case(List.of("evaluate", out + "/e.cinerec", "--json"), j -> j.get("data"));
      }
      case "compare" -> new Case(List.of("compare", data, "--require-metadata", "--models", "popularity,baseline",
          "--json"), j -> j.get("data")); // one document: {data, protocol, results}
      case "tune" -> new Case(List.of("tune", data, "--require-metadata", "--model", "baseline", "--grid",
          "reg-user=5,15", "--protocol", "holdout", "--json"), j -> j.get("data"));
      case "split" -> new Case(List.of("split", data, "--require-metadata", "--out", out + "/split"), null);
      case "plot" -> new Case(List.of("plot", data, "--require-metadata", "--out", out + "/plots", "--what",
          "rating-histogram"), null);
      case "report" -> new Case(List.of("report", data, "--require-metadata", "--out", out + "/r.html"), null);
      case "demo" -> new Case(List.of("demo", "--data", data, "--require-metadata", "--models", "popularity",
          "--out", out + "/demo"), null);
      default -> throw new IllegalArgumentException(name);
    };
  }

  @ParameterizedTest(name = "{0} prints the summary line and its counts")
  @ValueSource(strings = {"info", "prepare", "train", "evaluate", "compare", "tune", "split", "plot", "report", "demo"})
  void everyCommandThatReadsDataSaysWhatItDroppedAndWhy(String name) throws Exception {
    Case c = command(name);
    CliFixture.Run r = CliFixture.run(c.args().toArray(new String[0]));
    assertEquals(0, r.code(), r.err());
    List<String> lines = new ArrayList<>();
    for (String l : r.err().split("\n")) {
      if (l.startsWith("read ")) {
        lines.add(l);
      }
    }
    assertEquals(1, lines.size(), "one summary line on stderr:\n" + r.err());
    String line = lines.get(0);
    assertTrue(line.startsWith(LINE + "; details: "), line);
    String details = line.substring(LINE.length() + "; details: ".length());
    if (name.equals("prepare")) {
      assertEquals(dir.resolve("p.report.txt").toString(), details);
      JsonNode report = JSON.readTree(dir.resolve("p.report.json").toFile());
      assertCounts(report.get("provenance"), report.get("scale"));
    } else {
      assertEquals("cinerec prepare " + fixture() + " --require-metadata", details);
    }
    if (c.data() != null) {
      JsonNode json = JSON.readTree(r.out());
      JsonNode data = c.data().apply(json);
      assertCounts(data, data.get("scale"));
      assertEquals(10, data.get("rowsDropped").asInt());
      assertEquals("movielens-csv", data.get("format").asText());
    } else {
      assertTrue(!r.out().contains("read 46 rows"), "the summary line is not on stdout");
    }
  }

  private static void assertCounts(JsonNode counts, JsonNode scale) {
    assertEquals(46, counts.get("rowsRead").asInt(), counts.toString());
    assertEquals(36, counts.get("rowsKept").asInt(), counts.toString());
    for (String reason : REASONS) {
      assertEquals(1, counts.at("/dropped/" + reason).asInt(), reason + " in " + counts);
    }
    assertEquals(REASONS.length, counts.get("dropped").size(), counts.toString());
    assertEquals(0.5, scale.get("min").asDouble());
    assertEquals(5.0, scale.get("max").asDouble());
    assertEquals(0.5, scale.get("step").asDouble());
    assertEquals("format", scale.get("source").asText());
  }

  @ParameterizedTest(name = "without --require-metadata {0} counts the movie without metadata as changed")
  @ValueSource(strings = {"info"})
  void withoutRequireMetadataTheMovieWithoutMetadataIsKeptAndCounted(String name) throws Exception {
    CliFixture.Run r = CliFixture.run(name, fixture().toString(), "--json");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("read 46 rows: kept 37 (no-metadata 1), dropped 9 (bad-id 1, "), r.err());
    JsonNode data = JSON.readTree(r.out()).get("data");
    assertEquals(1, data.at("/changed/no-metadata").asInt());
    assertEquals(9, data.get("rowsDropped").asInt());
    assertTrue(Files.exists(fixture().resolve("ratings.csv")));
  }

  @org.junit.jupiter.api.Test
  void aRecordedRequireMetadataCanBeTurnedOffForEvaluate() throws Exception {
    Path model = dir.resolve("m.cinerec");
    assertEquals(0, CliFixture.run("train", fixture().toString(), "--require-metadata", "--model", "baseline",
        "--out", model.toString()).code());
    CliFixture.Run r = CliFixture.run("evaluate", model.toString(), "--no-require-metadata", "--no-ranking");
    assertEquals(1, r.code(), "other data: the movie without metadata is kept");
    assertTrue(r.err().contains("read 46 rows: kept 37 (no-metadata 1), dropped 9"), r.err());
    assertTrue(r.err().contains("is not the data " + model + " was trained on"), r.err());
  }
}
