package org.cinerec.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cinerec.Progress;
import org.cinerec.data.DataFingerprint;
import org.cinerec.data.Dataset;
import org.cinerec.data.Ratings;
import org.cinerec.io.DataSources;
import org.cinerec.io.LoadOptions;
import org.cinerec.model.ModelFamilies;
import org.cinerec.model.ModelFiles;
import org.cinerec.model.Recommender;
import org.cinerec.split.Split;
import org.cinerec.split.SplitSpec;
import org.cinerec.testkit.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ml-latest-small, the split {@code hash:0.2:42} (cut by {@code train-als} in Spark and by the core: the
 * same rows, so the same fingerprint): MLlib ALS trained by {@code train-als} on the training part and exported, against cinerec's own {@code als} with the same parameters (rank 10, 10
 * iterations, regParam 0.1, seed 42) and Spark's own initial factors ({@code init=spark}); both scored by
 * the same code (clipped predictions, μ for unknown pairs) on the same test ratings: RMSE within 0.005.
 * Fails in CI when the data is missing (SharedData).
 */
class AlsParityTest {
  @TempDir Path dir;

  @Test
  void exportedSparkAlsAndCinerecsAlsGiveTheSameRmseOnMlLatestSmall() throws IOException {
    Dataset all = DataSources.load(SharedData.mlLatestSmall(), LoadOptions.defaults(), Progress.NONE);
    Split split = SplitSpec.parse("hash:0.2:42").apply(all);
    Dataset train = split.trainSet(all);

    SparkSession spark = LocalSpark.session();
    Ratings r = all.ratings(); // all of it: train-als cuts the same training part by itself
    List<Row> rows = new ArrayList<>(r.size());
    for (int t = 0; t < r.size(); t++) {
      rows.add(RowFactory.create(Integer.parseInt(all.users().key(r.user(t))),
          Integer.parseInt(all.items().key(r.item(t))), r.rating(t)));
    }
    StructType schema = new StructType().add("userId", DataTypes.IntegerType, false)
        .add("movieId", DataTypes.IntegerType, false).add("rating", DataTypes.FloatType, false);
    Path prep = dir.resolve("prep");
    spark.createDataFrame(rows, schema).write().parquet(prep.resolve("ratings.parquet").toString());
    Files.writeString(prep.resolve("report.json"), String.format(Locale.ROOT,
        "{\"scale\":{\"min\":%s,\"max\":%s,\"step\":%s,\"source\":\"format\"}}%n", all.scale().min(), all.scale().max(),
        all.scale().step()), StandardCharsets.UTF_8);

    long t0 = System.nanoTime();
    String modelDir = dir.resolve("model").toString();
    TrainAlsJob.Result t = TrainAlsJob.run(spark, prep.toString(), modelDir,
        Map.of("rank", "10", "maxIter", "10", "regParam", "0.1", "seed", "42"), null, "hash:0.2:42");
    assertEquals(train.ratings().size(), t.ratings(), "train-als's training part is the core's");
    Path file = dir.resolve("spark-als.cinerec");
    ExportJob.run(spark, modelDir, file.toString());
    double sparkSeconds = (System.nanoTime() - t0) / 1e9;
    Recommender exported = ModelFiles.load(file, "als").model();
    assertEquals(DataFingerprint.of(train), exported.info().dataFingerprint(),
        "the export's fingerprint is the core's of the same training ratings");
    assertEquals("hash:0.2:42", exported.info().split());

    t0 = System.nanoTime();
    Recommender own = ModelFamilies.trainer("als", Map.of("factors", "10", "iterations", "10", "reg", "0.1",
        "seed", "42", "init", "spark")).fit(train);
    double ownSeconds = (System.nanoTime() - t0) / 1e9;

    double sparkRmse = rmse(exported, all, split.test());
    double ownRmse = rmse(own, all, split.test());
    System.out.printf(Locale.ROOT, "ml-latest-small hash:0.2:42 (%,d test ratings), rank 10, 10 iterations, reg 0.1, seed 42: "
        + "exported Spark ALS RMSE %.5f (train-als + export %.1f s), cinerec als init=spark RMSE %.5f (%.1f s)%n",
        split.test().size(), sparkRmse, sparkSeconds, ownRmse, ownSeconds);
    assertTrue(Math.abs(sparkRmse - ownRmse) < 0.005, "RMSE " + sparkRmse + " vs " + ownRmse);
  }

  /** RMSE of a model's (clipped) predictions on test ratings, pairs matched by id. */
  static double rmse(Recommender m, Dataset data, Ratings test) {
    double sse = 0;
    for (int t = 0; t < test.size(); t++) {
      int u = m.users().indexOf(data.users().id(test.user(t)));
      int i = m.items().indexOf(data.items().id(test.item(t)));
      double e = test.rating(t) - m.predict(u, i);
      sse += e * e;
    }
    return Math.sqrt(sse / test.size());
  }
}
