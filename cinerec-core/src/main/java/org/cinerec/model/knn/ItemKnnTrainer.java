package org.cinerec.model.knn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cinerec.data.Dataset;
import org.cinerec.data.Ratings;
import org.cinerec.math.SparseRows;
import org.cinerec.math.SparseSimilarity;
import org.cinerec.model.ModelInfo;
import org.cinerec.model.Params;
import org.cinerec.model.Recommender;
import org.cinerec.model.Trainer;
import org.cinerec.model.TrainingItems;
import org.cinerec.train.TrainingListener;

/**
 * Fits {@link ItemKnnModel}: the ALS baseline ({@link BaselineFit}), then the kept neighbours of every
 * item ({@link SparseSimilarity}). Deterministic (no random choices); the similarity step runs in
 * parallel and gives the same result on any number of threads.
 */
final class ItemKnnTrainer implements Trainer {
  private final Params params;

  ItemKnnTrainer(Params params) {
    this.params = params;
  }

  @Override
  public String kind() {
    return ItemKnnFamily.KIND;
  }

  @Override
  public Params params() {
    return params;
  }

  @Override
  public Recommender fit(Dataset train, Ratings validation, TrainingListener listener) {
    long t0 = System.nanoTime();
    Ratings r = train.ratings();
    int epochs = params.getInt(ItemKnnFamily.BASELINE_EPOCHS.name());
    listener.started("itemknn: baseline and similarities", epochs + 1L);
    List<ModelInfo.EpochRecord> history = new ArrayList<>();
    long[] last = {t0};
    BaselineFit base = BaselineFit.fit(train, params.getDouble(ItemKnnFamily.REG_ITEMS.name()),
        params.getDouble(ItemKnnFamily.REG_USERS.name()), epochs, new TrainingListener() {
          @Override
          public void progress(long done, double loss) {
            listener.progress(done, loss);
          }

          @Override
          public void epochEnded(int epoch, Map<String, Double> metrics) {
            long now = System.nanoTime();
            history.add(new ModelInfo.EpochRecord(epoch, (now - last[0]) / 1e9, metrics));
            last[0] = now;
            listener.epochEnded(epoch, metrics);
          }
        });

    boolean pearson = params.getString(ItemKnnFamily.SIMILARITY.name()).equals("pearson-baseline");
    int[] users = r.users();
    int[] items = r.items();
    float[] ratings = r.ratings();
    float[] values = new float[r.size()];
    for (int p = 0; p < values.length; p++) {
      values[p] = pearson
          ? (float) (ratings[p] - (base.mu + base.userBias[users[p]] + base.itemBias[items[p]]))
          : ratings[p];
    }
    SparseRows byUser = SparseRows.of(users, items, ratings, r.numUsers());
    SparseRows byUserValues = SparseRows.of(users, items, values, r.numUsers());
    SparseRows byItemValues = SparseRows.of(items, users, values, r.numItems());
    SparseSimilarity.Neighbours nb = SparseSimilarity.topNeighbours(byItemValues.offsets(), byItemValues.cols(),
        byItemValues.vals(), byUserValues.offsets(), byUserValues.cols(), byUserValues.vals(),
        params.getDouble(ItemKnnFamily.SHRINKAGE.name()), params.getInt(ItemKnnFamily.MIN_SUPPORT.name()),
        params.getInt(ItemKnnFamily.KEEP.name()));
    listener.progress(epochs + 1L, Double.NaN);

    float minRating = Float.POSITIVE_INFINITY;
    float maxRating = Float.NEGATIVE_INFINITY;
    for (float x : ratings) {
      minRating = Math.min(minRating, x);
      maxRating = Math.max(maxRating, x);
    }
    if (ratings.length == 0) {
      minRating = Float.NEGATIVE_INFINITY;
      maxRating = Float.POSITIVE_INFINITY;
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    ItemKnnModel.Settings settings = new ItemKnnModel.Settings(params.getInt(ItemKnnFamily.K.name()),
        params.getInt(ItemKnnFamily.MIN_K.name()), minRating, maxRating);
    ModelInfo info = ModelInfo.of(kind(), params, 0L, train, seconds, List.copyOf(history));
    ItemKnnModel model = new ItemKnnModel(info, train.users(), train.items(), settings, base.mu, base.userBias,
        base.itemBias, byUser, nb, TrainingItems.of(r));
    if (validation != null && validation.size() > 0) {
      double rmse = model.rmse(validation);
      listener.epochEnded(epochs + 1, Map.of("val_rmse", rmse));
    }
    listener.finished();
    return model;
  }
}
