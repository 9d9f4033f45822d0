package org.cinerec.prep;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cinerec.data.CsrIndex;
import org.cinerec.data.Dataset;
import org.cinerec.data.Ratings;

/**
 * What {@code cinerec info} shows: shape, sparsity, rating distribution, most-rated movies and the
 * users and movies with the fewest ratings. Computed in one pass over the columns plus the CSR indexes.
 *
 * @param ratings            number of ratings
 * @param users              users in the vocabulary
 * @param movies             movies in the vocabulary (the whole catalogue)
 * @param moviesRated        movies with at least one rating
 * @param moviesWithMetadata catalogue entries with real metadata (not placeholders)
 * @param density            ratings / (users × movies)
 * @param meanRating         mean rating
 * @param distribution       rating value → count, ascending
 * @param firstRating        earliest timestamp (ISO-8601), or null when there are no timestamps
 * @param lastRating         latest timestamp (ISO-8601)
 * @param mostRated          the most-rated movies, most first (ties by item index)
 * @param fewestUsers        the users with the fewest ratings, fewest first
 * @param fewestMovies       the rated movies with the fewest ratings, fewest first
 * @param minUserRatings     ratings of the least active user
 * @param medianUserRatings  median ratings per user
 * @param unratedMovies      catalogue movies nobody rated
 */
public record DatasetSummary(long ratings, int users, int movies, int moviesRated, int moviesWithMetadata,
    double density, double meanRating, Map<Float, Long> distribution, String firstRating, String lastRating,
    List<Entry> mostRated, List<Entry> fewestUsers, List<Entry> fewestMovies, int minUserRatings,
    int medianUserRatings, int unratedMovies) {

  /** A user or movie with its rating count and mean rating. */
  public record Entry(String id, String title, int count, double mean) {}

  /** Summarises a dataset, listing {@code top} entries in each list. */
  public static DatasetSummary of(Dataset d, int top) {
    Ratings r = d.ratings();
    Map<Float, Long> dist = new TreeMap<>();
    long minT = Long.MAX_VALUE;
    long maxT = 0;
    float[] rating = r.ratings();
    // count distinct values without boxing per row: ratings are few distinct values
    float[] values = new float[64];
    long[] counts = new long[64];
    int distinct = 0;
    for (int i = 0; i < rating.length; i++) {
      float v = rating[i];
      int k = 0;
      while (k < distinct && values[k] != v) {
        k++;
      }
      if (k == distinct) {
        if (distinct == values.length) {
          values = java.util.Arrays.copyOf(values, distinct * 2);
          counts = java.util.Arrays.copyOf(counts, distinct * 2);
        }
        values[distinct++] = v;
      }
      counts[k]++;
      long t = r.timestamp(i);
      minT = Math.min(minT, t);
      maxT = Math.max(maxT, t);
    }
    for (int k = 0; k < distinct; k++) {
      dist.put(values[k], counts[k]);
    }
    CsrIndex byItem = r.byItem();
    CsrIndex byUser = r.byUser();
    int rated = r.activeItems();
    int withMeta = 0;
    for (int i = 0; i < d.numItems(); i++) {
      withMeta += d.catalog().hasMetadata(i) ? 1 : 0;
    }
    List<Entry> most = ranked(d, byItem, top, true, true);
    List<Entry> fewestMovies = ranked(d, byItem, top, false, true);
    List<Entry> fewestUsers = ranked(d, byUser, top, false, false);
    int[] userCounts = new int[d.numUsers()];
    for (int u = 0; u < userCounts.length; u++) {
      userCounts[u] = byUser.count(u);
    }
    java.util.Arrays.sort(userCounts);
    double density = d.numUsers() == 0 || d.numItems() == 0 ? 0 : (double) r.size() / ((double) d.numUsers() * d.numItems());
    boolean times = maxT > 0;
    return new DatasetSummary(r.size(), d.numUsers(), d.numItems(), rated, withMeta, density, r.mean(), dist,
        times ? Instant.ofEpochSecond(minT).toString() : null, times ? Instant.ofEpochSecond(maxT).toString() : null,
        most, fewestUsers, fewestMovies, userCounts.length == 0 ? 0 : userCounts[0],
        userCounts.length == 0 ? 0 : userCounts[userCounts.length / 2], d.numItems() - rated);
  }

  private static List<Entry> ranked(Dataset d, CsrIndex index, int top, boolean most, boolean items) {
    int n = index.numKeys();
    List<Integer> keys = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      if (index.count(k) > 0) {
        keys.add(k);
      }
    }
    keys.sort((a, b) -> {
      int c = Integer.compare(index.count(a), index.count(b));
      return c != 0 ? (most ? -c : c) : Integer.compare(a, b);
    });
    float[] rating = d.ratings().ratings();
    int[] pos = index.positions();
    List<Entry> out = new ArrayList<>();
    for (int j = 0; j < Math.min(top, keys.size()); j++) {
      int k = keys.get(j);
      double sum = 0;
      for (int p = index.start(k); p < index.end(k); p++) {
        sum += rating[pos[p]];
      }
      out.add(new Entry(items ? d.items().id(k) : d.users().id(k), items ? d.catalog().displayTitle(k) : null,
          index.count(k), sum / index.count(k)));
    }
    return out;
  }
}
