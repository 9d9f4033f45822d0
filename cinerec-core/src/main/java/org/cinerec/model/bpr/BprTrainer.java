package org.cinerec.model.bpr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cinerec.data.Dataset;
import org.cinerec.data.Ratings;
import org.cinerec.math.BprKernel;
import org.cinerec.math.Parallel;
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
 * (all right-hand sides use the values before the step; the kernel is {@link BprKernel}). Every training
 * rating is a positive, whatever its value (implicit feedback = "the user rated it"). Two schedules:
 * {@code blocked} (default; {@link BprBlocks}: DSGD strata, negatives from the positive's item group, on
 * {@code --threads} threads) and {@code uniform} (the paper's sampling over the whole catalogue, one thread,
 * {@link TripleSampler}). Either way one seed gives one model, bit for bit, whatever the thread count.
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
    boolean blocked = params.getString(BprFamily.SCHEDULE.name()).equals("blocked");
    int threads = Parallel.threads(params.getInt(BprFamily.THREADS.name()));
    int numUsers = r.numUsers();
    int numItems = r.numItems();

    Rng root = new Rng(seed);
    Rng init = root.split();
    Rng sampling = root.split();
    float[] userVec = new float[numUsers * f];
    float[] itemVec = new float[numItems * f];
    float[] itemBias = new float[numItems];
    double std = params.getDouble(BprFamily.INIT_STD.name());
    init.fillGaussian(userVec, 0, std, threads);
    init.fillGaussian(itemVec, 0, std, threads);
    // one array per vector while training: the kernel's loops then vectorise (see BprKernel)
    float[][] userRows = rows(userVec, numUsers, f);
    float[][] itemRows = rows(itemVec, numItems, f);

    SparseRows positives = SparseRows.of(r.users(), r.items(), new float[r.size()], numUsers);
    List<ModelInfo.EpochRecord> history = new ArrayList<>();
    if (r.size() > 0 && numItems > 1) {
      BprBlocks blocks = blocked ? new BprBlocks(positives, numItems, sampling.nextLong()) : null;
      TripleSampler sampler = blocked ? null : new TripleSampler(positives, numItems);
      BprKernel kernel = BprKernel.create(f);
      int perEpoch = r.size();
      listener.started("bpr", (long) epochs * perEpoch);
      if (blocked) {
        long[] e0 = {System.nanoTime()};
        blocks.train(epochs, threads, f, userRows, itemRows, itemBias, lr, reg, regBias, (epoch, loss, used) -> {
          report(epoch, loss, used, e0[0], perEpoch, history, listener);
          e0[0] = System.nanoTime();
        });
      } else {
        int[] t = new int[3];
        for (int epoch = 1; epoch <= epochs; epoch++) {
          long e0 = System.nanoTime();
          long used = 0;
          for (int s = 0; s < perEpoch; s++) {
            if (!sampler.sample(sampling, t)) {
              continue;
            }
            kernel.step(userRows[t[0]], itemRows[t[1]], itemRows[t[2]], itemBias, t[1], t[2], lr, reg, regBias);
            used++;
          }
          report(epoch, kernel.takeLoss(), used, e0, perEpoch, history, listener);
        }
      }
    }
    listener.finished();
    flatten(userRows, userVec, f);
    flatten(itemRows, itemVec, f);
    double seconds = (System.nanoTime() - t0) / 1e9;
    ModelInfo info = ModelInfo.of(kind(), params, seed, train, seconds, history);
    return new BprModel(info, train.users(), train.items(), f, userVec, itemVec, itemBias, TrainingItems.of(r));
  }

  private static void report(int epoch, double loss, long used, long e0, int perEpoch,
      List<ModelInfo.EpochRecord> history, TrainingListener listener) {
    double mean = loss / Math.max(1, used);
    Map<String, Double> m = Map.of("loss", mean);
    history.add(new ModelInfo.EpochRecord(epoch, (System.nanoTime() - e0) / 1e9, m));
    listener.progress((long) epoch * perEpoch, mean);
    listener.epochEnded(epoch, m);
  }

  private static float[][] rows(float[] flat, int n, int f) {
    float[][] out = new float[n][];
    for (int k = 0; k < n; k++) {
      out[k] = java.util.Arrays.copyOfRange(flat, k * f, k * f + f);
    }
    return out;
  }

  private static void flatten(float[][] rows, float[] flat, int f) {
    for (int k = 0; k < rows.length; k++) {
      System.arraycopy(rows[k], 0, flat, k * f, f);
    }
  }
}
