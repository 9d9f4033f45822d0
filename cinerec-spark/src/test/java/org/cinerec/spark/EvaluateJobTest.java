package org.cinerec.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cinerec.CinerecException;
import org.cinerec.Progress;
import org.cinerec.data.Dataset;
import org.cinerec.eval.EvalOptions;
import org.cinerec.eval.EvaluationReport;
import org.cinerec.eval.Evaluator;
import org.cinerec.io.DataSources;
import org.cinerec.io.LoadOptions;
import org.cinerec.model.ScoredItems;
import org.cinerec.model.mf.FactorModel;
import org.cinerec.split.HashSplit;
import org.cinerec.split.Split;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark {@code evaluate} and {@code recommend-all} jobs against the core on the same MLlib model: a
 * small file prepared by the Spark {@code prepare}, cut by {@code hash:0.25:11} on both sides, an MLlib ALS
 * trained in the job and saved, its factors imported into a core {@link FactorModel}; the core's
 * {@link Evaluator} on that model gives the job's figures to 1e-9, and the core's {@code recommend} the
 * job's rows exactly.
 */
class EvaluateJobTest {
  static final String SPLIT = "hash:0.25:11";
  static final Map<String, String> ALS = Map.of("rank", "4", "maxIter", "8", "regParam", "0.1", "seed", "7");
  @TempDir static Path dir;
  static String prepared;
  static String modelDir;
  static ALSModel model;
  static Dataset core;
  static Split split;
  static FactorModel coreModel;
  static EvaluationReport trainedHere;

  @BeforeAll
  static void prepareTrainAndImport() throws IOException {
    SparkSession spark = LocalSpark.session();
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    String before = hadoop.get("mapreduce.input.fileinputformat.split.maxsize");
    hadoop.setLong("mapreduce.input.fileinputformat.split.maxsize", 2048); // a few partitions
    try {
      Path csv = AlsFixture.writeCsv(dir.resolve("ratings.csv"));
      prepared = dir.resolve("prepared").toString();
      PrepareJob.run(spark, csv.toString(), prepared, (org.cinerec.data.RatingScale) null);
      core = DataSources.load(csv, LoadOptions.defaults().withFormat("ratings-csv"), Progress.NONE);
    } finally {
      if (before == null) {
        hadoop.unset("mapreduce.input.fileinputformat.split.maxsize");
      } else {
        hadoop.set("mapreduce.input.fileinputformat.split.maxsize", before);
      }
    }
    EvaluateJob.Result trained = EvaluateJob.run(spark, new EvaluateJob.Options(prepared, null,
        ALS, SPLIT, EvalOptions.defaults(), null, null));
    model = trained.model();
    trainedHere = trained.report();
    modelDir = dir.resolve("als").toString();
    model.write().overwrite().save(modelDir);
    split = new HashSplit(0.25, 11).apply(core);
    coreModel = AlsFixture.coreModel(model, split.trainSet(core), ALS, SPLIT);
  }

  @Test
  void sparkEvaluateGivesTheCoreEvaluatorsFiguresForTheSameModel() {
    SparkSession spark = LocalSpark.session();
    EvalOptions[] all = {EvalOptions.defaults(), EvalOptions.defaults().withKs(1, 3, 10, 100).withRelevanceThreshold(3.5)};
    for (EvalOptions options : all) {
      // the defaults: the model trained in the job; the threshold: the same model loaded from its folder
      EvaluationReport s = options == all[0] ? trainedHere : EvaluateJob.run(spark,
          new EvaluateJob.Options(prepared, modelDir, null, SPLIT, options, null, null)).report();
      EvaluationReport c = new Evaluator(options).evaluate(coreModel, split.trainSet(core), split.test());
      String msg = "ks " + java.util.Arrays.toString(options.ks()) + ", threshold " + options.relevanceThreshold() + "\nspark:\n" + s.toTable() + "\ncore:\n" + c.toTable();
      assertEquals(c.trainRatings(), s.trainRatings(), msg);
      assertEquals(c.testRatings(), s.testRatings(), msg);
      assertEquals(c.coldUserPairs(), s.coldUserPairs(), msg);
      assertEquals(c.coldItemPairs(), s.coldItemPairs(), msg);
      assertEquals(c.fallbackPairs(), s.fallbackPairs(), msg);
      assertTrue(c.coldUserPairs() > 0 && c.coldItemPairs() > 0, "the fixture has unseen users and movies: " + msg);
      assertEquals(c.rating().rmse(), s.rating().rmse(), 1e-9, msg);
      assertEquals(c.rating().mae(), s.rating().mae(), 1e-9, msg);
      assertEquals(c.rating().clipMin(), s.rating().clipMin(), msg);
      assertEquals(c.rating().clipMax(), s.rating().clipMax(), msg);
      assertEquals(c.accuracy().pairs(), s.accuracy().pairs(), msg);
      assertEquals(c.accuracy().unrankablePairs(), s.accuracy().unrankablePairs(), msg);
      assertArrayEquals(c.accuracy().all(), s.accuracy().all(), 1e-9, msg);
      assertArrayEquals(c.accuracy().excludingTrain(), s.accuracy().excludingTrain(), 1e-9, msg);
      EvaluationReport.RankingMetrics cr = c.ranking();
      EvaluationReport.RankingMetrics sr = s.ranking();
      assertEquals(cr.users(), sr.users(), msg);
      assertEquals(cr.coldUsers(), sr.coldUsers(), msg);
      assertTrue(cr.users() > 20 && cr.coldUsers() > 0, msg);
      assertEquals(cr.relevanceThreshold(), sr.relevanceThreshold(), msg);
      assertArrayEquals(cr.ks(), sr.ks(), msg);
      assertArrayEquals(cr.precision(), sr.precision(), 1e-9, msg);
      assertArrayEquals(cr.recall(), sr.recall(), 1e-9, msg);
      assertArrayEquals(cr.ndcg(), sr.ndcg(), 1e-9, msg);
      assertArrayEquals(cr.map(), sr.map(), 1e-9, msg);
      assertArrayEquals(cr.hitRate(), sr.hitRate(), 1e-9, msg);
      assertArrayEquals(cr.coverage(), sr.coverage(), 1e-9, msg);
      assertArrayEquals(cr.avgPopularity(), sr.avgPopularity(), 1e-9, msg);
      assertEquals(cr.mrr(), sr.mrr(), 1e-9, msg);
      assertEquals(cr.catalogMeanPopularity(), sr.catalogMeanPopularity(), 1e-9, msg);
      assertTrue(cr.ndcg()[cr.ndcg().length - 1] > 0, msg);
    }
  }

  @Test
  void recommendAllGivesTheCoresTopKForEveryUserWithTrainingMoviesLeftOut() {
    SparkSession spark = LocalSpark.session();
    PreparedRatings.Loaded data = PreparedRatings.read(spark, prepared, null);
    org.apache.spark.sql.Dataset<Row> train =
        PreparedRatings.train(PreparedRatings.withTest(data, data.ratings(), PreparedRatings.split(SPLIT)));
    int items = coreModel.items().size();
    for (int k : new int[] {5, items + 10}) {
      Map<Integer, List<Row>> byUser = new HashMap<>();
      for (Row r : RecommendAllJob.recommend(spark, model, train, k).collectAsList()) {
        byUser.computeIfAbsent(r.getInt(0), u -> new ArrayList<>()).add(r);
      }
      assertEquals(coreModel.users().size(), byUser.size(), "every user of the model, k " + k);
      for (int u = 0; u < coreModel.users().size(); u++) {
        int userId = Integer.parseInt(coreModel.users().id(u));
        ScoredItems want = coreModel.recommend(u, k, coreModel.trainingItems().filter());
        List<Row> got = byUser.get(userId);
        got.sort((a, b) -> Integer.compare(a.getInt(1), b.getInt(1)));
        assertEquals(want.size(), got.size(), "user " + userId + ", k " + k);
        assertEquals(Math.min(k, items - coreModel.trainingItems().count(u)), got.size(), "user " + userId);
        for (int j = 0; j < want.size(); j++) {
          Row r = got.get(j);
          assertEquals(j + 1, r.getInt(1));
          assertEquals(coreModel.items().id(want.items()[j]), Integer.toString(r.getInt(2)),
              "user " + userId + " rank " + (j + 1) + ", k " + k);
          assertEquals(want.scores()[j], r.getFloat(3), "user " + userId + " rank " + (j + 1));
          assertTrue(!coreModel.trainingItems().contains(u, want.items()[j]), "a seen movie recommended");
        }
      }
    }
    String out = dir.resolve("recs").toString();
    assertEquals((long) coreModel.users().size() * 5, RecommendAllJob.run(spark, model, train, 5, out) , out);
  }

  @Test
  void aSplitOtherThanHashAMissingFolderAndAnUnknownFlagAreErrorsNamingWhatToGive() {
    CinerecException e = assertThrows(CinerecException.class,
        () -> SparkJobs.run(new String[] {"evaluate", prepared, "--split", "random:0.2:42"}));
    assertEquals(CinerecException.Kind.USAGE, e.kind());
    assertTrue(e.getMessage().contains("hash:FRACTION:SEED"), e.getMessage());
    e = assertThrows(CinerecException.class, () -> SparkJobs.run(new String[] {"evaluate", dir.resolve("nope").toString()}));
    assertTrue(e.getMessage().contains("nope/ratings.parquet: no such file"), e.getMessage());
    e = assertThrows(CinerecException.class,
        () -> SparkJobs.run(new String[] {"recommend-all", prepared, "out", "--top", "5"}));
    assertTrue(e.getMessage().contains("unknown option --top"), e.getMessage());
  }
}
