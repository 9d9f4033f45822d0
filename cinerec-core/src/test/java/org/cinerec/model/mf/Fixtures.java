package org.cinerec.model.mf;

import java.util.ArrayList;
import java.util.List;
import org.cinerec.data.Catalog;
import org.cinerec.data.Dataset;
import org.cinerec.data.IdIndex;
import org.cinerec.data.Provenance;
import org.cinerec.data.Ratings;
import org.cinerec.math.Rng;

/** Small datasets made in memory for the factor-model tests. */
public final class Fixtures {
  private Fixtures() {}

  /** A dataset over users "u0".. and items "i0".. with placeholder catalog entries. */
  public static Dataset dataset(int numUsers, int numItems, int[] user, int[] item, float[] rating) {
    String[] us = new String[numUsers];
    for (int u = 0; u < numUsers; u++) {
      us[u] = "u" + u;
    }
    String[] is = new String[numItems];
    Catalog.Builder cb = Catalog.builder();
    for (int i = 0; i < numItems; i++) {
      is[i] = "i" + i;
      cb.addPlaceholder(is[i]);
    }
    Ratings r = new Ratings(user, item, rating, new int[user.length], numUsers, numItems);
    return new Dataset(r, IdIndex.of(us), IdIndex.of(is), cb.build(), Provenance.of("test", user.length, null));
  }

  /** A planted matrix {@code 3 + Σ_f a_uf b_if} of the given rank, and a train/test split of its cells. */
  public record Planted(Dataset train, Ratings test, float[] truth, int numItems) {
    public float truth(int u, int i) {
      return truth[u * numItems + i];
    }
  }

  /**
   * Users × items cells of a planted rank-{@code rank} matrix with values around 3 (within about ±1.5),
   * each cell observed with probability {@code density}; a fifth of the observed cells are held out.
   */
  public static Planted planted(long seed, int numUsers, int numItems, int rank, double density) {
    Rng rng = new Rng(seed);
    float[] a = new float[numUsers * rank];
    float[] b = new float[numItems * rank];
    rng.fillGaussian(a, 0, 1);
    rng.fillGaussian(b, 0, 1);
    float scale = (float) (0.5 / Math.sqrt(rank));
    float[] truth = new float[numUsers * numItems];
    List<int[]> train = new ArrayList<>();
    List<int[]> test = new ArrayList<>();
    for (int u = 0; u < numUsers; u++) {
      for (int i = 0; i < numItems; i++) {
        float s = 3f;
        for (int f = 0; f < rank; f++) {
          s += scale * a[u * rank + f] * b[i * rank + f];
        }
        truth[u * numItems + i] = s;
        if (rng.nextDouble() < density) {
          (rng.nextDouble() < 0.2 ? test : train).add(new int[] {u, i});
        }
      }
    }
    Dataset tr = fromCells(numUsers, numItems, train, truth);
    Dataset te = fromCells(numUsers, numItems, test, truth);
    return new Planted(tr, te.ratings(), truth, numItems);
  }

  private static Dataset fromCells(int nu, int ni, List<int[]> cells, float[] truth) {
    int n = cells.size();
    int[] us = new int[n];
    int[] is = new int[n];
    float[] rs = new float[n];
    for (int k = 0; k < n; k++) {
      us[k] = cells.get(k)[0];
      is[k] = cells.get(k)[1];
      rs[k] = truth[us[k] * ni + is[k]];
    }
    return dataset(nu, ni, us, is, rs);
  }
}
