package org.cinerec.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Supplier;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cinerec.CinerecException;
import org.cinerec.math.TopK;
import org.cinerec.math.Vectors;
import org.cinerec.split.HashSplit;

/**
 * {@code recommend-all}: the top K movies of every user of an MLlib ALS model as Parquet
 * {@code userId int, rank int (1 = best), movieId int, score float}, the movies the user rated in the
 * training rows left out (all of DATA, or with {@code --split} the split's training rows). The order is the
 * core's ({@link TopK}): higher score first, equal scores by lower model index, which is ascending movie id
 * (the vocabulary order of the core's import of an MLlib model), so the rows equal what the core's
 * {@code recommend} gives for the imported model. The score is the model's unclipped {@code p_u·q_i}
 * ({@link Vectors#matVec}, as {@code FactorModel.scoreItems}). Users are the model's users with factors;
 * fewer than K rows when fewer movies are left. Text ids ({@link IdVocabulary}) are ranked by their
 * vocabulary index (ascending text, the exported model's order) and written as text.
 */
final class RecommendAllJob {
  private RecommendAllJob() {}

  static final StructType SCHEMA = new StructType()
      .add("userId", DataTypes.IntegerType, false)
      .add("rank", DataTypes.IntegerType, false)
      .add("movieId", DataTypes.IntegerType, false)
      .add("score", DataTypes.FloatType, false);

  /** Writes {@code out} and returns the number of rows. */
  static long run(SparkSession spark, ALSModel model, Dataset<Row> train, int k, String out) {
    return run(spark, model, train, k, out, null);
  }

  /**
   * As above, {@code train} being rows of {@code data}: a side with text ids is written as text
   * ({@code userId string} or {@code movieId string}, the ids as {@code prepare} wrote them).
   */
  static long run(SparkSession spark, ALSModel model, Dataset<Row> train, int k, String out,
      PreparedRatings.Loaded data) {
    if (k < 1) {
      throw CinerecException.usage("recommend-all: --k must be at least 1, got " + k);
    }
    Dataset<Row> recs = recommend(spark, model, train, k);
    if (data != null && data.textIds()) {
      recs = data.withOriginalIds(recs);
    }
    recs.write().mode(SaveMode.Overwrite).parquet(out);
    return spark.read().parquet(out).count();
  }

  /** The top-K rows (not written). */
  static Dataset<Row> recommend(SparkSession spark, ALSModel model, Dataset<Row> train, int k) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Broadcast<ItemFactors> bItems = jsc.broadcast(ItemFactors.items(model));
    Dataset<Row> seen = train.groupBy("userId").agg(functions.collect_list("movieId").as("seen"));
    Dataset<Row> users = model.userFactors().withColumnRenamed("id", "userId").join(seen, "userId", "left")
        .select("userId", "features", "seen");
    JavaRDD<Row> rows = users.javaRDD().mapPartitions((Iterator<Row> it) -> {
      ItemFactors f = bItems.value();
      int rank = f.rank;
      int ni = f.size();
      float[] scores = new float[ni];
      List<Row> outRows = new ArrayList<>();
      while (it.hasNext()) {
        Row r = it.next();
        int user = r.getInt(0);
        Vectors.matVec(f.values, ni, rank, ItemFactors.features(r, 1, rank), 0, scores);
        for (int i = 0; i < ni; i++) {
          scores[i] += 0f + 0f; // as FactorModel.scoreItems without biases
        }
        if (!r.isNullAt(2)) {
          List<Integer> rated = r.getList(2);
          for (Integer m : rated) {
            int i = f.index(m);
            if (i >= 0) {
              scores[i] = Float.NEGATIVE_INFINITY;
            }
          }
        }
        int[] top = TopK.select(scores, k);
        for (int j = 0; j < top.length; j++) {
          outRows.add(RowFactory.create(user, j + 1, f.ids[top[j]], scores[top[j]]));
        }
      }
      return outRows.iterator();
    });
    return spark.createDataFrame(rows, SCHEMA);
  }

  /** {@code recommend-all DATA OUT [flags]}. */
  static int cli(String[] args, Supplier<SparkSession> session) {
    EvaluateJob.JobFlags f = EvaluateJob.JobFlags.parse("recommend-all", args, 2, List.of("--model", "--split", "--k"));
    SparkSession spark = session.get();
    PreparedRatings.Loaded data = PreparedRatings.read(spark, f.positional(0), null);
    Dataset<Row> train = data.ratings();
    if (f.has("--split")) {
      HashSplit split = PreparedRatings.split(f.get("--split"));
      train = PreparedRatings.train(PreparedRatings.withTest(data, train, split));
    }
    ALSModel model = f.has("--model") ? EvaluateJob.load(spark, f.get("--model")) : EvaluateJob.fit(f.alsParams(), train);
    long n = run(spark, model, train, f.integer("--k", 10), f.positional(1), data);
    System.out.printf(java.util.Locale.ROOT, "wrote %,d rows to %s%n", n, f.positional(1));
    return 0;
  }
}
