package org.cinerec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.cinerec.Progress;
import org.cinerec.data.Dataset;
import org.cinerec.io.DataSources;
import org.cinerec.server.store.JdbcRatingStore;
import org.cinerec.server.store.StoreUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cinerec train STORE}: the store's ratings (with the service's writes) over the seed data's catalogue. */
class TrainFromStoreTest {
  @TempDir
  Path dir;

  @Test
  void trainsOnTheStoresRatingsIncludingNewUsersAndDeletions() throws Exception {
    Path data = CliFixture.movieLens(dir.resolve("ml"));
    Dataset seed = DataSources.load(data, org.cinerec.io.LoadOptions.defaults(), Progress.NONE);
    Path storeFile = dir.resolve("ratings.db");
    try (JdbcRatingStore store = JdbcRatingStore.open(StoreUrl.parse(storeFile.toString()))) {
      store.seed(seed, JdbcRatingStore.fingerprint(seed), data.toAbsolutePath().toString());
      store.createUser("newbie", null);
      store.putRating("newbie", "1", 5f, 1_800_000_000L);
      store.putRating("newbie", "2", 4.5f, 1_800_000_001L);
      assertTrue(store.deleteRating("99", "3"));
    }
    Path model = dir.resolve("m.cinerec");
    CliFixture.Run r = CliFixture.run("train", storeFile.toString(), "--model", "popularity", "--no-eval",
        "--out", model.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("kept " + (seed.ratings().size() - 1 + 2)), r.err());
    var m = org.cinerec.model.ModelFiles.load(model).model();
    assertTrue(m.users().indexOf("newbie") >= 0, "a user created through the service is trained");
    assertFalse(m.knowsUser(m.users().indexOf("99")), "user 99's only rating was deleted in the store");
    CliFixture.Run again = CliFixture.run("evaluate", model.toString());
    assertEquals(0, again.code(), "evaluate finds the store the model was trained from: " + again.err());
  }

  @Test
  void aStoreThatWasNeverSeededSaysHowToSeedIt() throws Exception {
    Path storeFile = dir.resolve("empty.db");
    try (JdbcRatingStore store = JdbcRatingStore.open(StoreUrl.parse(storeFile.toString()))) {
      store.createUser("x", null);
    }
    CliFixture.Run r = CliFixture.run("train", storeFile.toString(), "--model", "popularity", "--no-eval");
    assertEquals(1, r.code());
    assertTrue(r.err().contains("does not record the dataset it was seeded from"), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
  }
}
