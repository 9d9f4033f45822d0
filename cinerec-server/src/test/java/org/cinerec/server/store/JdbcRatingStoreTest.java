package org.cinerec.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.cinerec.CinerecException;
import org.cinerec.Progress;
import org.cinerec.data.DataFingerprint;
import org.cinerec.data.Dataset;
import org.cinerec.synth.Preset;
import org.cinerec.synth.SyntheticData;
import org.cinerec.testkit.Services;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ratings store on both real databases: an SQLite file and the PostgreSQL server on this machine (a
 * fresh schema per run, dropped afterwards). Same checks for both.
 */
class JdbcRatingStoreTest {
  @TempDir
  static Path dir;
  static Dataset data;
  static String schema;
  static int opened;

  @BeforeAll
  static void data() {
    data = SyntheticData.generate(Preset.TINY, 3, Progress.NONE);
  }

  static Stream<String> databases() {
    return Stream.of("sqlite", "postgresql");
  }

  /** A new, empty store of this kind. */
  static JdbcRatingStore fresh(String kind) throws Exception {
    opened++;
    if (kind.equals("sqlite")) {
      return JdbcRatingStore.open(StoreUrl.parse(dir.resolve("s" + opened + "/ratings.db").toString()));
    }
    String base = Services.postgres();
    if (schema == null) {
      schema = "cinerec_test_" + ProcessHandle.current().pid();
    }
    String s = schema + "_" + opened;
    try (Connection c = DriverManager.getConnection(base); Statement st = c.createStatement()) {
      st.execute("DROP SCHEMA IF EXISTS " + s + " CASCADE");
      st.execute("CREATE SCHEMA " + s);
    }
    cleanup.add(s);
    return JdbcRatingStore.open(StoreUrl.parse(base + "&currentSchema=" + s));
  }

  static final List<String> cleanup = new ArrayList<>();

  @AfterAll
  static void dropSchemas() throws Exception {
    if (cleanup.isEmpty()) {
      return;
    }
    try (Connection c = DriverManager.getConnection(Services.postgres()); Statement s = c.createStatement()) {
      for (String x : cleanup) {
        s.execute("DROP SCHEMA IF EXISTS " + x + " CASCADE");
      }
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void writesAreDurableByTheDatabasesOwnSettings(String kind) throws Exception {
    try (JdbcRatingStore store = fresh(kind)) {
      Map<String, String> s = store.settings();
      if (kind.equals("sqlite")) {
        assertEquals("wal", s.get("journal_mode"));
        assertEquals("2", s.get("synchronous"), "2 = FULL");
        assertEquals("1", s.get("foreign_keys"));
      } else {
        assertEquals("on", s.get("synchronous_commit"));
      }
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void seedingImportsEveryRatingOnceAndRefusesOtherData(String kind) throws Exception {
    String fp = Long.toHexString(DataFingerprint.of(data));
    try (JdbcRatingStore store = fresh(kind)) {
      assertTrue(store.seededWith().isEmpty());
      JdbcRatingStore.Seeded first = store.seed(data, fp);
      assertTrue(first.now());
      assertEquals(data.ratings().size(), first.ratings());
      JdbcRatingStore.Seeded again = store.seed(data, fp);
      assertFalse(again.now(), "idempotent");
      assertEquals(data.ratings().size(), again.ratings());
      assertEquals(data.ratings().size(), store.forEachRating(r -> { }));
      CinerecException e = assertThrows(CinerecException.class, () -> store.seed(data, "other"));
      assertTrue(e.getMessage().contains("was seeded from another dataset"), e.getMessage());
      String user = data.users().key(0);
      long n = data.ratings().byUser().count(0);
      assertEquals(n, store.ratings(user).size());
      assertTrue(store.ratings(user).stream().allMatch(r -> r.origin() == StoredRating.Origin.DATASET));
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void theSeedDataReadSettingsComeBackAsTheyWent(String kind) throws Exception {
    org.cinerec.io.LoadOptions read = org.cinerec.io.LoadOptions.defaults().withFormat("csv").withColumns(
        new org.cinerec.io.ColumnMapping("Reviewer", "Title ID", "Score", "When", ";", true))
        .withScale(org.cinerec.data.RatingScale.parse("1:10:1", "--scale"));
    try (JdbcRatingStore store = fresh(kind)) {
      assertTrue(store.seedReadOptions().isEmpty(), "not seeded");
      store.seed(data, JdbcRatingStore.fingerprint(data), "tiny"); // a store seeded before settings were kept
      assertTrue(store.seedReadOptions().isEmpty());
      store.seed(data, JdbcRatingStore.fingerprint(data), "tiny", read); // the same data again: recorded now
      assertEquals(java.util.Optional.of(read), store.seedReadOptions());
    }
    try (JdbcRatingStore store = fresh(kind)) {
      store.seed(data, JdbcRatingStore.fingerprint(data), "tiny", read);
      assertEquals(java.util.Optional.of(read), store.seedReadOptions());
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void trainingFromTheStoreCountsEachRatingOnceWithDeletionsAndChanges(String kind) throws Exception {
    try (JdbcRatingStore store = fresh(kind)) {
      assertThrows(CinerecException.class, () -> StoreDataset.read(store, data), "not seeded");
      store.seed(data, JdbcRatingStore.fingerprint(data), "tiny");
      assertEquals(java.util.Optional.of("tiny"), store.seedSource());
      org.cinerec.data.Ratings r = data.ratings();
      String u0 = data.users().key(r.user(0));
      String m0 = data.items().key(r.item(0));
      String u1 = data.users().key(r.user(1));
      String m1 = data.items().key(r.item(1));
      float changed = r.rating(0) == 1f ? 2f : 1f;
      store.putRating(u0, m0, changed, 1_800_000_000L); // a seeded rating changed through the service
      assertTrue(store.deleteRating(u1, m1)); // and one deleted
      store.createUser("api-user", null);
      store.putRating("api-user", m0, 5f, 1_800_000_001L);
      store.putRating("api-user", m1, 4f, 1_800_000_002L);
      store.putRating("api-user", "no-such-movie", 3f, 1_800_000_003L);
      Dataset d = StoreDataset.read(store, data);
      assertEquals(r.size() - 1 + 2, d.ratings().size(), "one deleted, two added, none double-counted");
      assertEquals(data.numUsers() + 1, d.numUsers());
      assertEquals("api-user", d.users().id(data.numUsers()));
      assertEquals(data.items(), d.items());
      assertEquals(data.scale(), d.scale());
      assertEquals(data.userAttributes(), d.userAttributes().select(
          java.util.stream.IntStream.range(0, data.numUsers()).toArray()), "the seed's users keep their attributes");
      assertEquals(null, d.userAttributes().value(data.numUsers(), 0), "a user new through the service has none");
      assertEquals(1L, d.provenance().dropped().get("movie not in the catalogue"));
      int changedAt = -1;
      for (int p = 0; p < d.ratings().size(); p++) {
        String u = d.users().key(d.ratings().user(p));
        String m = d.items().key(d.ratings().item(p));
        assertFalse(u.equals(u1) && m.equals(m1), "the deleted rating is gone");
        if (u.equals(u0) && m.equals(m0)) {
          changedAt = p;
        }
      }
      assertEquals(changed, d.ratings().rating(changedAt));
      assertEquals(1_800_000_000L, d.ratings().timestamp(changedAt));
      Dataset other = SyntheticData.generate(Preset.TINY, 4, Progress.NONE);
      CinerecException e = assertThrows(CinerecException.class, () -> StoreDataset.read(store, other));
      assertTrue(e.getMessage().contains("seeded from another dataset"), e.getMessage());
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void addedMoviesAreKeptOncePerIdCopiedByABackupAndTakenIntoTheCatalogueTrainingSees(String kind)
      throws Exception {
    try (JdbcRatingStore store = fresh(kind)) {
      store.seed(data, JdbcRatingStore.fingerprint(data), "tiny");
      org.cinerec.data.Catalog.Details more = new org.cinerec.data.Catalog.Details("en", 104,
          "A keeper finds a tide\nthat runs <i>backwards</i>.");
      StoredMovie tide = new StoredMovie("9001", "Tide of Glass", 2026, List.of("Drama", "Sci-Fi"),
          1_800_000_000_000L, more);
      StoredMovie bare = new StoredMovie("x-1", "No Year", 0, List.of(), 1_800_000_000_001L);
      assertTrue(store.addMovie(tide));
      assertFalse(store.addMovie(new StoredMovie("09001", "Other", 0, List.of(), 1L)), "the same id as a number");
      assertTrue(store.addMovie(bare));
      assertEquals(List.of(tide, bare), store.movies());
      store.createUser("api-user", null);
      store.putRating("api-user", "9001", 4.5f, 1_800_000_003L);
      store.putRating("api-user", data.items().key(0), 2f, 1_800_000_004L);

      Dataset d = StoreDataset.read(store, data);
      assertEquals(data.numItems() + 2, d.numItems());
      int i = d.items().indexOf("9001");
      assertEquals(data.numItems(), i, "after the seed's movies, in the order added");
      assertEquals(data.numItems() + 1, d.items().indexOf("x-1"));
      assertEquals("Tide of Glass", d.catalog().title(i));
      assertEquals(2026, d.catalog().year(i));
      assertEquals(List.of("Drama", "Sci-Fi"), List.of(d.catalog().genres(i)));
      assertEquals(more, d.catalog().details(i), "the details too");
      assertEquals(org.cinerec.data.Catalog.NO_YEAR, d.catalog().year(i + 1));
      assertEquals(org.cinerec.data.Catalog.Details.NONE, d.catalog().details(i + 1));
      assertEquals(data.catalog().title(7), d.catalog().title(7), "the seed's rows as they were");
      assertEquals(data.ratings().size() + 2, d.ratings().size());
      assertTrue(d.provenance().dropped().isEmpty(), "the rating of the added movie counts");
      int at = -1;
      for (int p = 0; p < d.ratings().size(); p++) {
        if (d.ratings().item(p) == i) {
          at = p;
        }
      }
      assertEquals(4.5f, d.ratings().rating(at));
      assertEquals("api-user", d.users().id(d.ratings().user(at)));

      try (JdbcRatingStore copy = JdbcRatingStore.open(StoreUrl.parse(dir.resolve("copy-" + kind + "-" + opened
          + ".db").toString()))) {
        assertEquals(2, store.copyInto(copy).movies());
        assertEquals(List.of(tide, bare), copy.movies());
      }
    }
  }

  /**
   * What users tell about themselves: replaced as a whole, copied by a backup, deleted with the user, and in the
   * data training from the store reads (the seed's users keep the data's demographics; a name only the service's
   * users have becomes an attribute of its own).
   */
  @ParameterizedTest
  @MethodSource("databases")
  void attributesAreReplacedCopiedDeletedAndTrainedOn(String kind) throws Exception {
    try (JdbcRatingStore store = fresh(kind)) {
      store.seed(data, JdbcRatingStore.fingerprint(data), "tiny");
      assertFalse(store.setAttributes("nobody", java.util.Map.of("age", "30")), "no such user");
      store.createUser("api-ana", null);
      store.createUser("api-bo", null);
      assertTrue(store.setAttributes("api-ana", java.util.Map.of("age", "34", "gender", "F")));
      assertTrue(store.setAttributes("api-ana", java.util.Map.of("gender", "M", "mood", "calm")));
      assertEquals(java.util.Map.of("gender", "M", "mood", "calm"), store.attributes("api-ana"), "replaced whole");
      assertTrue(store.setAttributes("api-bo", java.util.Map.of("age", "61")));
      store.putRating("api-ana", data.items().key(0), 4f, 1_800_000_000L);
      store.putRating("api-bo", data.items().key(1), 3f, 1_800_000_001L);

      Dataset d = StoreDataset.read(store, data);
      org.cinerec.data.UserAttributes a = d.userAttributes();
      assertEquals(List.of("age", "gender", "occupation", "mood"), a.names());
      int ana = d.users().indexOf("api-ana");
      int bo = d.users().indexOf("api-bo");
      assertEquals("M", a.value(ana, a.indexOf("gender")));
      assertEquals("calm", a.value(ana, a.indexOf("mood")));
      assertEquals(null, a.value(ana, a.indexOf("age")), "not told");
      assertEquals("61", a.value(bo, a.indexOf("age")));
      String first = data.users().id(0);
      assertEquals(data.userAttributes().value(0, 0), a.value(d.users().indexOf(first), a.indexOf("age")),
          "the seed's users keep the data's");
      assertEquals(null, a.value(d.users().indexOf(first), a.indexOf("mood")));

      try (JdbcRatingStore copy = JdbcRatingStore.open(StoreUrl.parse(dir.resolve("attrs-" + kind + "-" + opened
          + ".db").toString()))) {
        assertEquals(3, store.copyInto(copy).attributes());
        assertEquals(store.allAttributes(), copy.allAttributes());
      }
      assertTrue(store.setAttributes("api-bo", java.util.Map.of()));
      assertEquals(java.util.Map.of(), store.attributes("api-bo"), "cleared");
      assertTrue(store.deleteUser("api-ana"));
      assertEquals(java.util.Map.of(), store.allAttributes(), "deleted with the user");
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aRatingIsCreatedChangedAndDeletedAndIdsCompareAsNumbers(String kind) throws Exception {
    try (JdbcRatingStore store = fresh(kind)) {
      assertTrue(store.createUser("new-1", "abc"));
      assertFalse(store.createUser("new-1", "abc"), "taken");
      store.putRating("new-1", "0042", 4.5f, 1_700_000_000L);
      store.putRating("new-1", "42", 3f, 1_700_000_001L); // the same movie: changed, not added
      store.putRating("new-1", "7", 5f, 1_700_000_002L);
      List<StoredRating> rs = store.ratings("new-1");
      assertEquals(2, rs.size());
      assertEquals(new StoredRating("new-1", "42", 3f, 1_700_000_001L, StoredRating.Origin.API), rs.get(0));
      assertEquals(new JdbcRatingStore.MovieStats("42", 1, 3.0), store.movieStats("042"));
      assertTrue(store.deleteRating("new-1", "42"));
      assertFalse(store.deleteRating("new-1", "42"));
      assertEquals(1, store.ratings("new-1").size());
      CinerecException e = assertThrows(CinerecException.class, () -> store.putRating("nobody", "1", 3f, 1));
      assertTrue(e.getMessage().contains("unknown user \"nobody\""), e.getMessage());
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void dismissalsAndUserDeletionTakeEverythingOfTheirs(String kind) throws Exception {
    try (JdbcRatingStore store = fresh(kind)) {
      store.createUser("u", null);
      store.putRating("u", "1", 4f, 1);
      assertTrue(store.dismiss("u", "2"));
      assertFalse(store.dismiss("u", "2"));
      assertEquals(List.of("2"), store.dismissals("u"));
      assertTrue(store.undismiss("u", "2"));
      assertEquals(List.of(), store.dismissals("u"));
      store.dismiss("u", "3");
      assertTrue(store.user("u").isPresent());
      assertTrue(store.deleteUser("u"));
      assertFalse(store.deleteUser("u"));
      assertTrue(store.user("u").isEmpty());
      assertEquals(List.of(), store.ratings("u"));
      assertEquals(List.of(), store.dismissals("u"));
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void concurrentWritersLoseNothingAndReadTheirWrites(String kind) throws Exception {
    try (JdbcRatingStore store = fresh(kind)) {
      for (int w = 0; w < 4; w++) {
        store.createUser("w" + w, null);
      }
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
          String user = "w" + w;
          done.add(pool.submit(() -> {
            for (int m = 0; m < 50; m++) {
              store.putRating(user, Integer.toString(m), 1 + m % 5, m);
              // a read after the write's commit sees it (SQLite reads on connections of their own)
              List<StoredRating> mine = store.ratings(user);
              assertEquals(m + 1, mine.size(), user + " after " + (m + 1) + " writes");
              String movie = Integer.toString(m);
              assertEquals(1 + m % 5, mine.stream().filter(r -> r.movieId().equals(movie)).findFirst()
                  .orElseThrow().rating());
            }
            return null;
          }));
        }
        for (Future<?> f : done) {
          f.get();
        }
      } finally {
        pool.shutdownNow();
      }
      assertEquals(200, store.forEachRating(r -> { }));
    }
  }

  @ParameterizedTest
  @MethodSource("databases")
  void aStoreOpensAgainWithItsData(String kind) throws Exception {
    if (!kind.equals("sqlite")) {
      return; // the PostgreSQL schema outlives the pool just the same; the file case is the one to prove
    }
    Path file = dir.resolve("reopen/ratings.db");
    try (JdbcRatingStore store = JdbcRatingStore.open(StoreUrl.parse(file.toString()))) {
      store.createUser("a", null);
      store.putRating("a", "5", 2.5f, 9);
    }
    try (JdbcRatingStore store = JdbcRatingStore.open(StoreUrl.parse(file.toString()))) {
      assertEquals(List.of(new StoredRating("a", "5", 2.5f, 9, StoredRating.Origin.API)), store.ratings("a"));
    }
  }

  @Test
  void storeUrlsNeverShowAPasswordAndRefuseWhatCannotKeepData() {
    assertEquals("jdbc:postgresql://db.example:5432/x?password=***",
        StoreUrl.parse("jdbc:postgresql://db.example:5432/x?password=secret").display());
    assertEquals("jdbc:postgresql://db.example/x", StoreUrl.parse("jdbc:postgresql://bob:pw@db.example/x").display());
    assertTrue(StoreUrl.parse("ratings.db").sqlite());
    assertThrows(CinerecException.class, () -> StoreUrl.parse("jdbc:sqlite::memory:"));
    assertThrows(CinerecException.class, () -> StoreUrl.parse("jdbc:mysql://x/y"));
  }
}
