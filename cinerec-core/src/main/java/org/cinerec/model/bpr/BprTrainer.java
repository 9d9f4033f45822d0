package org.cinerec.model.bpr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cinerec.data.Dataset;
import org.cinerec.data.Ratings;
import org.cinerec.math.Rng;
import org.cinerec.math.SparseRows;
import org.cinerec.math.TripleSampler;
import org.cinerec.model.ModelInfo;
import org.cinerec.model.Params;
import org.cinerec.model.Recommender;
import org.cinerec.model.Trainer;
import org.cinerec.model.TrainingItems;
import org.cinerec.train.TrainingListener;

/**
 * Fits {@link BprModel} by LearnBPR (Rendle et al. 2009, algorithm 1): for each sampled triple
 * {@code (u, i, j)} with {@code x̂_uij = b_i − b_j + p_u·(q_i − q_j)} and {@code g = σ(−x̂_uij)}:
 *
 * <pre>
 *   p_u ← p_u + α (g (q_i − q_j) − λ p_u)
 *   q_i ← q_i + α (g p_u − λ q_i)          q_j ← q_j + α (−g p_u − λ q_j)
 *   b_i ← b_i + α (g − λ_b b_i)             b_j ← b_j + α (−g − λ_b b_j)
 * </pre>
 *
 * (all right-hand sides use the values before the step). Single-threaded on purpose: one seed gives one
 * model, bit for bit. Every training rating is a positive, whatever its value (implicit feedback = "the
 * user rated it").
 */
final class BprTrainer implements Trainer {
  private final Params params;

  BprTrainer(Params params) {
    this.params = params;
  }

  @Override
  public String kind() {
    return BprFamily.KIND;
  }

  @Override
  public Params params() {
    return params;
  }

  @Override
  public Recommender fit(Dataset train, Ratings validation, TrainingListener listener) {
    long t0 = System.nanoTime();
    Ratings r = train.ratings();
    int f = params.getInt(BprFamily.FACTORS.name());
    int epochs = params.getInt(BprFamily.EPOCHS.name());
    float lr = params.getFloat(BprFamily.LEARNING_RATE.name());
    float reg = params.getFloat(BprFamily.REG.name());
    float regBias = params.getFloat(BprFamily.REG_BIAS.name());
    long seed = params.getLong(BprFamily.SEED.name());
    int numUsers = r.numUsers();
    int numItems = r.numItems();

    Rng root = new Rng(seed);
    Rng init = root.split();
    Rng sampling = root.split();
    float[] userVec = new float[numUsers * f];
    float[] itemVec = new float[numItems * f];
    float[] itemBias = new float[numItems];
    double std = params.getDouble(BprFamily.INIT_STD.name());
    init.fillGaussian(userVec, 0, std);
    init.fillGaussian(itemVec, 0, std);

    SparseRows positives = SparseRows.of(r.users(), r.items(), new float[r.size()], numUsers);
    List<ModelInfo.EpochRecord> history = new ArrayList<>();
    if (r.size() > 0 && numItems > 1) {
      TripleSampler sampler = new TripleSampler(positives, numItems);
      int perEpoch = sampler.positives();
      listener.started("bpr", (long) epochs * perEpoch);
      int[] t = new int[3];
      for (int epoch = 1; epoch <= epochs; epoch++) {
        long e0 = System.nanoTime();
        double loss = 0;
        int used = 0;
        for (int s = 0; s < perEpoch; s++) {
          if (!sampler.sample(sampling, t)) {
            continue;
          }
          loss += step(t[0], t[1], t[2], f, lr, reg, regBias, userVec, itemVec, itemBias);
          used++;
        }
        double mean = loss / Math.max(1, used);
        Map<String, Double> m = Map.of("loss", mean);
        history.add(new ModelInfo.EpochRecord(epoch, (System.nanoTime() - e0) / 1e9, m));
        listener.progress((long) epoch * perEpoch, mean);
        listener.epochEnded(epoch, m);
      }
    }
    listener.finished();
    double seconds = (System.nanoTime() - t0) / 1e9;
    ModelInfo info = ModelInfo.of(kind(), params, seed, train, seconds, history);
    return new BprModel(info, train.users(), train.items(), f, userVec, itemVec, itemBias, TrainingItems.of(r));
  }

  /** One SGD step on triple (u, i, j); returns its loss −ln σ(x̂_uij). */
  static double step(int u, int i, int j, int f, float lr, float reg, float regBias, float[] userVec,
      float[] itemVec, float[] itemBias) {
    int uo = u * f;
    int io = i * f;
    int jo = j * f;
    float x = itemBias[i] - itemBias[j];
    for (int k = 0; k < f; k++) {
      x += userVec[uo + k] * (itemVec[io + k] - itemVec[jo + k]);
    }
    float g = (float) (1.0 / (1.0 + Math.exp(x)));
    for (int k = 0; k < f; k++) {
      float pu = userVec[uo + k];
      float qi = itemVec[io + k];
      float qj = itemVec[jo + k];
      userVec[uo + k] = pu + lr * (g * (qi - qj) - reg * pu);
      itemVec[io + k] = qi + lr * (g * pu - reg * qi);
      itemVec[jo + k] = qj + lr * (-g * pu - reg * qj);
    }
    float bi = itemBias[i];
    float bj = itemBias[j];
    itemBias[i] = bi + lr * (g - regBias * bi);
    itemBias[j] = bj + lr * (-g - regBias * bj);
    return x > 0 ? Math.log1p(Math.exp(-x)) : -x + Math.log1p(Math.exp(x));
  }
}
