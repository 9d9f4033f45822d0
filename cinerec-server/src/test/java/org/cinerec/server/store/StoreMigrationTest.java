package org.cinerec.server.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.cinerec.data.Catalog;
import org.cinerec.testkit.Services;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Flyway migrates a store of every schema version, with data in it, to the newest, on SQLite and on
 * PostgreSQL: for each migration {@code db/migration/V<n>__*.sql} a fixture
 * {@code store-migrations/V<n>__data.sql} writes rows as version n's schema has them; the test builds a store
 * at exactly version n (Flyway's {@code target}), writes the fixture, opens it with {@link JdbcRatingStore}
 * (which migrates) and reads every row back. A new migration without its fixture fails the first test, so
 * each version's data keeps being migrated by every later one.
 */
class StoreMigrationTest {
  private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
  private static final Path FIXTURES = Path.of("src/test/resources/store-migrations");
  private static final Pattern VERSION = Pattern.compile("V(\\d+)__.*\\.sql");

  @TempDir
  static Path dir;
  static final List<String> schemas = new ArrayList<>();

  static List<Integer> versions() throws IOException {
    List<Integer> v = new ArrayList<>();
    try (Stream<Path> files = Files.list(MIGRATIONS)) {
      files.map(f -> VERSION.matcher(f.getFileName().toString())).filter(Matcher::matches)
          .forEach(m -> v.add(Integer.parseInt(m.group(1))));
    }
    v.sort(null);
    return v;
  }

  static Stream<Arguments> storesOfEveryVersion() throws IOException {
    List<Arguments> a = new ArrayList<>();
    for (int v : versions()) {
      a.add(Arguments.of("sqlite", v));
      a.add(Arguments.of("postgresql", v));
    }
    return a.stream();
  }

  @Test
  void everySchemaVersionHasADataFixture() throws IOException {
    List<Integer> versions = versions();
    assertTrue(!versions.isEmpty(), "migrations under " + MIGRATIONS.toAbsolutePath());
    for (int v : versions) {
      assertTrue(Files.isRegularFile(FIXTURES.resolve("V" + v + "__data.sql")),
          "schema version " + v + " needs store-migrations/V" + v + "__data.sql: rows as that version holds them");
    }
  }

  @ParameterizedTest
  @MethodSource("storesOfEveryVersion")
  void aStoreOfThisVersionWithDataMigratesToTheNewestAndKeepsEveryRow(String kind, int version) throws Exception {
    String url;
    if (kind.equals("sqlite")) {
      url = "jdbc:sqlite:" + dir.resolve("v" + version + ".db");
    } else {
      String schema = "cinerec_migration_" + ProcessHandle.current().pid() + "_v" + version;
      try (Connection c = DriverManager.getConnection(Services.postgres()); Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        s.execute("CREATE SCHEMA " + schema);
      }
      schemas.add(schema);
      url = Services.postgres() + "&currentSchema=" + schema;
    }
    Flyway.configure().dataSource(url, null, null).locations("classpath:db/migration")
        .target(Integer.toString(version)).load().migrate();
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      for (String line : Files.readAllLines(FIXTURES.resolve("V" + version + "__data.sql"), StandardCharsets.UTF_8)) {
        if (!line.isBlank() && !line.startsWith("--")) {
          s.execute(line.endsWith(";") ? line.substring(0, line.length() - 1) : line);
        }
      }
    }
    try (JdbcRatingStore store = JdbcRatingStore.open(StoreUrl.parse(kind.equals("sqlite") ? url.substring(12) : url))) {
      check(version, store);
    }
  }

  /** What each version's fixture holds, read through the newest code. */
  private static void check(int version, JdbcRatingStore store) {
    switch (version) {
      case 1 -> {
        assertEquals("00c0ffee00c0ffee", store.seededWith().orElseThrow());
        assertEquals("ml-latest-small", store.seedSource().orElseThrow());
        JdbcRatingStore.User one = store.user("1").orElseThrow();
        assertEquals(StoredRating.Origin.DATASET, one.origin());
        assertEquals(null, one.keyHash());
        assertEquals(1_700_000_000_000L, one.createdAt());
        JdbcRatingStore.User zoe = store.user("v-Zoë").orElseThrow();
        assertEquals(StoredRating.Origin.API, zoe.origin());
        assertEquals("a3f1c2", zoe.keyHash());
        assertEquals(List.of(
            new StoredRating("1", "1", 4.0f, 964_982_703L, StoredRating.Origin.DATASET),
            new StoredRating("1", "318", 3.5f, 1_700_000_002L, StoredRating.Origin.API),
            new StoredRating("1", "50", 5.0f, 964_982_931L, StoredRating.Origin.DATASET)), sorted(store.ratings("1")));
        assertEquals(List.of(new StoredRating("v-Zoë", "2571", 0.5f, 1_700_000_003L, StoredRating.Origin.API)),
            store.ratings("v-Zoë"));
        assertEquals(List.of("1"), store.dismissals("v-Zoë"));
        assertEquals(new JdbcRatingStore.Counts(2, 4, 1, 2), store.counts());
        assertEquals(List.of(), store.movies(), "no movie added before version 2");
      }
      case 2 -> {
        assertEquals("00c0ffee00c0ffee", store.seededWith().orElseThrow());
        assertEquals(List.of(new StoredMovie("9001", "Tide of Glass", 2026, List.of("Drama", "Sci-Fi"),
            1_800_000_000_000L), new StoredMovie("new-ß", "Ünknown Year", 0, List.of(), 1_800_000_000_001L)),
            store.movies());
        assertEquals(List.of(new StoredRating("v-Zoë", "9001", 4.5f, 1_800_000_002L, StoredRating.Origin.API)),
            store.ratings("v-Zoë"));
        assertEquals(Catalog.Details.NONE, store.movies().get(0).details(), "added before details existed");
      }
      case 3 -> {
        assertEquals(List.of(new StoredMovie("9002", "Salt Harbour", 2025, List.of("Drama"), 1_800_000_000_000L,
            new Catalog.Details("fr", 104, "Two sisters keep a lighthouse at Ærø. <b>Text</b> & more")),
            new StoredMovie("9003", "No Details", 0, List.of(), 1_800_000_000_001L)), store.movies());
      }
      case 4 -> {
        assertEquals(java.util.Map.of("age", "34", "occupation", "doctor/health care"), store.attributes("v-Ana"));
        assertEquals(java.util.Map.of(), store.attributes("nobody"));
      }
      default -> throw new AssertionError("schema version " + version + ": say here what its fixture holds");
    }
  }

  private static List<StoredRating> sorted(List<StoredRating> rows) {
    List<StoredRating> s = new ArrayList<>(rows);
    s.sort((a, b) -> a.movieId().compareTo(b.movieId()));
    return s;
  }

  @AfterAll
  static void dropSchemas() throws Exception {
    if (schemas.isEmpty()) {
      return;
    }
    try (Connection c = DriverManager.getConnection(Services.postgres()); Statement s = c.createStatement()) {
      for (String x : schemas) {
        s.execute("DROP SCHEMA IF EXISTS " + x + " CASCADE");
      }
    }
  }
}
