package org.cinerec.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cinerec.CinerecException;
import org.cinerec.data.Dataset;
import org.cinerec.eval.Evaluator;
import org.cinerec.eval.ProtocolResult;
import org.cinerec.model.ModelFamilies;
import org.cinerec.model.Recommender;
import org.cinerec.model.Trainer;
import org.cinerec.split.Split;
import org.cinerec.split.SplitSpec;
import org.cinerec.model.ModelFiles;
import org.cinerec.train.TrainingListener;
import org.cinerec.viz.chart.ModelCharts;
import org.cinerec.viz.stats.EmbeddingMap;
import org.cinerec.viz.stats.LearningCurves;
import org.cinerec.viz.stats.Leaderboard;
import org.cinerec.viz.stats.Residuals;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model pictures from real models trained on the synthetic data and read back from their files. */
class ModelPicturesTest {
  private static Dataset data;
  private static Split split;
  private static ModelPictures.Model mf;
  private static ModelPictures.Model popularity;

  @BeforeAll
  static void train(@TempDir Path dir) {
    data = Fixtures.synthetic();
    split = SplitSpec.parse("random:0.2:42").apply(data);
    mf = trainAndReload(dir, "mf", Map.of("factors", "8", "epochs", "6"));
    popularity = trainAndReload(dir, "popularity", Map.of());
  }

  private static ModelPictures.Model trainAndReload(Path dir, String kind, Map<String, String> params) {
    Trainer t = ModelFamilies.trainer(kind, params);
    Recommender m = t.fit(split.trainSet(data), split.test(), TrainingListener.NONE);
    Recommender withSplit = new SplitRecorded(m, m.info().withSplit(split.spec()));
    Path file = dir.resolve(kind + ".cinerec");
    ModelFiles.save(file, withSplit, data.catalog());
    return new ModelPictures.Model(kind, ModelFiles.load(file));
  }

  @Test
  void learningCurvesHoldOnePointPerEpochOfTheHistory() {
    LearningCurves c = LearningCurves.of("mf", mf.saved().model().info());
    assertEquals(6, c.epochs().length);
    assertTrue(c.names().size() >= 1, c.names().toString());
    PixelCheck.assertDrawn(ModelCharts.learningCurves(c));
  }

  @Test
  void multitaskLossesAndRatingErrorsGetPanelsOfTheirOwnWithEveryNameInALegend() {
    java.util.List<org.cinerec.model.ModelInfo.EpochRecord> history = new java.util.ArrayList<>();
    for (int e = 1; e <= 4; e++) {
      java.util.Map<String, Double> m = new java.util.LinkedHashMap<>();
      m.put("loss", 7000.0 - 300 * e);
      m.put("rating_mse", 1.6 - 0.2 * e);
      m.put("retrieval_ce", 6999.0 - 300 * e);
      m.put("val_loss", 6900.0 - 50 * e);
      m.put("val_retrieval_ce", 6899.0 - 50 * e);
      m.put("val_rmse", 1.05 - 0.03 * e);
      m.put("val_mae", 0.86 - 0.03 * e);
      m.put("top100_accuracy", 0.1 + 0.01 * e);
      history.add(new org.cinerec.model.ModelInfo.EpochRecord(e, 0.5, m));
    }
    var info = new org.cinerec.model.ModelInfo("multitask", Map.of(), 1, 0, 0, "f", List.of(), null, "v", "17", "now", 0,
        history, 0.5, 5.0);
    LearningCurves c = LearningCurves.of("multitask", info);
    assertEquals(List.of("loss", "retrieval_ce", "val_loss", "val_retrieval_ce"), List.copyOf(c.losses().keySet()));
    assertEquals(List.of("rating_mse", "val_rmse", "val_mae"), List.copyOf(c.ratingErrors().keySet()));
    assertEquals(List.of("top100_accuracy"), List.copyOf(c.others().keySet()));
    org.cinerec.viz.chart.StackedFigure f = (org.cinerec.viz.chart.StackedFigure) ModelCharts.learningCurves(c);
    assertEquals(3, f.panels().size());
    // the picture names the held-out part as train prints it: test_*, not the history's val_*
    assertEquals(List.of("loss", "retrieval_ce", "test_loss", "test_retrieval_ce"),
        f.panels().get(0).getSeriesCollection().stream().map(x -> x.getName()).toList());
    assertEquals(List.of("rating_mse", "test_rmse", "test_mae"),
        f.panels().get(1).getSeriesCollection().stream().map(x -> x.getName()).toList());
    for (var panel : f.panels()) {
      assertEquals(org.knowm.xchart.style.Styler.LegendPosition.OutsideE, panel.getStyler().getLegendPosition());
      assertEquals(org.knowm.xchart.style.Styler.LegendLayout.Vertical, panel.getStyler().getLegendLayout());
    }
    assertEquals(1000, f.width());
    PixelCheck.assertDrawn(f);
    PixelCheck.assertSvg(f);
  }

  @Test
  void residualsAreComputedOnTheHeldOutPartRecordedInTheModel() {
    ModelPictures.EvalPart part = ModelPictures.evalPart(mf.saved().model().info(), data);
    assertEquals(split.test().size(), part.ratings().size());
    assertTrue(part.description().contains("random:0.2:42"), part.description());
    assertTrue(!part.description().contains("warning"), part.description());
    Residuals r = Residuals.of("mf", mf.saved().model(), part.ratings(), data.users(), data.items(), data.scale(), "test", 1);
    long binned = 0;
    for (long c : r.count()) {
      binned += c;
    }
    assertEquals(part.ratings().size(), r.pairs());
    assertEquals(r.pairs(), binned);
    assertTrue(r.rmse() > 0 && r.rmse() < 2, "rmse " + r.rmse());
    assertTrue(r.mae() <= r.rmse());
    assertEquals(Math.min(Residuals.SAMPLE, r.pairs()), r.sampleX().length);
    PixelCheck.assertDrawn(ModelCharts.residuals(r));
  }

  @Test
  void theEmbeddingMapProjectsMovieVectorsOnTwoComponents() {
    EmbeddingMap m = EmbeddingMap.of("mf", mf.saved().model(), mf.saved().catalog(),
        ModelPictures.popularity(mf.saved().model(), data));
    assertTrue(m.size() > 10);
    assertTrue(m.explained()[0] >= m.explained()[1] - 1e-9, "components ordered by variance");
    assertTrue(m.explained()[0] + m.explained()[1] <= 1 + 1e-9);
    PixelCheck.assertDrawn(ModelCharts.embeddings(m));
  }

  @Test
  void aCatalogueWithoutAnyMetadataStillGetsItsMapUnderMovieIds() {
    org.cinerec.model.Recommender model = mf.saved().model();
    org.cinerec.data.Catalog.Builder bare = org.cinerec.data.Catalog.builder();
    for (int i = 0; i < model.items().size(); i++) {
      bare.addPlaceholder(model.items().id(i));
    }
    org.cinerec.data.Catalog catalog = bare.build();
    int[] popularity = ModelPictures.popularity(model, data);
    EmbeddingMap m = EmbeddingMap.of("mf", model, catalog, popularity);
    assertEquals(Math.min(EmbeddingMap.MAX_MOVIES, (int) java.util.Arrays.stream(popularity).filter(c -> c > 0).count()),
        m.size(), "every rated movie may be shown");
    assertEquals(0, m.genres().length);
    assertTrue(m.titles()[0].startsWith("movie "), m.titles()[0]);
    PixelCheck.assertDrawn(ModelCharts.embeddings(m));
  }

  @Test
  void aModelWithoutVectorsOrHistoryIsSkippedWithTheReason() {
    List<String> skipped = new ArrayList<>();
    List<Figure> figs = ModelPictures.of(data, List.of(mf, popularity), null, 42, skipped::add);
    assertTrue(figs.stream().anyMatch(f -> f.name().equals("embeddings-mf")));
    assertTrue(skipped.stream().anyMatch(s -> s.startsWith("embeddings of popularity")), skipped.toString());
    for (Figure f : figs) {
      PixelCheck.assertDrawn(f);
    }
  }

  @Test
  void theLeaderboardIsReadFromCompareOutput() throws Exception {
    Evaluator ev = new Evaluator();
    ProtocolResult a = ProtocolResult.of("mf", Map.of("factors", "8"), split.spec(),
        List.of(ev.evaluate(mf.saved().model(), split.trainSet(data), split.test())));
    ProtocolResult b = ProtocolResult.of("popularity", Map.of(), split.spec(),
        List.of(ev.evaluate(popularity.saved().model(), split.trainSet(data), split.test())));
    String json = new ObjectMapper().writeValueAsString(List.of(a, b));
    Leaderboard board = Leaderboard.parse(json, "board.json");
    assertEquals(List.of("mf", "popularity"), board.entries().stream().map(Leaderboard.Entry::label).toList());
    assertEquals(a.mean("rmse"), board.entries().get(0).mean().get("rmse"), 1e-12);
    assertEquals(a.mean("top10_accuracy"), Leaderboard.topK(board.entries().get(0), false).get(10), 1e-12);
    assertTrue(board.hasTopKCurves());
    PixelCheck.assertDrawn(ModelCharts.topKAccuracy(board));
  }

  @Test
  void compareLabelsAreKeptAndRepeatedLabelsTellTheirParametersApart() {
    String one = "{\"label\": \"%s\", \"model\": \"mf\", \"params\": {\"factors\": \"%s\"}, \"protocol\": \"p\", "
        + "\"folds\": [], \"summary\": {\"rmse\": {\"mean\": 0.9, \"std\": 0.01, \"min\": 0.89, \"max\": 0.91}}, "
        + "\"extra\": 1}";
    Leaderboard board = Leaderboard.parse("[" + String.format(Locale.ROOT, one, "mf@small", "8") + ", " + String.format(Locale.ROOT, one, "mf", "8")
        + ", " + String.format(Locale.ROOT, one, "mf", "64") + "]", "b.json");
    assertEquals(List.of("mf@small", "mf (factors=8)", "mf (factors=64)"),
        board.entries().stream().map(Leaderboard.Entry::label).toList());
    assertEquals(0.01, board.entries().get(0).std().get("rmse"), 1e-12);
    assertTrue(!board.hasTopKCurves());
  }

  @Test
  void compareJsonWithItsDataTypedParametersAndNullForNaNIsRead() {
    String json = "{\"data\": {\"path\": \"ml-latest-small\", \"format\": \"movielens-csv\"}, \"protocol\": \"p\", "
        + "\"results\": [{\"label\": \"multitask\", \"model\": \"multitask\", \"params\": {\"layers\": [256, 128], "
        + "\"learning-rate\": 0.1, \"logq\": true, \"optimizer\": \"adagrad\"}, \"protocol\": \"p\", \"folds\": [], "
        + "\"summary\": {\"rmse\": {\"mean\": 0.9, \"std\": 0.0, \"min\": 0.9, \"max\": 0.9}, "
        + "\"mrr\": {\"mean\": null, \"std\": null, \"min\": null, \"max\": null}}}]}";
    Leaderboard board = Leaderboard.parse(json, "board.json");
    Leaderboard.Entry e = board.entries().get(0);
    assertEquals(Map.of("layers", "256,128", "learning-rate", "0.1", "logq", "true", "optimizer", "adagrad"), e.params());
    assertEquals(0.9, e.mean().get("rmse"), 0.0);
    assertTrue(Double.isNaN(e.mean().get("mrr")), "null is NaN, not 0: " + e.mean());
  }

  @Test
  void evaluateAndTrainJsonAreLeaderboardsToo() throws Exception {
    var report = new Evaluator().evaluate(mf.saved().model(), split.trainSet(data), split.test());
    ObjectMapper json = new ObjectMapper();
    Leaderboard one = Leaderboard.parse(json.writeValueAsString(report), "e.json");
    assertEquals(report.metrics().get("rmse"), one.entries().get(0).mean().get("rmse"), 1e-12);
    Leaderboard nested = Leaderboard.parse(json.writeValueAsString(Map.of("model", "mf", "split", "random:0.2:42",
        "evaluation", report)), "t.json");
    assertEquals("random:0.2:42", nested.entries().get(0).protocol());
    assertEquals(report.metrics().get("top10_accuracy"), Leaderboard.topK(nested.entries().get(0), false).get(10), 1e-12);
  }

  @Test
  void aPlainMapOfTopKAccuracyIsALeaderboardToo() {
    Leaderboard board = Leaderboard.parse("{\"mf\": {\"1\": 0.01, \"10\": 0.05, \"100\": 0.2}, "
        + "\"popularity\": {\"1\": 0.02, \"10\": 0.07, \"100\": 0.25}}", "x.json");
    assertEquals(2, board.entries().size());
    assertEquals(List.of(1, 10, 100), new ArrayList<>(Leaderboard.topK(board.entries().get(1), false).keySet()));
    assertEquals(0.25, Leaderboard.topK(board.entries().get(1), false).get(100));
    PixelCheck.assertDrawn(ModelCharts.topKAccuracy(board));
  }

  @Test
  void aBadLeaderboardIsAClearError() {
    CinerecException e = assertThrows(CinerecException.class, () -> Leaderboard.parse("[1, 2]", "b.json"));
    assertTrue(e.getMessage().startsWith("b.json: not a leaderboard"), e.getMessage());
    e = assertThrows(CinerecException.class, () -> Leaderboard.parse("{oops", "b.json"));
    assertTrue(e.getMessage().startsWith("b.json: not JSON"), e.getMessage());
  }
}
