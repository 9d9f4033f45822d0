package org.cinerec.spark;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.sql.SparkSession;
import org.cinerec.CinerecException;
import org.cinerec.data.RatingScale;
import org.cinerec.model.ModelFiles;
import org.cinerec.model.als.MllibAls;

/**
 * {@code export MODEL_DIR OUT}: a model {@code train-als} saved (MLlib's folder plus
 * {@code cinerec-train.json}) → a cinerec model file of kind {@code als} ({@code ials} when implicit) at the
 * local path OUT, which {@code cinerec evaluate}, {@code recommend} and {@code serve} load. The factors,
 * the id vocabularies (ascending ids; text ids as {@code prepare} wrote them, through the
 * {@link IdVocabulary} MLlib's integer ids index), every parameter, the provenance (input, split, scale, wall time, the
 * data fingerprint of the training ratings) and each user's training movies (what {@code recommend} leaves
 * out) go in; the conversion is the core's {@link MllibAls}. The factors and the training ratings are
 * collected on the driver (12 bytes a rating, 4·rank a user or movie).
 */
public final class ExportJob {
  private ExportJob() {}

  /** What an export wrote. */
  public record Result(String kind, int users, int movies, long ratings, long skipped) {}

  public static Result run(SparkSession spark, String modelDir, String out) {
    return run(spark, modelDir, out, null);
  }

  /**
   * As {@link #run(SparkSession, String, String)}, with the movies' titles from {@code catalog} (a
   * {@code prepare} folder or its catalogue.json; null: the one beside the training input, if any).
   */
  public static Result run(SparkSession spark, String modelDir, String out, String catalog) {
    JsonNode side = sidecar(spark, modelDir);
    Map<String, String> params = new LinkedHashMap<>();
    side.path("params").fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().asText()));
    int rank = Integer.parseInt(params.getOrDefault("rank", "0"));
    MllibAls.Factors users = AlsFactors.read(spark, modelDir + "/userFactors", rank);
    MllibAls.Factors items = AlsFactors.read(spark, modelDir + "/itemFactors", rank);
    String input = side.path("input").asText();
    String split = TrainAlsJob.splitSpec(side.path("split").asText("none"));
    AlsFactors.requireExists(spark, input, "the training ratings (columns userId, movieId, rating) are gone");
    PreparedRatings.Loaded data = PreparedRatings.read(spark, input, null);
    MllibAls.TrainingRatings train = AlsFactors.ratings(spark, data, split);
    JsonNode s = side.path("scale");
    RatingScale scale = new RatingScale(s.path("min").asDouble(), s.path("max").asDouble(), s.path("step").asDouble(),
        RatingScale.Source.of(s.path("source").asText("given")));
    MllibAls.Result r = MllibAls.build(params, users, items, train,
        new MllibAls.Source("parquet", List.of(input), scale, split, side.path("trainSeconds").asDouble()),
        data.users() == null ? null : data.users().ids(), data.movies() == null ? null : data.movies().ids());
    ModelFiles.save(Path.of(out), r.model(), ExportCatalogue.of(r.model().items(), input, catalog,
        spark.sparkContext().hadoopConfiguration()));
    return new Result(r.model().kind(), r.model().users().size(), r.model().items().size(),
        r.model().info().trainRatings(), r.skipped());
  }

  private static JsonNode sidecar(SparkSession spark, String modelDir) {
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(modelDir, TrainAlsJob.SIDECAR);
    try {
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(p)) {
        throw CinerecException.usage(p + ": missing; export takes a folder train-als wrote (for a model saved by"
            + " ALSModel.save elsewhere use import-als DIR --data DATA)");
      }
      try (InputStream in = fs.open(p)) {
        return TrainAlsJob.JSON.readTree(in);
      }
    } catch (IOException e) {
      throw new CinerecException(p + ": cannot read: " + e.getMessage(), e);
    }
  }
}
