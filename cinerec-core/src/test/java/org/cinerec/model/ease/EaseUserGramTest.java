package org.cinerec.model.ease;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.cinerec.math.Rng;
import org.cinerec.math.SparseRows;
import org.junit.jupiter.api.Test;

/**
 * {@link EaseUserGram}'s row of B (what reasons and {@code similar} read) has the bits of the user-scoring
 * path's arithmetic for a user who rated that one movie: K x_i summed four columns per pass must equal
 * {@code kTimes}' one column at a time, for movies rated by 0 to 3 more users than a multiple of four.
 */
class EaseUserGramTest {

  @Test
  void aRowHasTheBitsOfScoringAOneMovieUser() {
    Rng rng = new Rng(20261204L);
    int users = 37;
    int items = 23;
    int[] userOf = new int[users * items];
    int[] itemOf = new int[users * items];
    int n = 0;
    for (int u = 0; u < users; u++) {
      for (int i = 0; i < items; i++) {
        if (rng.nextDouble() < 0.1 + 0.8 * i / items) { // item i rated by about (0.1 + 0.8 i / items) of users
          userOf[n] = u;
          itemOf[n++] = i;
        }
      }
    }
    SparseRows byUser = SparseRows.of(java.util.Arrays.copyOf(userOf, n), java.util.Arrays.copyOf(itemOf, n),
        new float[n], users);
    EaseUserGram g = EaseUserGram.fit(byUser, EaseUserGram.transpose(byUser, items), 7.5);
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
}
