package org.cinerec.math;

/**
 * Uniform training triples for pairwise ranking (BPR's bootstrap sampling, Rendle et al. 2009, section
 * 4.2): a positive pair {@code (u, i)} drawn uniformly from all positives, then a negative item
 * {@code j} drawn uniformly from the catalogue and redrawn while {@code u} has it as a positive
 * (checked in {@link RatedPairs}). Every
 * draw comes from the {@link Rng} given, so a seed fixes the whole sequence.
 */
public final class TripleSampler {
  private static final int MAX_REDRAWS = 1000;

  private final SparseRows positives;
  private final RatedPairs rated;
  private final int[] ownerOf;
  private final int numItems;

  /** {@code positives}: rows = users, sorted columns = their positive items, over {@code numItems} items. */
  public TripleSampler(SparseRows positives, int numItems) {
    this.positives = positives;
    this.numItems = numItems;
    this.rated = new RatedPairs(positives, numItems);
    this.ownerOf = new int[positives.cols().length];
    for (int u = 0; u < positives.numRows(); u++) {
      for (int p = positives.start(u); p < positives.end(u); p++) {
        ownerOf[p] = u;
      }
    }
  }

  /** Number of positive pairs (one epoch of BPR draws this many triples). */
  public int positives() {
    return ownerOf.length;
  }

  /**
   * Draws a triple into {@code out} as {@code {u, i, j}}; false (and nothing usable) when the drawn user
   * has (almost) every item as a positive, so no negative was found.
   */
  public boolean sample(Rng rng, int[] out) {
    int p = rng.nextInt(ownerOf.length);
    int u = ownerOf[p];
    out[0] = u;
    out[1] = positives.cols()[p];
    if (positives.count(u) >= numItems) {
      return false;
    }
    for (int t = 0; t < MAX_REDRAWS; t++) {
      int j = rng.nextInt(numItems);
      if (!rated.contains(u, j)) {
        out[2] = j;
        return true;
      }
    }
    return false;
  }
}
