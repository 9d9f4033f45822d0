package org.cinerec.synth;

import org.cinerec.math.Rng;

/**
 * Walker/Vose alias method: draws index {@code i} with probability {@code w[i] / sum(w)} in O(1) (one
 * uniform integer and one uniform double). Vose, "A linear algorithm for generating random numbers with
 * a given distribution", IEEE TSE 17(9), 1991.
 */
final class AliasTable {
  private final int[] alias;
  private final double[] prob;

  AliasTable(double[] weights) {
    int n = weights.length;
    alias = new int[n];
    prob = new double[n];
    double sum = 0;
    for (double w : weights) {
      sum += w;
    }
    double[] scaled = new double[n];
    int[] small = new int[n];
    int[] large = new int[n];
    int ns = 0;
    int nl = 0;
    for (int i = 0; i < n; i++) {
      scaled[i] = weights[i] * n / sum;
      if (scaled[i] < 1) {
        small[ns++] = i;
      } else {
        large[nl++] = i;
      }
    }
    while (ns > 0 && nl > 0) {
      int s = small[--ns];
      int l = large[--nl];
      prob[s] = scaled[s];
      alias[s] = l;
      scaled[l] = scaled[l] + scaled[s] - 1;
      if (scaled[l] < 1) {
        small[ns++] = l;
      } else {
        large[nl++] = l;
      }
    }
    while (nl > 0) {
      prob[large[--nl]] = 1;
    }
    while (ns > 0) {
      prob[small[--ns]] = 1; // rounding leftovers
    }
  }

  int size() {
    return prob.length;
  }

  int sample(Rng rng) {
    int i = rng.nextInt(prob.length);
    return rng.nextDouble() < prob[i] ? i : alias[i];
  }
}
