package org.cinerec.server.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cinerec.CinerecException;
import org.cinerec.data.Catalog;
import org.cinerec.data.DataFingerprint;
import org.cinerec.data.Dataset;
import org.cinerec.data.IdIndex;
import org.cinerec.data.Provenance;
import org.cinerec.data.Ratings;
import org.cinerec.data.UserAttributes;
import java.util.Arrays;

/**
 * The ratings of a store as a {@link Dataset}, for training from the store ({@code cinerec train STORE}):
 * once seeded, the store is the authority — a rating deleted through the service is gone, a changed one
 * counts with its new value, and each (user, movie) is there once, so nothing is double-counted.
 *
 * <p>The movies, their metadata and the rating scale come from the dataset the store was seeded from (its
 * fingerprint must match), then the movies added through the service ({@link JdbcRatingStore#movies}, in the
 * order added; one the seed data already has is its own), so a model trained from the store knows them as it
 * knows any other movie; the users are that dataset's users, in its order, then the users created
 * through the service, in id order. A stored rating of a movie outside that catalogue is dropped
 * and counted in the provenance (the service never writes one).
 */
public final class StoreDataset {
  private StoreDataset() {}

  /** The store's ratings over {@code seed}'s catalogue; {@code seed} must be the data the store was seeded from. */
  public static Dataset read(JdbcRatingStore store, Dataset seed) {
    String fingerprint = DataFingerprint.hex(DataFingerprint.of(seed));
    String had = store.seededWith().orElseThrow(() -> new CinerecException("the ratings store "
        + store.describe() + " was never seeded from a dataset, so it has no catalogue to train on; serve a "
        + "model with it first (cinerec serve MODEL --data DATA --store ...)"));
    if (!had.equals(fingerprint)) {
      throw new CinerecException("the ratings store " + store.describe() + " was seeded from another dataset "
          + "(fingerprint " + had + ") than " + seed.provenance().format() + " data with fingerprint "
          + fingerprint + "; give the data it was seeded from");
    }
    List<StoredMovie> added = new ArrayList<>();
    for (StoredMovie m : store.movies()) {
      if (seed.items().indexOf(m.movieId()) < 0) {
        added.add(m);
      }
    }
    IdIndex items = added.isEmpty() ? seed.items() : withAdded(seed.items(), added);
    Catalog catalog = added.isEmpty() ? seed.catalog() : withAdded(seed.catalog(), seed.items(), added);
    List<String> userIds = new ArrayList<>(List.of(seed.users().ids()));
    Map<String, Integer> extraUsers = new LinkedHashMap<>();
    Columns cols = new Columns();
    long[] counts = new long[3]; // from the dataset, through the api, dropped
    store.forEachRating(r -> {
      int item = items.indexOf(r.movieId());
      if (item < 0) {
        counts[2]++;
        return;
      }
      int user = seed.users().indexOf(r.userId());
      if (user < 0) {
        user = extraUsers.computeIfAbsent(r.userId(), id -> {
          userIds.add(id);
          return userIds.size() - 1;
        });
      }
      cols.add(user, item, r.rating(), Ratings.packTimestamp(r.ratedAt()));
      counts[r.origin() == StoredRating.Origin.API ? 1 : 0]++;
    });
    int n = cols.n;
    Ratings ratings = new Ratings(Arrays.copyOf(cols.user, n), Arrays.copyOf(cols.item, n),
        Arrays.copyOf(cols.rating, n), Arrays.copyOf(cols.time, n), userIds.size(), items.size());
    long read = counts[0] + counts[1] + counts[2];
    Map<String, Long> dropped = counts[2] == 0 ? Map.of() : Map.of("movie not in the catalogue", counts[2]);
    String note = String.format(Locale.ROOT, "ratings from the store %s: %d seeded from the dataset (%d at "
        + "seeding), %d written through the service, %d users; catalogue and scale from the seed data%s",
        store.describe(), counts[0], seed.ratings().size(), counts[1], userIds.size(), added.isEmpty() ? ""
            : String.format(Locale.ROOT, ", and %d movies added through the service", added.size()));
    Provenance p = new Provenance("cinerec-store", seed.provenance().sources(), read, n, dropped, Map.of(),
        Map.of(), List.of(note));
    IdIndex users = IdIndex.of(userIds);
    return new Dataset(ratings, users, items, catalog, p, seed.scale(), attributes(store, seed, users));
  }

  /**
   * The users' attributes: the seed's users keep the data's (demographics); users created through the service
   * have what they told ({@link JdbcRatingStore#attributes}), under the same names, so a model trained with
   * {@code --user-features} learns from them too. A name only the service's users have becomes an attribute
   * of its own (unknown for everyone else).
   */
  private static UserAttributes attributes(JdbcRatingStore store, Dataset seed, IdIndex users) {
    UserAttributes fromSeed = seed.userAttributes().withUsers(seed.users(), users);
    Map<String, Map<String, String>> told = store.allAttributes();
    if (told.isEmpty()) {
      return fromSeed;
    }
    List<String> names = new ArrayList<>(fromSeed.names());
    told.values().forEach(m -> m.keySet().stream().filter(n -> !names.contains(n)).forEach(names::add));
    String[][] rows = new String[users.size()][];
    for (int u = 0; u < rows.length; u++) {
      Map<String, String> mine = seed.users().indexOf(users.id(u)) >= 0 ? null : told.get(users.key(u));
      String[] row = new String[names.size()];
      for (int a = 0; a < row.length; a++) {
        int k = fromSeed.indexOf(names.get(a));
        row[a] = mine != null ? mine.get(names.get(a)) : k >= 0 ? fromSeed.value(u, k) : null;
      }
      rows[u] = row;
    }
    return UserAttributes.ofRows(names, rows);
  }

  /** The seed's movie ids, then the added movies'. */
  private static IdIndex withAdded(IdIndex seedItems, List<StoredMovie> added) {
    List<String> ids = new ArrayList<>(List.of(seedItems.ids()));
    for (StoredMovie m : added) {
      ids.add(m.movieId());
    }
    return IdIndex.of(ids);
  }

  /** The seed's catalogue, then the added movies' rows with their details (no IMDb or TMDB ids). */
  private static Catalog withAdded(Catalog seed, IdIndex seedItems, List<StoredMovie> added) {
    Catalog.Builder b = Catalog.builder();
    for (int i = 0; i < seed.size(); i++) {
      b.addFrom(seed, i, seedItems.id(i));
    }
    for (StoredMovie m : added) {
      b.add(m.title(), m.year(), m.genres().toArray(new String[0]), null, null, m.details());
    }
    return b.build();
  }

  /** Growable rating columns. */
  private static final class Columns {
    int[] user = new int[1024];
    int[] item = new int[1024];
    float[] rating = new float[1024];
    int[] time = new int[1024];
    int n;

    void add(int u, int i, float r, int t) {
      if (n == user.length) {
        user = Arrays.copyOf(user, 2 * n);
        item = Arrays.copyOf(item, 2 * n);
        rating = Arrays.copyOf(rating, 2 * n);
        time = Arrays.copyOf(time, 2 * n);
      }
      user[n] = u;
      item[n] = i;
      rating[n] = r;
      time[n++] = t;
    }
  }
}
