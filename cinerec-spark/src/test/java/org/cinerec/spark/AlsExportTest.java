package org.cinerec.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cinerec.CinerecException;
import org.cinerec.model.ModelFiles;
import org.cinerec.model.Recommender;
import org.cinerec.model.mf.FactorModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train-als} → {@code export} → the core's {@link ModelFiles}: the cinerec model scores every
 * (user, movie) pair as MLlib's {@code ALSModel.transform} predicts it (to 1e-5), explicit and implicit;
 * {@code import-als} of the same saved folder with the data as a ratings CSV gives the same model.
 */
class AlsExportTest {
  @TempDir Path dir;

  /** 40 users × 25 movies, about 40% rated, half stars 1..5, from fixed formulas (a known input). */
  static List<Row> fixture() {
    List<Row> rows = new ArrayList<>();
    for (int u = 1; u <= 40; u++) {
      for (int m = 1; m <= 25; m++) {
        if ((u * 31 + m * 17) % 5 < 2) {
          float r = 1 + ((u * 7 + m * 13 + (u % 3) * m) % 9) / 2f;
          rows.add(RowFactory.create(u, m * 10, r, 1_000_000L + u * 100 + m));
        }
      }
    }
    return rows;
  }

  private String prepared(SparkSession spark, List<Row> rows) throws IOException {
    StructType schema = new StructType().add("userId", DataTypes.IntegerType, false)
        .add("movieId", DataTypes.IntegerType, false).add("rating", DataTypes.FloatType, false)
        .add("timestamp", DataTypes.LongType, false);
    Path prep = dir.resolve("prep");
    spark.createDataFrame(rows, schema).repartition(3).write().parquet(prep.resolve("ratings.parquet").toString());
    Files.writeString(prep.resolve("report.json"), "{\"scale\":{\"min\":1.0,\"max\":5.0,\"step\":0.5,\"source\":\"inferred\"}}\n",
        StandardCharsets.UTF_8);
    StringBuilder csv = new StringBuilder("userId,movieId,rating,timestamp\n");
    for (Row r : rows) {
      csv.append(r.getInt(0)).append(',').append(r.getInt(1)).append(',').append(r.getFloat(2)).append(',')
          .append(r.getLong(3)).append('\n');
    }
    Files.writeString(dir.resolve("ratings.csv"), csv, StandardCharsets.UTF_8);
    return prep.toString();
  }

  /** Every pair's MLlib prediction against the loaded model's score (and clipped prediction). */
  private static int checkEveryPair(SparkSession spark, String modelDir, FactorModel m) {
    ALSModel mllib = ALSModel.load(modelDir);
    List<Row> preds = mllib.transform(mllib.userFactors().selectExpr("id AS userId")
        .crossJoin(mllib.itemFactors().selectExpr("id AS movieId"))).collectAsList();
    assertEquals((long) m.users().size() * m.items().size(), preds.size());
    float[] scores = new float[m.items().size()];
    float lo = (float) m.info().ratingMin();
    float hi = (float) m.info().ratingMax();
    for (Row r : preds) {
      int u = m.users().indexOf(Integer.toString(r.getInt(0)));
      int i = m.items().indexOf(Integer.toString(r.getInt(1)));
      float p = r.getFloat(2);
      m.scoreItems(u, scores);
      assertEquals(p, scores[i], 1e-5, "user " + r.getInt(0) + " movie " + r.getInt(1));
      float expected = m.predictsRatings() ? Math.max(lo, Math.min(hi, p)) : p;
      assertEquals(expected, m.predict(u, i), 1e-5);
    }
    return preds.size();
  }

  @Test
  void anExportedModelScoresEveryPairAsMllibPredictsIt() throws IOException {
    SparkSession spark = LocalSpark.session();
    List<Row> rows = fixture();
    String prep = prepared(spark, rows);
    Map<String, String> p = new LinkedHashMap<>(Map.of("rank", "4", "maxIter", "4", "regParam", "0.05", "seed", "7",
        "numUserBlocks", "2", "numItemBlocks", "3", "checkpointInterval", "2"));
    String modelDir = dir.resolve("model").toString();
    TrainAlsJob.Result t = TrainAlsJob.run(spark, prep, modelDir, p, dir.resolve("checkpoints").toString());
    assertEquals(rows.size(), t.ratings());
    assertTrue(t.trainRmse() > 0 && t.trainRmse() < 1.0, "training RMSE " + t.trainRmse());
    assertTrue(Files.exists(dir.resolve("model/metadata")) && Files.exists(dir.resolve("model/cinerec-train.json")));

    Path file = dir.resolve("als.cinerec");
    ExportJob.Result e = ExportJob.run(spark, modelDir, file.toString());
    assertEquals(0, e.skipped());
    FactorModel m = (FactorModel) ModelFiles.load(file, "als").model();
    assertEquals(40, m.users().size());
    assertEquals(25, m.items().size());
    assertEquals(rows.size(), m.info().trainRatings());
    assertEquals("4", m.info().params().get("factors"));
    assertEquals("0.05", m.info().params().get("reg"));
    assertEquals("2", m.info().params().get("spark.checkpointInterval"));
    assertEquals(1000, checkEveryPair(spark, modelDir, m));
    // each user's training movies are the seen ones recommend leaves out
    int u1 = m.users().indexOf("1");
    assertEquals(rows.stream().filter(r -> r.getInt(0) == 1).count(), m.trainingItems().count(u1));

    // import-als: the same saved folder with the data as a ratings CSV read by the core
    Path imported = dir.resolve("imported.cinerec");
    ImportAlsJob.Result r = ImportAlsJob.run(spark, modelDir, dir.resolve("ratings.csv").toString(), null,
        Map.of("regParam", "0.05", "maxIter", "4", "seed", "7"), imported.toString());
    assertEquals(List.of("ALSModel.save does not keep the estimator's parameters; assumed MLlib's defaults"
        + " implicitPrefs=false, alpha=1.0 (give them as --NAME VALUE)"), r.warnings());
    Recommender back = ModelFiles.load(imported, "als").model();
    assertEquals(m.info().dataFingerprint(), back.info().dataFingerprint());
    assertEquals(m.info().trainRatings(), back.info().trainRatings());
    assertArrayEquals(m.users().ids(), back.users().ids());
    float[] a = new float[25];
    float[] b = new float[25];
    for (int u = 0; u < 40; u++) {
      m.scoreItems(u, a);
      back.scoreItems(u, b);
      assertArrayEquals(a, b);
    }
  }

  @Test
  void anImplicitModelExportsAsIalsAndScoresAsMllib() throws IOException {
    SparkSession spark = LocalSpark.session();
    String prep = prepared(spark, fixture());
    String modelDir = dir.resolve("implicit").toString();
    TrainAlsJob.run(spark, prep, modelDir, Map.of("rank", "3", "maxIter", "3", "implicitPrefs", "true",
        "alpha", "2.0", "seed", "3", "numUserBlocks", "2", "numItemBlocks", "2"), null);
    Path file = dir.resolve("ials.cinerec");
    ExportJob.run(spark, modelDir, file.toString());
    FactorModel m = (FactorModel) ModelFiles.load(file, "ials").model();
    assertEquals("2.0", m.info().params().get("alpha"));
    assertEquals(1000, checkEveryPair(spark, modelDir, m));
  }

  @Test
  void aBadParameterIsAUsageErrorNamingIt() {
    CinerecException e = assertThrows(CinerecException.class, () -> TrainAlsJob.configure(Map.of("rank", "0")));
    assertEquals(CinerecException.Kind.USAGE, e.kind());
    assertTrue(e.getMessage().startsWith("train-als: --rank 0 is not valid"), e.getMessage());
    e = assertThrows(CinerecException.class, () -> TrainAlsJob.configure(Map.of("lambda", "1")));
    assertTrue(e.getMessage().contains("unknown parameter --lambda"), e.getMessage());
    e = assertThrows(CinerecException.class, () -> TrainAlsJob.splitSpec("random:0.2:42"));
    assertTrue(e.getMessage().contains("cut only hash:FRACTION:SEED splits"), e.getMessage());
    assertEquals("hash:0.2:42", TrainAlsJob.splitSpec("hash:0.20:42"));
  }
}
