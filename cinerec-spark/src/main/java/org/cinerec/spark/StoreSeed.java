package org.cinerec.spark;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.cinerec.CinerecException;
import org.cinerec.data.IdIndex;
import org.cinerec.data.Provenance;
import org.cinerec.data.RatingScale;
import org.cinerec.io.CatalogFile;

/**
 * The data a ratings store was seeded from, as {@code prepare} wrote it ({@code --seed-data PREP}): what
 * the core's {@code StoreDataset} takes from the seed {@code Dataset} — its fingerprint (which must be the
 * store's {@code dataset_fingerprint}), scale, sources, movies (the catalogue's and the rated ones, by
 * canonical id), users, shape and {@code catalogue.json}, which goes beside the store's ratings for
 * {@code export}.
 */
record StoreSeed(String dir, String fingerprint, RatingScale scale, List<Provenance.SourceFile> sources,
    long ratings, long users, long movies, long moviesWithMetadata, Dataset<Row> userKeys, Dataset<Row> movieKeys,
    Path catalogue) {

  /** The canonical form of a string column ({@link IdIndex#key}). */
  static Column key(String column) {
    UDF1<String, String> key = id -> id == null ? null : IdIndex.key(id);
    return functions.udf(key, DataTypes.StringType).apply(functions.col(column).cast("string"));
  }

  static StoreSeed read(SparkSession spark, String dir, Configuration conf) {
    String report = dir + "/report.json";
    String parquet = dir + "/ratings.parquet";
    for (String need : List.of(report, parquet, dir + "/fingerprint.txt")) {
      if (!exists(new Path(need), conf)) {
        throw CinerecException.usage("--seed-data " + dir + ": no " + new Path(need).getName() + "; give the folder"
            + " `prepare` wrote for the data the store was seeded from");
      }
    }
    JsonNode json = readJson(report, conf);
    RatingScale scale = PreparedRatings.scaleOf(report, conf);
    List<Provenance.SourceFile> sources = new ArrayList<>();
    for (JsonNode f : json.path("provenance").path("sources")) {
      sources.add(new Provenance.SourceFile(f.path("path").asText(), f.path("sha256").asText(),
          f.path("bytes").asLong()));
    }
    JsonNode shape = json.path("shape");
    Dataset<Row> rated = spark.read().parquet(parquet);
    Dataset<Row> users = rated.select(key("userId").as("key")).distinct();
    Dataset<Row> movies = rated.select(key("movieId").as("key"));
    Path catalogue = new Path(dir, CatalogFile.NAME);
    if (exists(catalogue, conf)) {
      List<String> ids = new ArrayList<>();
      try (InputStream in = catalogue.getFileSystem(conf).open(catalogue)) {
        for (String id : CatalogFile.read(catalogue.toString(), in).ids().ids()) {
          ids.add(IdIndex.key(id));
        }
      } catch (IOException e) {
        throw new CinerecException(catalogue + ": cannot read: " + e.getMessage(), e);
      }
      movies = movies.union(spark.createDataset(ids, Encoders.STRING()).toDF("key"));
    } else {
      catalogue = null;
    }
    return new StoreSeed(dir, text(dir + "/fingerprint.txt", conf).strip(), scale, sources,
        shape.path("ratings").asLong(), shape.path("users").asLong(), shape.path("movies").asLong(),
        shape.path("moviesWithMetadata").asLong(), users, movies.distinct(), catalogue);
  }

  /** Copies the seed's catalogue.json into {@code out}; false when it has none. */
  boolean copyCatalogue(String out, Configuration conf) {
    if (catalogue == null) {
      return false;
    }
    try {
      FileSystem fs = catalogue.getFileSystem(conf);
      Path to = new Path(out, CatalogFile.NAME);
      FileUtil.copy(fs, catalogue, to.getFileSystem(conf), to, false, true, conf);
      return true;
    } catch (IOException e) {
      throw new CinerecException(out + "/" + CatalogFile.NAME + ": cannot write: " + e.getMessage(), e);
    }
  }

  private static boolean exists(Path p, Configuration conf) {
    try {
      return p.getFileSystem(conf).exists(p);
    } catch (IOException e) {
      throw new CinerecException(p + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static String text(String file, Configuration conf) {
    Path p = new Path(file);
    try (InputStream in = p.getFileSystem(conf).open(p)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CinerecException(file + ": cannot read: " + e.getMessage(), e);
    }
  }

  private static JsonNode readJson(String file, Configuration conf) {
    try {
      return TrainAlsJob.JSON.readTree(text(file, conf));
    } catch (IOException e) {
      throw new CinerecException(file + ": not JSON: " + e.getMessage(), e);
    }
  }
}
