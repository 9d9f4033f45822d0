package org.cinerec.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.cinerec.Progress;
import org.cinerec.data.DataFingerprint;
import org.cinerec.data.Dataset;
import org.cinerec.data.IdIndex;
import org.cinerec.eval.EvalOptions;
import org.cinerec.eval.EvaluationReport;
import org.cinerec.eval.Evaluator;
import org.cinerec.io.ColumnMapping;
import org.cinerec.io.DataSources;
import org.cinerec.io.LoadOptions;
import org.cinerec.model.ModelFiles;
import org.cinerec.model.Recommender;
import org.cinerec.model.ScoredItems;
import org.cinerec.model.TrainedModel;
import org.cinerec.serve.RankedMovie;
import org.cinerec.serve.RecommendRequest;
import org.cinerec.serve.Recommendations;
import org.cinerec.serve.ServingModel;
import org.cinerec.serve.Subject;
import org.cinerec.split.Split;
import org.cinerec.split.SplitSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text ids through every job: a generic CSV whose user ids are names (and one zero-padded number written
 * two ways) and whose movie ids are IMDb-like text is prepared on Spark ({@code string} columns), trained
 * with {@code train-als --split hash:0.25:7}, measured by the Spark {@code evaluate}, ranked by
 * {@code recommend-all} and exported; the core then reads the same CSV, cuts the same split (the training
 * part's fingerprint is the model's), evaluates the model file (RMSE equal to Spark's within 1e-4), finds
 * the CSV's own ids in the model's vocabularies, serves a named user, and gives {@code recommend-all}'s rows.
 */
class TextIdsTest {
  static final String SPLIT = "hash:0.25:7";
  static final ColumnMapping COLUMNS = new ColumnMapping("user", "movie", "stars", "ts", ",", true);

  @TempDir Path dir;

  /** 40 users × 10-16 of 30 movies, half stars; user "007" is also spelled "7". */
  static String fixture() {
    Random rnd = new Random(7);
    StringBuilder s = new StringBuilder("user,movie,stars,ts\n");
    for (int u = 0; u < 40; u++) {
      String user = u == 0 ? "007" : "user-" + (char) ('a' + u % 26) + u;
      Set<Integer> rated = new HashSet<>();
      int n = 10 + rnd.nextInt(7);
      while (rated.size() < n) {
        rated.add(rnd.nextInt(30));
      }
      int taste = rnd.nextInt(3);
      for (int m : rated) {
        double r = Math.min(5, Math.max(0.5, Math.round(2 * (2.5 + taste * 0.7 + (m % 5) * 0.4 + rnd.nextGaussian()))
            / 2.0));
        String name = u == 0 && m % 2 == 1 ? "7" : user;
        s.append(name).append(",tt").append(String.format(java.util.Locale.ROOT, "%07d", 100 + m * 37)).append(',').append(r).append(',')
            .append(1_000_000 + u * 100 + m).append('\n');
      }
    }
    return s.toString();
  }

  @Test
  void textIdsTrainEvaluateRecommendAndExportAsTheCoreReadsThem() throws IOException {
    SparkSession spark = LocalSpark.session();
    Path csv = dir.resolve("ratings.txt");
    Files.writeString(csv, fixture(), StandardCharsets.UTF_8);
    String prep = dir.resolve("prep").toString();
    PrepareJob.run(spark, csv.toString(), prep, new PrepareJob.Options(null, null, false, COLUMNS));
    org.apache.spark.sql.Dataset<Row> parquet = spark.read().parquet(prep + "/ratings.parquet");
    assertEquals(DataTypes.StringType, parquet.schema().apply("userId").dataType());
    assertEquals(DataTypes.StringType, parquet.schema().apply("movieId").dataType());

    String als = dir.resolve("als").toString();
    Map<String, String> params = Map.of("rank", "4", "maxIter", "8", "regParam", "0.1", "seed", "3");
    TrainAlsJob.run(spark, prep, als, params, null, SPLIT);
    EvaluationReport spk = EvaluateJob.run(spark, new EvaluateJob.Options(prep, als, null, SPLIT,
        EvalOptions.defaults(), null, null)).report();
    String recs = dir.resolve("recs").toString();
    assertEquals(0, SparkJobs.run(new String[] {"recommend-all", prep, recs, "--model", als, "--split", SPLIT,
        "--k", "5"}));
    Path file = dir.resolve("als.cinerec");
    ExportJob.run(spark, als, file.toString());

    // the core: cinerec evaluate als.cinerec --data ratings.txt --user-col user ... --split hash:0.25:7
    ModelFiles.Saved saved = ModelFiles.load(file, "als");
    Recommender model = saved.model();
    Dataset all = DataSources.load(csv, LoadOptions.defaults().withColumns(COLUMNS), Progress.NONE);
    Split parts = SplitSpec.parse(SPLIT).apply(all);
    Dataset train = parts.trainSet(all);
    assertEquals(DataFingerprint.of(train), model.info().dataFingerprint(), "the core's training part is the model's");
    assertEquals(ids(train.users()), ids(model.users()), "the users as the CSV spells them");
    assertEquals(ids(train.items()), ids(model.items()), "the movies as the CSV spells them");
    assertTrue(ids(model.users()).contains("007") && !ids(model.users()).contains("7"), ids(model.users()).toString());
    EvaluationReport core = new Evaluator(EvalOptions.defaults()).evaluate(model, train, parts.test());
    assertEquals(spk.testRatings(), core.testRatings());
    assertEquals(spk.rating().rmse(), core.rating().rmse(), 1e-4, "Spark's evaluate vs cinerec evaluate");
    assertEquals(spk.rating().mae(), core.rating().mae(), 1e-4);

    // recommend-all: text ids, the core's top 5 of every user
    org.apache.spark.sql.Dataset<Row> rows = spark.read().parquet(recs);
    assertEquals(DataTypes.StringType, rows.schema().apply("userId").dataType());
    assertEquals(DataTypes.StringType, rows.schema().apply("movieId").dataType());
    Map<String, List<Row>> byUser = new HashMap<>();
    for (Row r : rows.collectAsList()) {
      byUser.computeIfAbsent(r.getString(0), u -> new ArrayList<>()).add(r);
    }
    TrainedModel tm = (TrainedModel) model;
    assertEquals(model.users().size(), byUser.size());
    for (int u = 0; u < model.users().size(); u++) {
      String user = model.users().id(u);
      ScoredItems want = model.recommend(u, 5, tm.trainingItems().filter());
      List<Row> got = byUser.get(user);
      got.sort((a, b) -> Integer.compare(a.getInt(1), b.getInt(1)));
      assertEquals(want.size(), got.size(), user);
      for (int j = 0; j < want.size(); j++) {
        assertEquals(model.items().id(want.items()[j]), got.get(j).getString(2), user + " rank " + (j + 1));
        assertEquals(want.scores()[j], got.get(j).getFloat(3), user + " rank " + (j + 1));
      }
    }

    // cinerec serve als.cinerec: a named user, asked for by the other spelling of a number too
    ServingModel serving = ServingModel.of(model, saved.catalog());
    Recommendations top = serving.recommend(RecommendRequest.builder(new Subject.User("user-b1")).k(5).build());
    assertTrue(top.personal());
    assertEquals(5, top.recommendations().size());
    Set<String> seen = new HashSet<>();
    int ub = train.users().indexOf("user-b1");
    for (int t = 0; t < train.ratings().size(); t++) {
      if (train.ratings().user(t) == ub) {
        seen.add(train.items().id(train.ratings().item(t)));
      }
    }
    for (RankedMovie m : top.recommendations()) {
      assertTrue(m.movieId().startsWith("tt"), m.toString());
      assertFalse(seen.contains(m.movieId()), "user-b1 rated " + m.movieId() + " in training");
    }
    assertTrue(serving.recommend(RecommendRequest.builder(new Subject.User("7")).k(5).build()).personal());
  }

  private static Set<String> ids(IdIndex index) {
    return new HashSet<>(java.util.Arrays.asList(index.ids()));
  }
}
