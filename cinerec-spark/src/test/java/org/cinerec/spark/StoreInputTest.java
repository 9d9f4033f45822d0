package org.cinerec.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.cinerec.Progress;
import org.cinerec.data.DataFingerprint;
import org.cinerec.data.Dataset;
import org.cinerec.data.IdIndex;
import org.cinerec.server.store.JdbcRatingStore;
import org.cinerec.server.store.StoreDataset;
import org.cinerec.server.store.StoreUrl;
import org.cinerec.synth.Preset;
import org.cinerec.synth.SyntheticData;
import org.cinerec.testkit.Services;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code prepare} from a real ratings store, SQLite and PostgreSQL (a schema of its own, dropped after),
 * seeded as the service seeds it and then edited as the service edits it (a changed rating, a deleted
 * rating, a deleted user, a new user with ratings): the Spark job's rows and fingerprint are those of the
 * core's {@link StoreDataset}, so deletions count and nothing is double-counted.
 */
class StoreInputTest {
  @TempDir Path dir;
  static Dataset seed;

  @BeforeAll
  static void data() {
    seed = SyntheticData.generate(Preset.TINY, 3, Progress.NONE);
  }

  @Test
  void sqliteStore() throws Exception {
    Path file = dir.resolve("ratings.db");
    try (JdbcRatingStore store = JdbcRatingStore.open(StoreUrl.parse(file.toString()))) {
      sameAsTheCore(store, "jdbc:sqlite:" + file);
    }
  }

  @Test
  void postgresqlStore() throws Exception {
    String base = Services.postgres(); // fails under CI=true when PostgreSQL is not there
    String schema = "cinerec_sparkio_" + ProcessHandle.current().pid();
    try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
      s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      s.execute("CREATE SCHEMA " + schema);
    }
    try {
      String url = base + "&currentSchema=" + schema;
      try (JdbcRatingStore store = JdbcRatingStore.open(StoreUrl.parse(url))) {
        sameAsTheCore(store, url);
      }
    } finally {
      try (Connection c = DriverManager.getConnection(base); Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }

  /**
   * A store seeded from a MovieLens folder, prepared with {@code --seed-data} (that folder's {@code prepare}
   * output): the seed's catalogue, movies (a padded {@code 0020}, a rated movie without metadata, a movie
   * nobody rated) and scale, a rating of a movie outside them dropped and counted, a new user counted after
   * the seed's, its catalogue.json beside the ratings: the core's {@link StoreDataset} report (but the store's
   * name), rows and fingerprint.
   */
  @Test
  void seededStoreReadOverTheSeedDatasCatalogue() throws Exception {
    Path ml = Files.createDirectories(dir.resolve("ml"));
    StringBuilder ratings = new StringBuilder("userId,movieId,rating,timestamp\n");
    String[] movies = {"10", "0020", "30", "50"};
    for (int u = 1; u <= 6; u++) {
      for (int m = 0; m < movies.length; m++) {
        if ((u + m) % 3 != 0) {
          ratings.append(u).append(',').append(movies[m]).append(',').append(0.5 + (u * 7 + m * 3) % 10 / 2.0)
              .append(',').append(1_000_000 + u * 10 + m).append('\n');
        }
      }
    }
    Files.writeString(ml.resolve("ratings.csv"), ratings);
    Files.writeString(ml.resolve("movies.csv"), "movieId,title,genres\n10,Heat (1995),Action|Crime\n"
        + "20,\"Toy, Story (1995)\",Animation\n30,Thirty (2001),Drama\n40,Forty (2002),Comedy\n");
    Dataset seedData = org.cinerec.io.DataSources.load(ml, org.cinerec.io.LoadOptions.defaults(), Progress.NONE);
    String prep = dir.resolve("prep").toString();
    PrepareJob.run(LocalSpark.session(), ml.toString(), prep, PrepareJob.Options.defaults());

    Path file = dir.resolve("seeded.db");
    try (JdbcRatingStore store = JdbcRatingStore.open(StoreUrl.parse(file.toString()))) {
      store.seed(seedData, JdbcRatingStore.fingerprint(seedData));
      store.deleteRating("1", "10");
      store.createUser("web-7", null);
      store.putRating("web-7", "40", 4.5f, 1_700_000_000L);  // a catalogue movie nobody rated: kept
      store.putRating("web-7", "20", 3.0f, 1_700_000_001L);  // the seed's 0020
      store.putRating("web-7", "99", 2.0f, 1_700_000_002L);  // outside the seed's movies: dropped
      Dataset core = StoreDataset.read(store, seedData);
      String out = dir.resolve("out").toString();
      PrepareJob.Result r = PrepareJob.run(LocalSpark.session(), "jdbc:sqlite:" + file, out,
          PrepareJob.Options.defaults().withSeedData(prep));
      assertEquals(org.cinerec.prep.ReportFormat.json(core).replace(store.describe(), "STORE"),
          r.reportJson().replace("SQLite jdbc:sqlite:" + file, "STORE"));
      assertTrue(r.reportJson().contains("\"movie not in the catalogue\" : 1"), r.reportJson());
      assertEquals(DataFingerprint.of(core), r.fingerprint(), "fingerprint");
      assertTrue(r.catalogue());
      assertEquals(Files.readString(Path.of(prep, "catalogue.json")), Files.readString(Path.of(out, "catalogue.json")));
      assertEquals(sorted(rows(core)), sorted(sparkRows(out)));

      store.putRating("web-7", "30", 1.0f, 1_700_000_003L);
      org.cinerec.CinerecException e = org.junit.jupiter.api.Assertions.assertThrows(
          org.cinerec.CinerecException.class, () -> PrepareJob.run(LocalSpark.session(), "jdbc:sqlite:" + file, out,
              PrepareJob.Options.defaults().withSeedData(dir.resolve("out").toString())));
      assertTrue(e.getMessage().contains("seeded from another dataset"), e.getMessage());
    }
  }

  private static List<String> rows(Dataset core) {
    List<String> coreRows = new ArrayList<>();
    for (int i = 0; i < core.ratings().size(); i++) {
      coreRows.add(IdIndex.key(core.users().id(core.ratings().user(i))) + ","
          + IdIndex.key(core.items().id(core.ratings().item(i))) + "," + core.ratings().rating(i) + ","
          + core.ratings().timestamp(i));
    }
    return coreRows;
  }

  private static List<String> sparkRows(String out) {
    List<String> sparkRows = new ArrayList<>();
    for (Row row : LocalSpark.session().read().parquet(out + "/ratings.parquet").collectAsList()) {
      sparkRows.add(row.get(0) + "," + row.get(1) + "," + row.getFloat(2) + "," + row.getLong(3));
    }
    return sparkRows;
  }

  private static List<String> sorted(List<String> rows) {
    rows.sort(null);
    return rows;
  }

  private void sameAsTheCore(JdbcRatingStore store, String url) throws Exception {
    store.seed(seed, JdbcRatingStore.fingerprint(seed));
    String u0 = seed.users().id(seed.ratings().user(0));
    String m0 = seed.items().id(seed.ratings().item(0));
    String u1 = seed.users().id(seed.ratings().user(1));
    String m1 = seed.items().id(seed.ratings().item(1));
    String gone = seed.users().id(seed.ratings().user(seed.ratings().size() - 1));
    store.putRating(u0, m0, 1.0f, 1_700_000_000L);      // changed: counts with its new value, once
    store.deleteRating(u1, m1);                         // deleted: gone
    store.deleteUser(gone);                             // every rating of theirs gone
    store.createUser("web-42", null);                   // a user of the service, text id
    store.putRating("web-42", m0, 4.5f, 1_700_000_100L);
    store.putRating("web-42", m1, 2.0f, 1_700_000_200L);
    store.putRating("web-42", m1, 3.0f, 1_700_000_300L); // rated again: one row

    Dataset core = StoreDataset.read(store, seed);
    String out = Files.createTempDirectory(dir, "out").toString();
    PrepareJob.Result r = PrepareJob.run(LocalSpark.session(), url, out,
        new PrepareJob.Options(null, seed.scale(), false));
    assertEquals(core.ratings().size(), r.rowsKept());
    assertEquals(DataFingerprint.of(core), r.fingerprint(), "fingerprint");
    assertTrue(r.reportJson().contains("written through the service"), r.reportJson());
    assertTrue(!r.reportJson().contains("password"), r.reportJson());

    List<String> coreRows = new ArrayList<>();
    for (int i = 0; i < core.ratings().size(); i++) {
      coreRows.add(IdIndex.key(core.users().id(core.ratings().user(i))) + ","
          + IdIndex.key(core.items().id(core.ratings().item(i))) + "," + core.ratings().rating(i) + ","
          + core.ratings().timestamp(i));
    }
    List<String> sparkRows = new ArrayList<>();
    for (Row row : LocalSpark.session().read().parquet(out + "/ratings.parquet").collectAsList()) {
      sparkRows.add(row.get(0) + "," + row.get(1) + "," + row.getFloat(2) + "," + row.getLong(3));
    }
    coreRows.sort(null);
    sparkRows.sort(null);
    assertEquals(coreRows, sparkRows);
    assertTrue(sparkRows.contains("web-42," + IdIndex.key(m1) + ",3.0,1700000300"), "the latest rating, once");
  }
}
