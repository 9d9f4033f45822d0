package org.cinerec.model.neural;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cinerec.CinerecException;
import org.cinerec.data.Ratings;
import org.cinerec.math.Rng;
import org.cinerec.model.ModelReader;
import org.cinerec.store.ModelWriter;
import org.cinerec.train.Optimizer;

/**
 * The user tower's history part ({@code --user-features history}): the mean of a pooled-movie embedding
 * {@code P} over the user's training movies (her {@code --history-size} most recent by timestamp; 0 = all),
 * added to her id (and attribute) vector, as the "watch vector" of Covington et al. 2016 ("Deep Neural
 * Networks for YouTube Recommendations", RecSys, doi:10.1145/2959100.2959190).
 *
 * <p>{@code P} is a table of its own ({@code movies × d}), not the movie tower's id embedding: the movie
 * tower's rows are what retrieval scores against, and sharing them would add to every user the mean of the
 * movies she rated, which under the dot product is a built-in "more of what you rated" term the retrieval
 * task would have to unlearn for the rating task; a separate table lets the model learn what a watched movie
 * says about a user apart from how the movie is scored.
 *
 * <p>Training leaves the target out of its own pool: batch row b of user u and movie t gets
 * {@code (Σ_{j ∈ H(u)} P[j] − [t ∈ H(u)] P[t]) / c_b}, {@code c_b = |H(u)| − [t ∈ H(u)]} (nothing when
 * {@code c_b = 0}), so the model cannot learn "the movie is in your history"; a row whose movie is not in
 * the pool (validation, test, a rating older than the N most recent) pools all of {@code H(u)}, as scoring
 * does. Gradient: row b's {@code g_b / c_b} to each of its pooled movies; computed per user of the batch as
 * {@code G_u = Σ_{b of u} g_b / c_b} added to each of {@code H(u)}, less {@code g_b / c_b} at {@code t_b}.
 *
 * <p>Layout: {@code offsets} (users + 1) and {@code items} hold each user's pooled movies in increasing
 * index order, as {@link org.cinerec.model.TrainingItems} does. Example: user 0 rated movies 4 (t=30), 1
 * (t=10), 2 (t=20), user 1 movie 2; with N = 2: offsets {@code [0, 2, 3]}, items {@code [2, 4, 2]}.
 */
final class HistoryPool {
  /** N, the most recent movies pooled per user (0 = all). */
  final int size;
  final int dim;
  final int[] offsets;
  final int[] items;
  /** P: {@code movies × d}; when {@link #shared}, the movie tower's id table itself (with its OOV row). */
  final float[] emb;
  /** Whether P is the movie tower's id embedding ({@code --history-table movie}) rather than a table of its own. */
  final boolean shared;

  // training scratch: per batch row its count c_b and the position of its target in items (-1: not pooled)
  private int[] count = new int[0];
  private int[] skip = new int[0];
  private int[] slotOfUser;
  private int[] batchUsers;
  private float[] userSum;
  private float[] grad;
  private int[] touched;
  private boolean[] isTouched;

  HistoryPool(int size, int dim, int[] offsets, int[] items, float[] emb) {
    this(size, dim, offsets, items, emb, false);
  }

  HistoryPool(int size, int dim, int[] offsets, int[] items, float[] emb, boolean shared) {
    this.shared = shared;
    this.size = size;
    this.dim = dim;
    this.offsets = offsets;
    this.items = items;
    this.emb = emb;
  }

  /**
   * The pools of {@code rows} of {@code ratings} ({@code numUsers} users, {@code numItems} movies; N most
   * recent, ties by movie index, a movie rated twice counted once), {@code P} drawn U(−0.05, 0.05) from
   * {@code init}.
   */
  static HistoryPool build(Ratings ratings, int[] rows, int numUsers, int numItems, int size, int dim, Rng init) {
    return build(ratings, rows, numUsers, numItems, size, dim, init, null);
  }

  /** As above; with {@code itemTable} (the movie tower's id table) P is that table, shared. */
  static HistoryPool build(Ratings ratings, int[] rows, int numUsers, int numItems, int size, int dim, Rng init,
      float[] itemTable) {
    int[] ru = ratings.users();
    int[] ri = ratings.items();
    int[] per = new int[numUsers + 1];
    for (int r : rows) {
      per[ru[r] + 1]++;
    }
    for (int u = 0; u < numUsers; u++) {
      per[u + 1] += per[u];
    }
    long[] keys = new long[rows.length]; // per user: (newest first, then movie index) packed
    int[] fill = per.clone();
    for (int r : rows) {
      long age = 0xFFFFFFFFL - ratings.timestamp(r);
      keys[fill[ru[r]]++] = ((age << 32) | ri[r]) ^ Long.MIN_VALUE; // unsigned order as signed
    }
    int[] offsets = new int[numUsers + 1];
    int[] items = new int[rows.length];
    int k = 0;
    for (int u = 0; u < numUsers; u++) {
      Arrays.sort(keys, per[u], per[u + 1]);
      int start = k;
      for (int p = per[u]; p < per[u + 1] && (size == 0 || k - start < size); p++) {
        int item = (int) ((keys[p] ^ Long.MIN_VALUE) & 0xFFFFFFFFL);
        boolean seen = false;
        for (int q = start; q < k && !seen; q++) {
          seen = items[q] == item;
        }
        if (!seen) {
          items[k++] = item;
        }
      }
      Arrays.sort(items, start, k);
      offsets[u + 1] = k;
    }
    if (itemTable != null) {
      return new HistoryPool(size, dim, offsets, Arrays.copyOf(items, k), itemTable, true);
    }
    float[] emb = new float[numItems * dim];
    init.fillUniform(emb, -0.05, 0.05);
    return new HistoryPool(size, dim, offsets, Arrays.copyOf(items, k), emb);
  }

  int users() {
    return offsets.length - 1;
  }

  int movies() {
    return emb.length / dim - (shared ? 1 : 0);
  }

  /** The user's pooled movies (a copy). */
  int[] pool(int user) {
    return Arrays.copyOfRange(items, offsets[user], offsets[user + 1]);
  }

  /** Adds the mean of {@code P} over {@code movies[0..n)} to {@code out[o..o+d)} (nothing when n is 0). */
  void addMean(int[] movies, int from, int to, float[] out, int o) {
    if (to <= from) {
      return;
    }
    float[] s = new float[dim];
    for (int e = from; e < to; e++) {
      int po = movies[e] * dim;
      for (int j = 0; j < dim; j++) {
        s[j] += emb[po + j];
      }
    }
    float inv = 1f / (to - from);
    for (int j = 0; j < dim; j++) {
      out[o + j] += inv * s[j];
    }
  }

  /** Row r of the composed user table gets its whole pool's mean (users beyond the pools: none). */
  void addTo(float[] userTable) {
    for (int u = 0; u < users(); u++) {
      addMean(items, offsets[u], offsets[u + 1], userTable, u * dim);
    }
  }

  /**
   * Adds to each batch row {@code out[b]} the pool of user {@code users[b]} without movie {@code targets[b]}
   * (see the class comment); remembers what {@link #apply} needs. Rows of the OOV user pool nothing.
   */
  void gather(int[] users, int[] targets, int n, float[] out) {
    ensure(n);
    int d = dim;
    int distinct = 0;
    for (int b = 0; b < n; b++) {
      int u = users[b];
      if (u >= users()) {
        count[b] = 0;
        skip[b] = -1;
        continue;
      }
      int s = offsets[u];
      int e = offsets[u + 1];
      int t = Arrays.binarySearch(items, s, e, targets[b]);
      skip[b] = t >= 0 ? t : -1;
      count[b] = e - s - (t >= 0 ? 1 : 0);
      if (count[b] == 0) {
        continue;
      }
      int slot = slotOfUser[u];
      if (slot < 0) { // the user's full sum, once per batch
        slot = distinct++;
        slotOfUser[u] = slot;
        batchUsers[slot] = u;
        Arrays.fill(userSum, slot * d, slot * d + d, 0f);
        for (int q = s; q < e; q++) {
          int po = items[q] * d;
          for (int j = 0; j < d; j++) {
            userSum[slot * d + j] += emb[po + j];
          }
        }
      }
      float inv = 1f / count[b];
      int so = slot * d;
      int to = t >= 0 ? items[t] * d : -1;
      for (int j = 0; j < d; j++) {
        float sum = to >= 0 ? userSum[so + j] - emb[to + j] : userSum[so + j];
        out[b * d + j] += inv * sum;
      }
    }
    for (int k = 0; k < distinct; k++) {
      slotOfUser[batchUsers[k]] = -1;
    }
  }

  /**
   * Applies the gradient {@code g} of the batch's composed user rows (the batch of the last {@link #gather})
   * to {@code P}: one optimizer update per pooled movie touched, in the order first touched.
   */
  void apply(Optimizer opt, Optimizer.State state, int[] users, float[] g, int n) {
    int d = dim;
    int distinct = 0;
    // G_u = Σ_{b of u} g_b / c_b, in batch order
    for (int b = 0; b < n; b++) {
      if (count[b] == 0) {
        continue;
      }
      int u = users[b];
      int slot = slotOfUser[u];
      if (slot < 0) {
        slot = distinct++;
        slotOfUser[u] = slot;
        batchUsers[slot] = u;
        Arrays.fill(userSum, slot * d, slot * d + d, 0f);
      }
      float inv = 1f / count[b];
      for (int j = 0; j < d; j++) {
        userSum[slot * d + j] += inv * g[b * d + j];
      }
    }
    int k = 0;
    for (int s = 0; s < distinct; s++) {
      int u = batchUsers[s];
      for (int q = offsets[u]; q < offsets[u + 1]; q++) {
        int m = items[q];
        if (!isTouched[m]) {
          isTouched[m] = true;
          touched[k++] = m;
        }
        for (int j = 0; j < d; j++) {
          grad[m * d + j] += userSum[s * d + j];
        }
      }
      slotOfUser[u] = -1;
    }
    for (int b = 0; b < n; b++) { // the target is not in its own pool
      if (count[b] > 0 && skip[b] >= 0) {
        int m = items[skip[b]];
        float inv = 1f / count[b];
        for (int j = 0; j < d; j++) {
          grad[m * d + j] -= inv * g[b * d + j];
        }
      }
    }
    for (int s = 0; s < k; s++) {
      int m = touched[s];
      opt.update(emb, m * d, grad, m * d, d, state);
      Arrays.fill(grad, m * d, m * d + d, 0f);
      isTouched[m] = false;
    }
  }

  private void ensure(int n) {
    if (count.length < n) {
      count = new int[n];
      skip = new int[n];
      batchUsers = new int[n];
      userSum = new float[n * dim];
    }
    if (slotOfUser == null) {
      slotOfUser = new int[users()];
      Arrays.fill(slotOfUser, -1);
      grad = new float[emb.length];
      touched = new int[movies()];
      isTouched = new boolean[movies()];
    }
  }

  /** The model's part: the pools with {@code P} copied, or when shared, the given final movie id table. */
  HistoryPool copy(float[] itemTable) {
    return shared ? new HistoryPool(size, dim, offsets, items, itemTable, true)
        : new HistoryPool(size, dim, offsets, items, emb.clone());
  }

  /** Sections {@code PREFIX.config} (N), {@code PREFIX.offsets}, {@code PREFIX.items}, {@code PREFIX.embeddings}. */
  void write(ModelWriter out, String prefix) throws IOException {
    Map<String, Object> cfg = new LinkedHashMap<>();
    cfg.put("size", size);
    cfg.put("table", shared ? "movie" : "own");
    out.putJson(prefix + ".config", cfg);
    out.putInts(prefix + ".offsets", offsets);
    out.putInts(prefix + ".items", items);
    if (!shared) {
      out.putFloats(prefix + ".embeddings", emb, movies(), dim);
    }
  }

  /** Reads what {@link #write} wrote, checked against the vocabularies. */
  static HistoryPool read(ModelReader in, String prefix, int numUsers, int numItems, int dim, float[] itemTable)
      throws IOException {
    @SuppressWarnings("unchecked")
    Map<String, Object> cfg = in.json(prefix + ".config", Map.class);
    int size = ((Number) cfg.get("size")).intValue();
    int[] offsets = in.ints(prefix + ".offsets");
    int[] items = in.ints(prefix + ".items");
    boolean shared = "movie".equals(cfg.get("table"));
    float[] emb = shared ? itemTable : in.floats(prefix + ".embeddings");
    boolean ok = offsets.length == numUsers + 1 && offsets[0] == 0 && offsets[numUsers] == items.length
        && emb.length == (numItems + (shared ? 1 : 0)) * dim;
    for (int u = 0; ok && u < numUsers; u++) {
      ok = offsets[u] <= offsets[u + 1];
    }
    for (int k = 0; ok && k < items.length; k++) {
      ok = items[k] >= 0 && items[k] < numItems;
    }
    if (!ok) {
      throw new CinerecException("multitask model: section " + prefix + " does not match its vocabularies "
          + "(damaged file?)");
    }
    return new HistoryPool(size, dim, offsets, items, emb, shared);
  }
}
