package org.cinerec.server;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.cinerec.server.store.StoredRating;

/**
 * A user's stored ratings as {@link UserStates} holds them: columns (movie id, rating, time, origin) in
 * increasing movie id order, not an object a rating. A server with a large store takes users in and lets
 * them go all the time; held as {@link StoredRating} records, each user was a few hundred small objects for
 * the young collector to copy and promote (the 60,000-movie catalogue's p99 was set by those pauses,
 * docs/notes/serve-latency.md); as columns it is four arrays. Movie ids are shared instances (the caller's
 * {@code canonical}), so the id column holds no strings of its own. Immutable: a write makes a new one.
 */
final class HeldRatings {
  private final String userId;
  private final String[] movies;
  private final float[] ratings;
  private final long[] ratedAt;
  private final boolean[] api;

  private HeldRatings(String userId, String[] movies, float[] ratings, long[] ratedAt, boolean[] api) {
    this.userId = userId;
    this.movies = movies;
    this.ratings = ratings;
    this.ratedAt = ratedAt;
    this.api = api;
  }

  /** The columns of {@code rows} (one user's, by movie id), each movie id replaced by {@code canonical}'s. */
  static HeldRatings of(String userId, List<StoredRating> rows, UnaryOperator<String> canonical) {
    int n = rows.size();
    for (int k = 1; k < n; k++) {
      if (rows.get(k - 1).movieId().compareTo(rows.get(k).movieId()) >= 0) {
        // a database's collation may order ids otherwise than Java's String order, which the search needs
        List<StoredRating> sorted = new ArrayList<>(rows);
        sorted.sort(java.util.Comparator.comparing(StoredRating::movieId));
        rows = sorted;
        break;
      }
    }
    String[] movies = new String[n];
    float[] ratings = new float[n];
    long[] ratedAt = new long[n];
    boolean[] api = new boolean[n];
    for (int k = 0; k < n; k++) {
      StoredRating r = rows.get(k);
      movies[k] = canonical.apply(r.movieId());
      ratings[k] = r.rating();
      ratedAt[k] = r.ratedAt();
      api[k] = r.origin() == StoredRating.Origin.API;
    }
    return new HeldRatings(userId, movies, ratings, ratedAt, api);
  }

  int size() {
    return movies.length;
  }

  String movie(int k) {
    return movies[k];
  }

  float rating(int k) {
    return ratings[k];
  }

  StoredRating.Origin origin(int k) {
    return api[k] ? StoredRating.Origin.API : StoredRating.Origin.DATASET;
  }

  /** The k-th rating as a record. */
  StoredRating row(int k) {
    return new StoredRating(userId, movies[k], ratings[k], ratedAt[k], origin(k));
  }

  /** Every rating as records, by movie id. */
  List<StoredRating> toList() {
    List<StoredRating> out = new ArrayList<>(movies.length);
    for (int k = 0; k < movies.length; k++) {
      out.add(row(k));
    }
    return List.copyOf(out);
  }

  /** These ratings with {@code r} (of a canonical movie id) in its place: a new rating or a changed one. */
  HeldRatings with(StoredRating r) {
    int at = Arrays.binarySearch(movies, r.movieId());
    if (at >= 0) {
      HeldRatings c = new HeldRatings(userId, movies, ratings.clone(), ratedAt.clone(), api.clone());
      c.set(at, r); // the same movie id: the id column is shared
      return c;
    }
    int ins = -at - 1;
    int n = movies.length;
    HeldRatings c = new HeldRatings(userId, new String[n + 1], new float[n + 1], new long[n + 1],
        new boolean[n + 1]);
    copy(this, 0, c, 0, ins);
    copy(this, ins, c, ins + 1, n - ins);
    c.movies[ins] = r.movieId();
    c.set(ins, r);
    return c;
  }

  /** These ratings without the movie's (the same when there is none). */
  HeldRatings without(String movie) {
    int at = Arrays.binarySearch(movies, movie);
    if (at < 0) {
      return this;
    }
    int n = movies.length;
    HeldRatings c = new HeldRatings(userId, new String[n - 1], new float[n - 1], new long[n - 1],
        new boolean[n - 1]);
    copy(this, 0, c, 0, at);
    copy(this, at + 1, c, at, n - at - 1);
    return c;
  }

  private void set(int k, StoredRating r) {
    ratings[k] = r.rating();
    ratedAt[k] = r.ratedAt();
    api[k] = r.origin() == StoredRating.Origin.API;
  }

  private static void copy(HeldRatings from, int at, HeldRatings to, int toAt, int n) {
    System.arraycopy(from.movies, at, to.movies, toAt, n);
    System.arraycopy(from.ratings, at, to.ratings, toAt, n);
    System.arraycopy(from.ratedAt, at, to.ratedAt, toAt, n);
    System.arraycopy(from.api, at, to.api, toAt, n);
  }
}
