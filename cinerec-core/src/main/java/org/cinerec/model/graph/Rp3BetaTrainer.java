package org.cinerec.model.graph;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cinerec.data.Dataset;
import org.cinerec.data.Ratings;
import org.cinerec.math.Parallel;
import org.cinerec.math.SparseRows;
import org.cinerec.model.ModelInfo;
import org.cinerec.model.Params;
import org.cinerec.model.Recommender;
import org.cinerec.model.Trainer;
import org.cinerec.model.TrainingItems;
import org.cinerec.train.TrainingListener;

/**
 * Fits {@link Rp3BetaModel} in closed form: builds the binary X (repeated (user, item) pairs count once)
 * by user and by item, then every item's row of W on the thread pool ({@link Rp3BetaScorer#fit}).
 * Deterministic: no random choices, and each row is summed in one fixed order whatever the thread count. The
 * validation ratings are not used (there is nothing to watch: one step).
 */
final class Rp3BetaTrainer implements Trainer {
  private final Params params;

  Rp3BetaTrainer(Params params) {
    this.params = params;
  }

  @Override
  public String kind() {
    return Rp3BetaFamily.KIND;
  }

  @Override
  public Params params() {
    return params;
  }

  @Override
  public Recommender fit(Dataset train, Ratings validation, TrainingListener listener) {
    long t0 = System.nanoTime();
    listener.started(Rp3BetaFamily.KIND, 1);
    Ratings r = train.ratings();
    TrainingItems rated = TrainingItems.of(r);
    int numUsers = r.numUsers();
    int numItems = r.numItems();
    int[] offsets = new int[numUsers + 1];
    for (int u = 0; u < numUsers; u++) {
      offsets[u + 1] = offsets[u] + rated.count(u);
    }
    int[] cols = new int[offsets[numUsers]];
    for (int u = 0; u < numUsers; u++) {
      int[] items = rated.items(u);
      System.arraycopy(items, 0, cols, offsets[u], items.length);
    }
    SparseRows byUser = new SparseRows(offsets, cols, new float[cols.length]);
    SparseRows byItem = Rp3BetaScorer.transpose(byUser, numItems);
    Rp3BetaScorer w = Rp3BetaScorer.fit(byUser, byItem, params.getDouble(Rp3BetaFamily.ALPHA.name()),
        params.getDouble(Rp3BetaFamily.BETA.name()), params.getInt(Rp3BetaFamily.NEIGHBOURS.name()),
        params.getBool(Rp3BetaFamily.NORMALIZE.name()), Parallel.threads(params.getInt(Rp3BetaFamily.THREADS.name())));
    double seconds = (System.nanoTime() - t0) / 1e9;
    listener.progress(1, Double.NaN);
    Map<String, Double> m = new LinkedHashMap<>(); // in this order (Map.of's order changes per JVM)
    m.put("interactions", (double) cols.length);
    m.put("stored_weights", (double) w.storedWeights());
    listener.epochEnded(1, m);
    listener.finished();
    ModelInfo info = ModelInfo.of(kind(), params, 0L, train, seconds, List.of(new ModelInfo.EpochRecord(1, seconds, m)));
    return new Rp3BetaModel(info, train.users(), train.items(), w, rated);
  }
}
