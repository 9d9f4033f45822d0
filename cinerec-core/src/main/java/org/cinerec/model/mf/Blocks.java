package org.cinerec.model.mf;

import org.cinerec.data.Ratings;
import org.cinerec.math.Parallel;
import org.cinerec.math.Rng;
import org.cinerec.math.SgdKernel;

/**
 * The stratified schedule of {@code mf --order blocked}, after DSGD (R. Gemulla, E. Nijkamp, P. J. Haas,
 * Y. Sismanis, "Large-Scale Matrix Factorization with Distributed Stochastic Gradient Descent", KDD 2011,
 * doi:10.1145/2020408.2020426): users and items are cut into {@link #B} groups ({@code u mod B},
 * {@code i mod B}), the ratings into B × B blocks. An epoch runs B strata in a seeded order; stratum s
 * holds the blocks {@code (g, (g + s) mod B)}, which share no user and no item, so they run in parallel
 * without locks and without races. Each block visits its ratings in a fresh seeded order (a stream per
 * block and epoch), and block errors are summed in block order, so the model is bit-identical for a seed
 * whatever the number of threads.
 *
 * <p>Worked example, B = 2: users {0, 2, ..} and items {0, 2, ..} form block (0,0); stratum 0 runs blocks
 * (0,0) and (1,1) together, stratum 1 runs (0,1) and (1,0).
 */
final class Blocks {
  static final int B = 8;

  /** One SGD pass over a block's packed ratings {@code [from, to)} with a thread's scratch rows. */
  @FunctionalInterface
  interface Pass {
    double run(int from, int to, SgdKernel work);
  }

  private final int[] offsets;
  private final long seed;

  Blocks(Ratings r, long seed) {
    this.offsets = new int[B * B + 1];
    for (int n = 0; n < r.size(); n++) {
      offsets[block(r.user(n), r.item(n)) + 1]++;
    }
    for (int b = 0; b < B * B; b++) {
      offsets[b + 1] += offsets[b];
    }
    this.seed = seed;
  }

  static int block(int user, int item) {
    return (user % B) * B + item % B;
  }

  /** Row positions grouped by block (in row order within a block): the packing order of the ratings. */
  static int[] order(Ratings r) {
    int[] next = new int[B * B + 1];
    for (int n = 0; n < r.size(); n++) {
      next[block(r.user(n), r.item(n)) + 1]++;
    }
    for (int b = 0; b < B * B; b++) {
      next[b + 1] += next[b];
    }
    int[] out = new int[r.size()];
    for (int n = 0; n < r.size(); n++) {
      out[next[block(r.user(n), r.item(n))]++] = n;
    }
    return out;
  }

  /** One epoch over the packed ratings; returns the sum of squared errors (summed in block order). */
  double epoch(int epoch, int threads, Pass pass, int[] us, int[] is, float[] rs, int k) {
    Rng strata = Rng.forShard(seed, epoch);
    int[] shifts = strata.permutation(B);
    double sse = 0;
    double[] blockSse = new double[B];
    for (int s : shifts) {
      Parallel.ChunkBody body = (chunk, from, to) -> {
        SgdKernel work = SgdKernel.create(k);
        for (int g = from; g < to; g++) {
          int b = g * B + (g + s) % B;
          Rng rng = Rng.forShard(seed ^ 0x5DEECE66DL, (long) epoch * B * B + b);
          MfTrainer.shuffle(rng, us, is, rs, offsets[b], offsets[b + 1]);
          blockSse[g] = pass.run(offsets[b], offsets[b + 1], work);
        }
      };
      if (threads == 1) {
        body.run(0, 0, B);
      } else {
        Parallel.forEachChunk(B, threads, body);
      }
      for (int g = 0; g < B; g++) {
        sse += blockSse[g];
      }
    }
    return sse;
  }
}
