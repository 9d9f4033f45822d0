package org.cinerec.spark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;
import org.cinerec.CinerecException;
import org.cinerec.data.DataFingerprint;
import org.cinerec.data.Provenance;
import org.cinerec.data.RatingScale;
import org.cinerec.prep.ReportFormat;

/**
 * {@code prepare} from the service's ratings store ({@code cinerec serve --store}, SQLite or PostgreSQL,
 * schema {@code cinerec-server/src/main/resources/db/migration}) through JDBC, so rate → retrain → reload
 * works at cluster scale: the {@code ratings} table is read in ranges of {@code rated_at}, one partition
 * each, every row exactly once, into the same Parquet as the file inputs. As in the core's
 * {@code StoreDataset}, the store is the authority: a rating deleted through the service is gone, a changed
 * one counts with its new value, each (user, movie) is there once (its primary key), so nothing is
 * double-counted and no row rule applies. Ids are the store's canonical ids; the Parquet's id columns are
 * {@code int} when every id is a number that fits, else text. The scale is the one given (the seed data's,
 * for a fingerprint equal to the core's) or read off the ratings. With {@code --seed-data PREP} (the
 * {@code prepare} output of the data the store was seeded from, its fingerprint the store's) the ratings are
 * read over that data as {@code StoreDataset} reads them ({@link StoreSeed}): its movies (a rating of another
 * movie dropped and counted), scale, sources and {@code catalogue.json}. The JDBC drivers travel in the
 * job's jar.
 */
final class StoreInput {
  private StoreInput() {}

  static boolean isStore(String input) {
    return input.strip().toLowerCase(Locale.ROOT).startsWith("jdbc:");
  }

  static PrepareJob.Result prepare(SparkSession spark, String url, String out, PrepareJob.Options o, Configuration conf) {
    String lower = url.toLowerCase(Locale.ROOT);
    String driver = lower.startsWith("jdbc:sqlite:") ? "org.sqlite.JDBC"
        : lower.startsWith("jdbc:postgresql:") ? "org.postgresql.Driver" : null;
    String shown = display(url);
    if (driver == null) {
      throw CinerecException.usage(shown + ": only SQLite (jdbc:sqlite:FILE) and PostgreSQL "
          + "(jdbc:postgresql://HOST/DB) ratings stores are read");
    }
    if (o.format() != null || o.columns() != null || o.requireMetadata()) {
      throw CinerecException.usage(shown + ": a ratings store takes only --scale or --seed-data (no --format, column"
          + " flags or --require-metadata: its ids are canonical and its catalogue is the seed data's)");
    }
    if (o.seedData() != null && o.scale() != null) {
      throw CinerecException.usage(shown + ": --scale and --seed-data: with the seed data the scale is the seed's");
    }
    StoreSeed seed = o.seedData() == null ? null : StoreSeed.read(spark, o.seedData(), conf);
    long min;
    long max;
    long seededAtSeeding;
    String seededWith;
    Map<String, Long> byOrigin = new java.util.TreeMap<>();
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      try (ResultSet r = s.executeQuery("SELECT MIN(rated_at), MAX(rated_at) FROM ratings")) {
        r.next();
        min = r.getLong(1);
        max = r.getLong(2);
      }
      try (ResultSet r = s.executeQuery("SELECT origin, COUNT(*) FROM ratings GROUP BY origin")) {
        while (r.next()) {
          byOrigin.put(r.getString(1), r.getLong(2));
        }
      }
      try (ResultSet r = s.executeQuery("SELECT meta_value FROM store_meta WHERE meta_key = 'seeded_ratings'")) {
        seededAtSeeding = r.next() ? Long.parseLong(r.getString(1)) : 0;
      }
      try (ResultSet r = s.executeQuery("SELECT meta_value FROM store_meta WHERE meta_key = 'dataset_fingerprint'")) {
        seededWith = r.next() ? r.getString(1) : null;
      }
    } catch (SQLException e) {
      throw new CinerecException(shown + ": cannot read the ratings store (" + e.getMessage().strip()
          + "); is it a cinerec store (cinerec serve --store ...)?", e);
    }
    if (seed != null && seededWith == null) {
      throw new CinerecException(shown + ": the store was never seeded from a dataset, so it has no catalogue; prepare"
          + " it without --seed-data, or serve a model with it first (cinerec serve MODEL --data DATA --store ...)");
    }
    if (seed != null && !seededWith.equals(seed.fingerprint())) {
      throw new CinerecException(shown + ": the store was seeded from another dataset (fingerprint " + seededWith
          + ") than --seed-data " + seed.dir() + " (fingerprint " + seed.fingerprint() + "); give the prepare output"
          + " of the data it was seeded from");
    }
    long total = byOrigin.values().stream().mapToLong(Long::longValue).sum();
    if (total == 0) {
      throw new CinerecException(shown + ": no ratings (the store is empty)");
    }

    // ranges of rated_at, the last one closed: each row in exactly one partition
    int parts = (int) Math.max(1, Math.min(spark.sparkContext().defaultParallelism() * 2L, total / 100_000 + 1));
    List<String> predicates = new ArrayList<>();
    long span = max - min + 1;
    for (int k = 0; k < parts; k++) {
      long from = min + span * k / parts;
      long to = min + span * (k + 1) / parts;
      predicates.add(k == parts - 1 ? "rated_at >= " + from : "rated_at >= " + from + " AND rated_at < " + to);
    }
    Properties props = new Properties();
    props.setProperty("driver", driver);
    props.setProperty("fetchsize", "10000");
    Dataset<Row> stored = spark.read().jdbc(url, "ratings", predicates.toArray(new String[0]), props)
        .select(functions.col("user_id").cast("string").alias("userId"),
            functions.col("movie_id").cast("string").alias("movieId"),
            functions.col("rating").cast("float").alias("rating"),
            functions.col("rated_at").cast("long").alias("timestamp"),
            functions.col("origin").cast("string").alias("origin"));
    if (seed != null) { // StoreDataset: a rating of a movie outside the seed data's movies is dropped
      stored = stored.join(seed.movieKeys(), StoreSeed.key("movieId").equalTo(seed.movieKeys().col("key")),
          "left_semi");
    }
    stored = stored.persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long n = stored.count();
      if (seed != null) {
        return seeded(stored, n, total, shown, url, seed, out, conf);
      }
      Dataset<Row> rows = PrepareJob.intIdsIfAll(stored.drop("origin"));

      RatingScale scale = o.scale();
      if (scale == null) {
        List<Row> distinct = stored.select("rating").distinct().collectAsList();
        float[] values = new float[distinct.size()];
        for (int k = 0; k < values.length; k++) {
          values[k] = distinct.get(k).getFloat(0);
        }
        scale = RatingScale.infer(values, values.length);
      }
      Row shape = stored.agg(functions.countDistinct("userId"), functions.countDistinct("movieId")).first();
      long users = shape.getLong(0);
      long movies = shape.getLong(1);
      long fingerprint = PrepareJob.fingerprint(stored, n, scale);
      String note = String.format(Locale.ROOT, "ratings from the store %s: %d seeded from the dataset (%d at "
          + "seeding), %d written through the service, %d users; no catalogue: titles are placeholders", shown,
          byOrigin.getOrDefault("dataset", 0L), seededAtSeeding, byOrigin.getOrDefault("api", 0L), users);
      Provenance p = new Provenance("cinerec-store", List.of(), n, n, Map.of(), Map.of(), Map.of(), List.of(note));
      String json = ReportFormat.json(p, scale, n, users, movies, 0, movies);

      rows.orderBy("userId", "movieId").write().mode(SaveMode.Overwrite).parquet(out + "/ratings.parquet");
      PrepareJob.writeText(out + "/report.json", json, conf);
      PrepareJob.writeText(out + "/fingerprint.txt", DataFingerprint.hex(fingerprint) + "\n", conf);
      return new PrepareJob.Result(json, n, n, scale, "cinerec-store", fingerprint);
    } finally {
      stored.unpersist();
    }
  }

  /**
   * The store's ratings over the seed data's movies (the rows given): as the core's StoreDataset, the
   * seed's scale, sources and catalogue; its users and then the users the service created; the ratings of
   * other movies dropped and counted.
   */
  private static PrepareJob.Result seeded(Dataset<Row> kept, long n, long read, String shown, String url,
      StoreSeed seed, String out, Configuration conf) {
    Map<String, Long> byOrigin = new java.util.TreeMap<>();
    for (Row r : kept.groupBy("origin").count().collectAsList()) {
      byOrigin.put(r.getString(0), r.getLong(1));
    }
    Dataset<Row> rows = kept.drop("origin");
    long newUsers = rows.select(StoreSeed.key("userId").as("key")).distinct().except(seed.userKeys()).count();
    long users = seed.users() + newUsers;
    long rated = rows.select("movieId").distinct().count();
    long fingerprint = PrepareJob.fingerprint(rows, n, seed.scale());
    String engine = url.toLowerCase(Locale.ROOT).startsWith("jdbc:sqlite:") ? "SQLite " : "PostgreSQL ";
    String note = String.format(Locale.ROOT, "ratings from the store %s: %d seeded from the dataset (%d at "
        + "seeding), %d written through the service, %d users; catalogue and scale from the seed data",
        engine + shown, byOrigin.getOrDefault("dataset", 0L), seed.ratings(), byOrigin.getOrDefault("api", 0L), users);
    Map<String, Long> dropped = n == read ? Map.of() : Map.of("movie not in the catalogue", read - n);
    Provenance p = new Provenance("cinerec-store", seed.sources(), read, n, dropped, Map.of(), Map.of(), List.of(note));
    String json = ReportFormat.json(p, seed.scale(), n, users, seed.movies(), seed.moviesWithMetadata(), rated);
    PrepareJob.intIdsIfAll(rows).orderBy("userId", "movieId").write().mode(SaveMode.Overwrite)
        .parquet(out + "/ratings.parquet");
    PrepareJob.writeText(out + "/report.json", json, conf);
    PrepareJob.writeText(out + "/fingerprint.txt", DataFingerprint.hex(fingerprint) + "\n", conf);
    boolean catalogue = seed.copyCatalogue(out, conf);
    return new PrepareJob.Result(json, read, n, seed.scale(), "cinerec-store", fingerprint, catalogue);
  }

  /** The URL without credentials, for messages and the report (as the server's StoreUrl shows it). */
  static String display(String url) {
    String s = url.replaceAll("//[^/@]*@", "//");
    return s.replaceAll("(?i)([?&](password|user)=)[^&]*", "$1***");
  }
}
