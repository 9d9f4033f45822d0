package org.cinerec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cinerec.model.RatedItems;
import org.cinerec.model.Recommender;
import org.cinerec.model.ModelFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path dir;
  static Path data;
  static Path model;
  static JsonNode trained;
  /** A model with similarity between movies (baseline has none). */
  static Path mf;

  @BeforeAll
  static void trainOnce() throws Exception {
    data = CliFixture.movieLens(dir.resolve("ml"));
    model = dir.resolve("baseline.cinerec");
    CliFixture.Run r = CliFixture.run("train", data.toString(), "--model", "baseline", "--out", model.toString(),
        "--epochs", "5", "--json");
    assertEquals(0, r.code(), r.err());
    trained = JSON.readTree(r.out());
    mf = dir.resolve("mf.cinerec");
    r = CliFixture.run("train", data.toString(), "--model", "mf", "--out", mf.toString(), "--epochs", "5", "--no-eval");
    assertEquals(0, r.code(), r.err());
  }

  @Test
  void trainSavesTheModelWithItsSplitAndReportsEpochsAndTheEvaluation() throws Exception {
    assertTrue(Files.exists(model));
    assertEquals("random:0.2:42", trained.get("split").asText());
    assertEquals(5, trained.get("history").size());
    assertTrue(trained.get("evaluation").get("rating").get("rmse").asDouble() > 0);
    assertEquals("random:0.2:42", ModelFiles.load(model).model().info().split());
    assertEquals(5, trained.get("params").get("epochs").intValue());
    assertTrue(trained.get("params").get("epochs").isIntegralNumber(), trained.get("params").toString());
    assertTrue(trained.get("params").get("reg-user").isDouble(), trained.get("params").toString());
    assertEquals(data.toString(), trained.get("data").get("path").asText());
    assertEquals("movielens-csv", trained.get("data").get("format").asText());
  }

  @Test
  void trainInTextModePrintsOneLinePerEpochAndTheReport() {
    CliFixture.Run r = CliFixture.run("train", data.toString(), "--model", "popularity", "--out",
        dir.resolve("pop.cinerec").toString(), "--score", "bayes");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("epoch 1  rmse"), r.out());
    assertTrue(r.out().contains("RMSE"), r.out());
    assertTrue(r.out().contains("excluding training movies"), r.out());
  }

  @Test
  void evaluateFindsExactlyTheHeldOutPartAgain() throws Exception {
    CliFixture.Run r = CliFixture.run("evaluate", model.toString(), "--data", data.toString(), "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode e = JSON.readTree(r.out());
    JsonNode t = trained.get("evaluation");
    assertEquals(t.get("testRatings").asLong(), e.get("testRatings").asLong());
    assertEquals(t.get("rating").get("rmse").asDouble(), e.get("rating").get("rmse").asDouble(), 0.0);
    assertEquals(t.get("ranking").get("ndcg").get(1).asDouble(), e.get("ranking").get("ndcg").get(1).asDouble(), 0.0);
    assertFalse(r.err().contains("warning"), r.err());
  }

  @Test
  void evaluateDiversityRanksAsTheServiceDoesAndChecksItsValue() throws Exception {
    CliFixture.Run plain = CliFixture.run("evaluate", mf.toString(), "--data", data.toString(), "--json");
    CliFixture.Run zero = CliFixture.run("evaluate", mf.toString(), "--data", data.toString(), "--json",
        "--diversity", "0");
    assertEquals(0, zero.code(), zero.err());
    JsonNode p = JSON.readTree(plain.out());
    JsonNode z = JSON.readTree(zero.out());
    assertEquals(p.get("ranking").toString(), z.get("ranking").toString());
    CliFixture.Run r = CliFixture.run("evaluate", mf.toString(), "--data", data.toString(), "--diversity", "0.5");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("lists MMR re-ranked at diversity 0.5"), r.out());
    r = CliFixture.run("evaluate", mf.toString(), "--data", data.toString(), "--diversity", "1.5");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("error: --diversity must be between 0 and 1"), r.err());
    r = CliFixture.run("evaluate", model.toString(), "--data", data.toString(), "--diversity", "0.5");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("error: --diversity 0.5 re-ranks the lists by MMR over the model's item vectors"),
        r.err());
    assertTrue(r.err().contains("the baseline model has none"), r.err());
  }

  @Test
  void evaluateWithoutDataReadsTheDataRecordedInTheModel() throws Exception {
    CliFixture.Run r = CliFixture.run("evaluate", model.toString(), "--json", "--no-ranking");
    assertEquals(0, r.code(), r.err());
    JsonNode e = JSON.readTree(r.out());
    assertEquals(trained.get("evaluation").get("rating").get("rmse").asDouble(), e.get("rating").get("rmse").asDouble(), 0.0);
    assertTrue(e.get("ranking") == null || e.get("ranking").isNull(), r.out());
  }

  @Test
  void evaluateRefusesASplitThatDoesNotGiveTheTrainingDataUnlessForced() {
    CliFixture.Run r = CliFixture.run("evaluate", model.toString(), "--data", data.toString(), "--split",
        "random:0.2:7", "--k", "3");
    assertEquals(1, r.code(), r.err());
    assertTrue(r.err().contains("error: the training part of " + data + " under split random:0.2:7 is not the data "
        + model + " was trained on (393 ratings vs 393 ratings, fingerprints differ)"), r.err());
    assertTrue(r.err().contains("pass --force to evaluate anyway"), r.err());
    r = CliFixture.run("evaluate", model.toString(), "--data", data.toString(), "--split", "random:0.2:7", "--k", "3",
        "--force");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("warning: the training part"), r.err());
    assertTrue(r.err().contains("(evaluating anyway: --force)"), r.err());
    assertTrue(r.out().contains("precision"), r.out());
  }

  @Test
  void trainHelpListsEveryModelsParametersWithDefaults() {
    CliFixture.Run r = CliFixture.run("train", "--help");
    assertEquals(0, r.code());
    assertTrue(r.out().contains("--reg-user=<number>"), r.out());
    assertTrue(r.out().contains("[baseline] ALS: regularisation lambda_u"), r.out());
    assertTrue(r.out().contains("Default: 15.0"), r.out());
    assertTrue(r.out().contains("--damping"), r.out());
  }

  @Test
  void trainHelpHasAFlagForEveryParameterOfEveryRegisteredModel() {
    String help = CliFixture.run("train", "--help").out();
    for (org.cinerec.model.ModelFamily f : org.cinerec.model.ModelFamilies.all()) {
      assertTrue(help.contains(f.kind()), "model " + f.kind() + " missing from help");
      for (org.cinerec.model.Param p : f.params().params()) {
        assertTrue(help.contains("--" + p.name() + "="), "--" + p.name() + " (" + f.kind() + ") missing from help");
        assertTrue(help.contains("[" + f.kind() + "]"), f.kind());
      }
    }
  }

  @Test
  void impossibleParametersAndUnknownModelsAreUsageErrors() {
    CliFixture.Run r = CliFixture.run("train", data.toString(), "--model", "baseline", "--epochs", "0");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("error: --epochs must be at least 1, got 0"), r.err());
    r = CliFixture.run("train", data.toString(), "--model", "nosuch");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("unknown model \"nosuch\""), r.err());
    r = CliFixture.run("train", data.toString(), "--model", "popularity", "--reg-user", "3");
    assertEquals(2, r.code());
    assertTrue(r.err().contains("unknown parameter --reg-user; this model takes: --score, --damping"), r.err());
  }

  @Test
  void recommendLeavesOutTheUsersTrainingMovies() throws Exception {
    CliFixture.Run r = CliFixture.run("recommend", model.toString(), "--user", "1", "-k", "5", "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode recs = JSON.readTree(r.out()).get("recommendations");
    assertEquals(5, recs.size());
    Recommender m = ModelFiles.load(model).model();
    int u = m.users().indexOf("1");
    for (JsonNode rec : recs) {
      int i = m.items().indexOf(rec.get("movieId").asText());
      assertFalse(((RatedItems) m).trainingItems().contains(u, i), "recommended a rated movie " + rec);
      assertTrue(rec.get("predictedRating").isNumber());
    }
    CliFixture.Run text = CliFixture.run("recommend", model.toString(), "--user", "1", "-k", "3");
    assertTrue(text.out().contains("rank  movieId"), text.out());
  }

  @Test
  void recommendForAnUnknownUserIsAClearError() {
    CliFixture.Run r = CliFixture.run("recommend", model.toString(), "--user", "12345");
    assertEquals(1, r.code());
    assertTrue(r.err().contains("error: unknown user \"12345\": the model knows 31 users"), r.err());
  }

  @Test
  void aUserWithoutTrainingRatingsGetsTheFallbackAndIsTold() throws Exception {
    String split = CliFixture.coldUserSplit(data, dir);
    Path cold = dir.resolve("cold.cinerec");
    assertEquals(0, CliFixture.run("train", data.toString(), "--model", "baseline", "--split", split, "--out",
        cold.toString(), "--no-eval").code());
    CliFixture.Run r = CliFixture.run("predict", cold.toString(), "--user", "99", "--movie", "3");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("note: user 99 has no training ratings: the prediction falls back to the global mean "
        + "plus the movie's bias, μ + b_i"), r.out());
    r = CliFixture.run("recommend", cold.toString(), "--user", "99", "-k", "2");
    assertTrue(r.out().contains("non-personal fallback"), r.out());
    r = CliFixture.run("evaluate", cold.toString(), "--data", data.toString(), "--json");
    assertEquals(0, r.code(), r.err());
    assertEquals(1, JSON.readTree(r.out()).get("coldUserPairs").asLong());
  }

  @Test
  void similarTakesTheFirstExactTitleAndSaysWhichOthersMatched() throws Exception {
    CliFixture.Run r = CliFixture.run("similar", mf.toString(), "--movie", "toy story", "-k", "3", "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode j = JSON.readTree(r.out());
    assertEquals("1", j.at("/movie/movieId").asText());
    assertTrue(j.get("notes").get(0).asText().contains("2 movies match \"toy story\"; using Toy Story (1995)"), j.toString());
    assertEquals(3, j.get("similar").size());
  }

  @Test
  void anUnknownTitleListsCloseMatches() {
    CliFixture.Run r = CliFixture.run("similar", mf.toString(), "--movie", "Toy Strory");
    assertEquals(1, r.code());
    assertTrue(r.err().contains("error: no movie matches \"Toy Strory\"; close titles: Toy Story (1995)"), r.err());
  }

  @Test
  void predictPrintsTheRatingAndJson() throws Exception {
    CliFixture.Run r = CliFixture.run("predict", model.toString(), "--user", "2", "--movie", "1", "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode j = JSON.readTree(r.out());
    Recommender m = ModelFiles.load(model).model();
    assertEquals(m.predict(m.users().indexOf("2"), m.items().indexOf("1")), j.get("predictedRating").floatValue());
    assertTrue(j.get("personal").asBoolean());
    r = CliFixture.run("predict", model.toString(), "--user", "2", "--movie", "777");
    assertEquals(1, r.code());
    assertTrue(r.err().contains("no movie has the id or title \"777\""), r.err());
  }

  @Test
  void evaluateRefusesAModelTrainedOnEverythingWithoutASplit() {
    Path all = dir.resolve("all.cinerec");
    assertEquals(0, CliFixture.run("train", data.toString(), "--model", "popularity", "--split", "none", "--out",
        all.toString()).code());
    CliFixture.Run r = CliFixture.run("evaluate", all.toString(), "--data", data.toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("trained on all of its data"), r.err());
  }
}
