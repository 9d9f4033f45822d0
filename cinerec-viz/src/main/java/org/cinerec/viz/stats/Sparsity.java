package org.cinerec.viz.stats;

import java.util.Arrays;
import org.cinerec.data.CsrIndex;
import org.cinerec.data.Ratings;

/**
 * How full the user × movie rating matrix is, drawn as a coarse grid: users with ratings sorted by
 * activity (most active first) down the rows, rated movies sorted by popularity (most rated first)
 * across the columns, each cell holding the share of its user × movie pairs that have a rating.
 *
 * @param density     {@code density[row][col]} in 0..1
 * @param rows        grid rows
 * @param cols        grid columns
 * @param users       users with ratings
 * @param items       movies with ratings
 * @param ratings     ratings (distinct user × movie pairs are assumed)
 * @param fill        ratings / (users × items)
 */
public record Sparsity(double[][] density, int rows, int cols, int users, int items, long ratings, double fill) {

  public static final int MAX_ROWS = 60;
  public static final int MAX_COLS = 120;

  public static Sparsity of(Ratings ratings) {
    Checks.nonEmpty(ratings, "sparsity");
    int[] userRank = rank(ratings.byUser());
    int[] itemRank = rank(ratings.byItem());
    int users = count(userRank);
    int items = count(itemRank);
    int rows = Math.min(users, MAX_ROWS);
    int cols = Math.min(items, MAX_COLS);
    long[][] cells = new long[rows][cols];
    int[] u = ratings.users();
    int[] it = ratings.items();
    for (int p = 0; p < u.length; p++) {
      int row = (int) ((long) userRank[u[p]] * rows / users);
      int col = (int) ((long) itemRank[it[p]] * cols / items);
      cells[row][col]++;
    }
    double[][] density = new double[rows][cols];
    for (int row = 0; row < rows; row++) {
      long usersInRow = span(row, rows, users);
      for (int col = 0; col < cols; col++) {
        density[row][col] = cells[row][col] / (double) (usersInRow * span(col, cols, items));
      }
    }
    double fill = ratings.size() / ((double) users * items);
    return new Sparsity(density, rows, cols, users, items, ratings.size(), fill);
  }

  /** Number of keys k (0..total-1) with k * parts / total == part. */
  private static long span(int part, int parts, int total) {
    long from = ((long) part * total + parts - 1) / parts;
    long to = ((long) (part + 1) * total + parts - 1) / parts;
    return to - from;
  }

  /** Rank of each key by count, most first (ties by key); -1 for keys without entries. */
  private static int[] rank(CsrIndex index) {
    int n = index.numKeys();
    long[] packed = new long[n];
    int m = 0;
    for (int k = 0; k < n; k++) {
      int c = index.count(k);
      if (c > 0) {
        packed[m++] = ((long) (Integer.MAX_VALUE - c) << 32) | k;
      }
    }
    long[] sorted = Arrays.copyOf(packed, m);
    Arrays.sort(sorted);
    int[] rank = new int[n];
    Arrays.fill(rank, -1);
    for (int r = 0; r < m; r++) {
      rank[(int) sorted[r]] = r;
    }
    return rank;
  }

  private static int count(int[] rank) {
    int c = 0;
    for (int r : rank) {
      if (r >= 0) {
        c++;
      }
    }
    return c;
  }
}
