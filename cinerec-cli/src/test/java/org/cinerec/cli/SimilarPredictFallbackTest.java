package org.cinerec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code similar} refuses what would mean nothing (a model without similarity between movies, a movie
 * without training ratings) and {@code predict} says when and to what it falls back. The data is the CLI
 * fixture plus movie 41, which is in the catalogue but nobody rated.
 */
class SimilarPredictFallbackTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path dir;
  static Path data;

  @BeforeAll
  static void writeData() throws Exception {
    data = CliFixture.movieLens(dir.resolve("ml"));
    Files.writeString(data.resolve("movies.csv"), "41,Never Rated (2001),Drama\n", StandardOpenOption.APPEND);
  }

  private static Path train(String kind, String... more) {
    Path file = dir.resolve(kind + ".cinerec");
    if (!Files.exists(file)) {
      String[] args = new String[] {"train", data.toString(), "--model", kind, "--out", file.toString(), "--no-eval"};
      String[] all = java.util.Arrays.copyOf(args, args.length + more.length);
      System.arraycopy(more, 0, all, args.length, more.length);
      CliFixture.Run r = CliFixture.run(all);
      assertEquals(0, r.code(), r.err());
    }
    return file;
  }

  @Test
  void similarOnAModelWithoutSimilarityIsAnErrorThatSaysSo() {
    for (String kind : new String[] {"popularity", "baseline"}) {
      CliFixture.Run r = CliFixture.run("similar", train(kind).toString(), "--movie", "Toy Story");
      assertEquals(1, r.code(), kind + ": " + r.out());
      assertEquals("", r.out());
      assertTrue(r.err().startsWith("error: the " + kind + " model has no similarity between movies"), r.err());
      assertTrue(r.err().contains("use a model that compares movies"), r.err());
    }
  }

  @Test
  void similarOnAMovieWithoutTrainingRatingsIsAnErrorNamingIt() {
    for (String kind : new String[] {"mf", "itemknn", "ease", "multitask"}) {
      Path model = kind.equals("multitask") ? train(kind, "--epochs", "1") : train(kind);
      CliFixture.Run r = CliFixture.run("similar", model.toString(), "--movie", "41");
      assertEquals(1, r.code(), kind + ": " + r.out());
      assertTrue(r.err().startsWith("error: Never Rated (2001) [movieId 41] has no ratings in the " + kind
          + " model's training data"), r.err());
      r = CliFixture.run("similar", model.toString(), "--movie", "1", "-k", "3");
      assertEquals(0, r.code(), kind + ": " + r.err());
      assertFalse(r.out().contains("Never Rated"), kind + " lists the never-rated movie as similar: " + r.out());
    }
  }

  @Test
  void predictSaysWhenTheMovieHasNoTrainingRatingsAndWhatItFallsBackTo() throws Exception {
    CliFixture.Run r = CliFixture.run("predict", train("baseline").toString(), "--user", "2", "--movie", "41");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("note: Never Rated (2001) [movieId 41] has no training ratings: the prediction "
        + "falls back to the global mean plus the user's bias, μ + b_u\n"), r.out());
    r = CliFixture.run("predict", train("ease").toString(), "--user", "2", "--movie", "41", "--json");
    JsonNode j = JSON.readTree(r.out());
    assertFalse(j.get("personal").asBoolean());
    assertFalse(j.get("movieHasTrainingRatings").asBoolean());
    assertTrue(j.get("userHasTrainingRatings").asBoolean());
    assertEquals("0 (nobody rated the movie, so it is similar to nothing)", j.get("fallback").asText());
    assertEquals(0.0, j.get("score").asDouble(), 0.0);
  }

  @Test
  void predictForAPersonalPairHasNoNoteAndPopularityNeverFallsBackForAKnownMovie() throws Exception {
    CliFixture.Run r = CliFixture.run("predict", train("mf").toString(), "--user", "2", "--movie", "5");
    assertEquals(0, r.code(), r.err());
    assertFalse(r.out().contains("note:"), r.out());
    r = CliFixture.run("predict", train("popularity").toString(), "--user", "2", "--movie", "5", "--json");
    assertTrue(JSON.readTree(r.out()).get("personal").asBoolean(), r.out());
    r = CliFixture.run("predict", train("popularity").toString(), "--user", "2", "--movie", "41");
    assertTrue(r.out().contains("falls back to the global mean μ"), r.out());
  }

  @Test
  void theNoteNamesBothColdSides() {
    assertEquals("user 9 and M [movieId 4] have no training ratings: the prediction falls back to μ",
        org.cinerec.serve.ServingModel.fallbackNote("9", false, "M [movieId 4]", false, "μ"));
  }
}
