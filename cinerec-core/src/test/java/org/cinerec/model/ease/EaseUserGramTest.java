package org.cinerec.model.ease;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.cinerec.math.Rng;
import org.cinerec.math.SparseRows;
import org.junit.jupiter.api.Test;

/**
 * {@link EaseUserGram}'s row of B (what reasons and {@code similar} read) has the bits of the user-scoring
 * path's arithmetic for a user who rated that one movie: K x_i summed four columns per pass must equal
 * {@code kTimes}' one column at a time, for movies rated by 0 to 3 more users than a multiple of four; and
 * the rows kept once computed are the same bits when four threads ask for them at once.
 */
class EaseUserGramTest {

  @Test
  void aRowHasTheBitsOfScoringAOneMovieUser() {
    int items = 23;
    EaseUserGram g = gram(items);
    double[] row = new double[items];
    int[] js = new int[items];
    double[] some = new double[items];
    for (int j = 0; j < items; j++) {
      js[j] = j;
    }
    for (int i = 0; i < items; i++) {
      g.row(i, row);
      g.row(i, js, some);
      for (int j = 0; j < items; j++) {
        double ref = j == i ? 0 : g.scoreOne(new int[] {i}, null, 0, 1, j);
        assertEquals(Double.doubleToLongBits(ref), Double.doubleToLongBits(row[j]), "B[" + i + "][" + j + "]");
        assertEquals(Double.doubleToLongBits(ref), Double.doubleToLongBits(some[j]), "B[" + i + "][" + j + "] by js");
      }
    }
  }

  @Test
  void rowsKeptOnceComputedAreTheSameBitsAcrossThreads() throws Exception {
    int items = 23;
    double[][] ref = new double[items][items];
    EaseUserGram first = gram(items);
    for (int i = 0; i < items; i++) {
      first.row(i, ref[i]);
    }
    EaseUserGram g = gram(items);
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      java.util.List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int start = t * 5;
        done.add(pool.submit(() -> {
          double[] row = new double[items];
          for (int rep = 0; rep < 50; rep++) {
            for (int s = 0; s < items; s++) {
              int i = (start + s) % items;
              g.row(i, row);
              for (int j = 0; j < items; j++) {
                assertEquals(Double.doubleToLongBits(ref[i][j]), Double.doubleToLongBits(row[j]), "B[" + i + "][" + j + "]");
              }
            }
          }
          return null;
        }));
      }
      for (java.util.concurrent.Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** 37 users; item i rated by about (0.1 + 0.8 i / items) of them. */
  private static EaseUserGram gram(int items) {
    Rng rng = new Rng(20261204L);
    int users = 37;
    int[] userOf = new int[users * items];
    int[] itemOf = new int[users * items];
    int n = 0;
    for (int u = 0; u < users; u++) {
      for (int i = 0; i < items; i++) {
        if (rng.nextDouble() < 0.1 + 0.8 * i / items) {
          userOf[n] = u;
          itemOf[n++] = i;
        }
      }
    }
    SparseRows byUser = SparseRows.of(java.util.Arrays.copyOf(userOf, n), java.util.Arrays.copyOf(itemOf, n),
        new float[n], users);
    return EaseUserGram.fit(byUser, EaseUserGram.transpose(byUser, items), 7.5);
  }
}
