package org.cinerec.model.ease;

import java.util.List;
import java.util.Map;
import org.cinerec.CinerecException;
import org.cinerec.data.Dataset;
import org.cinerec.data.Ratings;
import org.cinerec.math.SparseRows;
import org.cinerec.model.ModelInfo;
import org.cinerec.model.Params;
import org.cinerec.model.Recommender;
import org.cinerec.model.Trainer;
import org.cinerec.model.TrainingItems;
import org.cinerec.train.TrainingListener;

/**
 * Fits {@link EaseModel} in closed form: builds the binary X over active items (repeated (user, item)
 * pairs count once), then inverts the smaller Gram matrix ({@code solver=auto}). Deterministic: no random
 * choices; the Gram matrices hold exact integer counts. With {@code recency-half-life > 0} each user's
 * entries also carry her recency weights (see {@link RecencyWeights}), used only when scoring. With
 * {@code adjacency > 0} the item Gram matrix weighs each pair by its distance in time ({@link AdjacencyGram}).
 */
final class EaseTrainer implements Trainer {
  private final Params params;

  EaseTrainer(Params params) {
    this.params = params;
  }

  @Override
  public String kind() {
    return EaseFamily.KIND;
  }

  @Override
  public Params params() {
    return params;
  }

  @Override
  public Recommender fit(Dataset train, Ratings validation, TrainingListener listener) {
    if (params.getDouble(EaseFamily.ADJACENCY.name()) > 0 && params.getString(EaseFamily.SOLVER.name())
        .equals("user-gram")) {
      throw CinerecException.usage("--solver user-gram cannot weigh pairs by --adjacency (the Woodbury form needs "
          + "the Gram matrix XᵀX); use --solver item-gram or auto");
    }
    if (params.getDouble(EaseFamily.ADJACENCY_FLOOR.name()) > 0 && params.getDouble(EaseFamily.ADJACENCY.name()) == 0) {
      throw CinerecException.usage("--adjacency-floor is what far-apart pairs count under --adjacency S, which is 0 "
          + "(off); give --adjacency too (e.g. --adjacency 10 --adjacency-floor 0.15), or leave the floor out");
    }
    long t0 = System.nanoTime();
    listener.started("ease", 1);
    Ratings r = train.ratings();
    double lambda = params.getDouble(EaseFamily.LAMBDA.name());
    int numItems = r.numItems();
    int numUsers = r.numUsers();
    float[] popularity = new float[numItems];
    for (int i : r.items()) {
      popularity[i]++;
    }
    int[] activeOf = new int[numItems];
    int nActive = 0;
    for (int i = 0; i < numItems; i++) {
      activeOf[i] = popularity[i] > 0 ? nActive++ : -1;
    }
    int[] itemOfActive = new int[nActive];
    for (int i = 0; i < numItems; i++) {
      if (activeOf[i] >= 0) {
        itemOfActive[activeOf[i]] = i;
      }
    }
    int[] activeItem = new int[r.size()];
    for (int p = 0; p < activeItem.length; p++) {
      activeItem[p] = activeOf[r.item(p)];
    }
    double halfLife = params.getDouble(EaseFamily.RECENCY_HALF_LIFE.name());
    float[] recency = halfLife > 0 ? RecencyWeights.of(r, halfLife) : new float[r.size()];
    SparseRows userRows = dedupe(SparseRows.of(r.users(), activeItem, recency, numUsers));
    float[] weights = halfLife > 0 ? userRows.vals() : null;

    // X over active users (rows with at least one item) for the user-gram form
    int[] activeUserOf = new int[numUsers];
    int mActive = 0;
    for (int u = 0; u < numUsers; u++) {
      activeUserOf[u] = userRows.count(u) > 0 ? mActive++ : -1;
    }
    String solver = params.getString(EaseFamily.SOLVER.name());
    double adjacency = params.getDouble(EaseFamily.ADJACENCY.name());
    boolean itemGram = adjacency > 0 || solver.equals("item-gram") || (solver.equals("auto") && nActive <= mActive);
    EaseScorer scorer;
    if (itemGram) {
      requireItemGramFits(nActive, mActive, adjacency > 0);
      SparseRows byItem = EaseUserGram.transpose(userRows, nActive);
      AdjacencyGram adjacent = null;
      if (adjacency > 0) {
        if (!hasTimes(r)) {
          throw CinerecException.usage("--adjacency weighs pairs of ratings by their distance in time, and these "
              + r.size() + " ratings have no times (all at one instant); leave --adjacency at 0");
        }
        int[] older = RecencyWeights.olderCounts(r);
        float[] negated = new float[older.length];
        for (int p = 0; p < older.length; p++) {
          negated[p] = -older[p];
        }
        adjacent = AdjacencyGram.of(dedupe(SparseRows.of(r.users(), activeItem, negated, numUsers)), adjacency,
            params.getDouble(EaseFamily.ADJACENCY_FLOOR.name()));
      }
      scorer = EaseItemGram.fit(byItem, userRows, lambda, adjacent);
    } else {
      int[] offsets = new int[mActive + 1];
      for (int u = 0; u < numUsers; u++) {
        if (activeUserOf[u] >= 0) {
          offsets[activeUserOf[u] + 1] = offsets[activeUserOf[u]] + userRows.count(u);
        }
      }
      SparseRows x = new SparseRows(offsets, userRows.cols(), userRows.vals());
      scorer = EaseUserGram.fit(x, EaseUserGram.transpose(x, nActive), lambda);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    listener.progress(1, Double.NaN);
    Map<String, Double> m = new java.util.LinkedHashMap<>(); // in this order (Map.of's order changes per JVM)
    m.put("active_items", (double) nActive);
    m.put("active_users", (double) mActive);
    m.put("item_gram", itemGram ? 1.0 : 0.0);
    listener.epochEnded(1, m);
    listener.finished();
    ModelInfo info = ModelInfo.of(kind(), params, 0L, train, seconds, List.of(new ModelInfo.EpochRecord(1, seconds, m)));
    return new EaseModel(info, train.users(), train.items(), itemOfActive, userRows, weights, popularity, scorer, TrainingItems.of(r));
  }

  /**
   * The item Gram form holds {@code n²} doubles, then B as {@code n²} floats: past what one Java array holds, or
   * past the heap, it fails here with what to do instead of an arithmetic overflow or an out-of-memory error later.
   */
  static void requireItemGramFits(int n, int users, boolean adjacency) {
    long bytes = 12L * n * n;
    long heap = Runtime.getRuntime().maxMemory();
    boolean tooLong = (long) n * n + n > Integer.MAX_VALUE - 8;
    if (!tooLong && bytes <= heap) {
      return;
    }
    String what = String.format(java.util.Locale.ROOT, "ease: the item Gram matrix of %,d rated movies needs %,d MB",
        n, bytes >> 20);
    boolean userGramFits = (long) users * users + users <= Integer.MAX_VALUE - 8 && 8L * users * users <= heap;
    String scales = "a model that scales with the catalogue (ials, mf)";
    String instead = !userGramFits ? "use " + scales
        : adjacency ? "--adjacency needs that form; leave it at 0 for the user Gram form (" + users + " users), or use "
            + scales
        : "use --solver user-gram (" + users + " users) or " + scales;
    if (tooLong) {
      throw CinerecException.usage(what + ", past what one Java array holds (46,340 movies at most); " + instead);
    }
    throw CinerecException.usage(what + String.format(java.util.Locale.ROOT,
        " and this JVM may use %,d MB; give it more (JAVA_OPTS=-Xmx%dg) or %s", heap >> 20,
        Math.max(2, (bytes * 3 / 2 >> 30) + 1), instead));
  }

  /** False when every rating has the same time (data without times). */
  static boolean hasTimes(Ratings r) {
    int[] t = r.packedTimestamps();
    for (int p = 1; p < t.length; p++) {
      if (t[p] != t[0]) {
        return true;
      }
    }
    return false;
  }

  /** Drops repeated columns within each row (sorted), so X is binary; a repeated column keeps its largest value. */
  static SparseRows dedupe(SparseRows rows) {
    int[] offsets = new int[rows.numRows() + 1];
    int[] cols = new int[rows.cols().length];
    float[] vals = new float[cols.length];
    int w = 0;
    for (int u = 0; u < rows.numRows(); u++) {
      for (int p = rows.start(u); p < rows.end(u); p++) {
        if (p == rows.start(u) || rows.cols()[p] != rows.cols()[p - 1]) {
          vals[w] = rows.vals()[p];
          cols[w++] = rows.cols()[p];
        } else {
          vals[w - 1] = Math.max(vals[w - 1], rows.vals()[p]);
        }
      }
      offsets[u + 1] = w;
    }
    return new SparseRows(offsets, java.util.Arrays.copyOf(cols, w), java.util.Arrays.copyOf(vals, w));
  }
}
