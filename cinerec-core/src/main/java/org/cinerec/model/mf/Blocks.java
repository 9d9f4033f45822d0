package org.cinerec.model.mf;

import org.cinerec.data.Ratings;
import org.cinerec.math.Gang;
import org.cinerec.math.Rng;
import org.cinerec.math.SgdKernel;

/**
 * The stratified schedule of {@code mf --order blocked}, after DSGD (R. Gemulla, E. Nijkamp, P. J. Haas,
 * Y. Sismanis, "Large-Scale Matrix Factorization with Distributed Stochastic Gradient Descent", KDD 2011,
 * doi:10.1145/2020408.2020426): users and items are cut into {@link #B} groups of about equal rating
 * counts ({@link #balancedGroups}), the ratings into B × B blocks. An epoch runs B strata in a seeded order; stratum s
 * holds the blocks {@code (g, (g + s) mod B)}, which share no user and no item, so they run in parallel
 * without locks and without races. Each block visits its ratings in one seeded order
 * ({@link #shuffleWithinBlocks}), and block errors are summed in block order, so the model is bit-identical for a seed
 * whatever the number of threads.
 *
 * <p>Worked example, B = 2: the users of group 0 and the items of group 0 form block (0,0); stratum 0 runs
 * blocks (0,0) and (1,1) together, stratum 1 runs (0,1) and (1,0).
 */
final class Blocks {
  static final int B = 8;

  /** One SGD pass over a block's packed ratings {@code [from, to)} with a thread's scratch rows. */
  @FunctionalInterface
  interface Pass {
    double run(int from, int to, SgdKernel work);
  }

  private final int[] userGroup;
  private final int[] itemGroup;
  private final int[] offsets;
  private final long seed;

  Blocks(Ratings r, long seed) {
    this.userGroup = balancedGroups(r.users(), r.numUsers());
    this.itemGroup = balancedGroups(r.items(), r.numItems());
    this.offsets = new int[B * B + 1];
    for (int n = 0; n < r.size(); n++) {
      offsets[block(r.user(n), r.item(n)) + 1]++;
    }
    for (int b = 0; b < B * B; b++) {
      offsets[b + 1] += offsets[b];
    }
    this.seed = seed;
  }

  /**
   * Groups of about equal rating counts: rows by count, most first (ties by index), each to the group with
   * the fewest ratings so far (ties to the lowest group). With {@code u mod B} the group holding the
   * heaviest users of ml-latest-small had 1.5× the ratings of the lightest, and a stratum waits for its
   * largest block.
   */
  static int[] balancedGroups(int[] ids, int n) {
    long[] keyed = new long[n];
    int[] counts = new int[n];
    for (int id : ids) {
      counts[id]++;
    }
    for (int x = 0; x < n; x++) {
      keyed[x] = ((long) (Integer.MAX_VALUE - counts[x]) << 32) | x;
    }
    java.util.Arrays.sort(keyed);
    long[] load = new long[B];
    int[] group = new int[n];
    for (long key : keyed) {
      int x = (int) key;
      int best = 0;
      for (int g = 1; g < B; g++) {
        if (load[g] < load[best]) {
          best = g;
        }
      }
      group[x] = best;
      load[best] += counts[x];
    }
    return group;
  }

  int block(int user, int item) {
    return userGroup[user] * B + itemGroup[item];
  }

  /** Row positions grouped by block (in row order within a block): the packing order of the ratings. */
  int[] order(Ratings r) {
    int[] next = offsets.clone();
    int[] out = new int[r.size()];
    for (int n = 0; n < r.size(); n++) {
      out[next[block(r.user(n), r.item(n))]++] = n;
    }
    return out;
  }

  /**
   * Shuffles each block's packed ratings in place, block b from its own seeded stream: the fixed order
   * the blocks' ratings are visited in every epoch (as Surprise keeps one order for all epochs; a fresh
   * shuffle per block and epoch cost about 4% of a fit and measured the same RMSE).
   */
  void shuffleWithinBlocks(int[] us, int[] is, float[] rs) {
    for (int b = 0; b < B * B; b++) {
      MfTrainer.shuffle(Rng.forShard(seed ^ 0x5DEECE66DL, b), us, is, rs, offsets[b], offsets[b + 1]);
    }
  }

  /** What happens between epochs. */
  interface EpochEnd {
    /** The number of independent pieces of end-of-epoch work (e.g. penalty chunks), run in parallel. */
    int pieces();

    /** Piece {@code piece} of the end-of-epoch work. */
    void piece(int piece);

    /** On the calling thread, after every piece: e.g. report the epoch. */
    void report(int epoch, double sse);
  }

  /**
   * All epochs on a {@link Gang} of {@code threads} workers: each stratum is one phase whose B blocks are
   * claimed by whichever worker is free (they share no user or item, so the result does not depend on who
   * runs which); after each epoch the {@link EpochEnd#pieces} run as one phase, then the caller
   * {@link EpochEnd#report}s the squared errors (block sums added in stratum, then group order).
   */
  void train(int epochs, int threads, Pass pass, int k, EpochEnd end) {
    double[] blockSse = new double[B * B];
    try (Gang gang = Gang.start(threads)) {
      // each worker makes its own kernel, in its own thread's memory: scratch rows of two workers side
      // by side would share cache lines that both write for every rating
      SgdKernel[] kernels = new SgdKernel[gang.size()];
      for (int epoch = 1; epoch <= epochs; epoch++) {
        int[] shifts = Rng.forShard(seed, epoch).permutation(B);
        for (int si = 0; si < B; si++) {
          int s = shifts[si];
          int row = si * B;
          gang.run(B, (g, worker) -> {
            if (kernels[worker] == null) {
              kernels[worker] = SgdKernel.create(k);
            }
            int b = g * B + (g + s) % B;
            blockSse[row + g] = pass.run(offsets[b], offsets[b + 1], kernels[worker]);
          });
        }
        gang.run(end.pieces(), (piece, worker) -> end.piece(piece));
        end.report(epoch, TrainingData.total(blockSse));
      }
    }
  }
}
