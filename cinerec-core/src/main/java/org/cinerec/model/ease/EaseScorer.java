package org.cinerec.model.ease;

import java.io.IOException;
import org.cinerec.store.ModelWriter;

/**
 * The learned weights B of EASE in one of two equivalent forms (see {@link EaseModel}). Items here are
 * active-item indices (items with at least one training rating), and a user is given by her sorted
 * active items {@code items[from..to)}
 * with weights {@code weights[from..to)} ({@code weights == null}: every item weighs 1, the paper's binary x_u).
 */
interface EaseScorer {

  /** {@code out[j] = Σ_{i ∈ user} w_i B_ij} for every active item j. */
  void scoreUser(int[] items, float[] weights, int from, int to, double[] out);

  /** {@code Σ_{i ∈ user} w_i B_ij} for one active item j. */
  double scoreOne(int[] items, float[] weights, int from, int to, int j);

  /** Row i of B: {@code out[j] = B_ij} for every active item j ({@code B_ii = 0}). */
  void row(int i, double[] out);

  /**
   * Row i of B at the active items {@code js} only: {@code out[t] = B_i,js[t]}, the same bits as {@link #row}
   * gives there; 0 where {@code js[t] < 0} (an item nobody rated).
   */
  void row(int i, int[] js, double[] out);

  void write(ModelWriter out) throws IOException;
}
