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
