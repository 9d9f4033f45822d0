package org.cinerec.model.neural;

import java.util.Arrays;
import org.cinerec.math.Rng;
import org.cinerec.model.content.Features;
import org.cinerec.train.Optimizer;

/**
 * One tower's features during training: the rows of a batch composed from the id embedding and the feature
 * embeddings, and the gradient of the composed rows sent back to both tables.
 *
 * <p>Row {@code r}'s vector is {@code s_b · E[r] + Σ_e w_e F[f_e]} ({@link Features}: mean pooling within a
 * group), with {@code s_b} the batch row's id scale: 1, or with id dropout p, 0 with probability p and
 * {@code 1/(1-p)} otherwise (inverted dropout, so the expected id part is {@code E[r]} as at prediction
 * time). Dropping the id makes the model rank a batch row from its features alone, what it must do for a
 * movie nobody rated (Volkovs et al. 2017, "DropoutNet", NeurIPS, trains the same way). The draws are a
 * seeded stream ({@code Rng.forShard(seed, shard)}), one per batch row in batch order, so runs repeat.
 *
 * <p>Gradients: {@code dE[r] = s_b · g_b} for the rows kept (a dropped row is not updated at all, so Adam's
 * momentum does not move it either), {@code dF[f_e] = w_e · g_b}; each summed per distinct table row and
 * applied once ({@link MultitaskTrainer.SparseRows}).
 *
 * <p>Without {@code features} (null: a user tower whose only feature is the pooled history,
 * {@link HistoryPool}) it is the id part and its dropout alone.
 */
final class FeatureTower {
  private final Features features;
  private final int dim;
  private final double dropout;
  private final Rng rng;
  final float[] featureEmb;
  private final float[] idScale;
  private final MultitaskTrainer.SparseRows idRows;
  private final MultitaskTrainer.SparseRows featureRows;
  private final int[] keptRows;
  private final float[] keptGrad;
  private final int[] featRowsOfBatch;
  private final float[] featGrad;

  FeatureTower(Features features, int tableRows, int dim, int maxBatch, double dropout, Rng init, Rng dropouts) {
    this.features = features;
    this.dim = dim;
    this.dropout = dropout;
    this.rng = dropouts;
    this.featureEmb = new float[features == null ? 0 : features.size() * dim];
    init.fillUniform(featureEmb, -0.05, 0.05);
    int maxValues = 1;
    for (int r = 0; features != null && r < features.rows(); r++) {
      maxValues = Math.max(maxValues, features.end(r) - features.start(r));
    }
    this.idScale = new float[maxBatch];
    this.idRows = new MultitaskTrainer.SparseRows(tableRows, maxBatch, dim);
    this.featureRows = new MultitaskTrainer.SparseRows(features == null ? 0 : features.size(), maxBatch * maxValues,
        dim);
    this.keptRows = new int[maxBatch];
    this.keptGrad = new float[maxBatch * dim];
    this.featRowsOfBatch = new int[maxBatch * maxValues];
    this.featGrad = new float[maxBatch * maxValues * dim];
  }

  /** Draws the id scales of a training batch of {@code n} rows (all 1 without dropout). */
  void drawDropout(int n) {
    float keep = dropout > 0 ? (float) (1 / (1 - dropout)) : 1f;
    for (int b = 0; b < n; b++) {
      idScale[b] = dropout > 0 && rng.nextDouble() < dropout ? 0f : keep;
    }
  }

  /** Id scales of 1 (evaluation and prediction: no dropout). */
  void noDropout(int n) {
    Arrays.fill(idScale, 0, n, 1f);
  }

  /** {@code out[b] = s_b E[rows[b]] + Σ w F} for {@code b < n}, rows of {@code table} (OOV rows included). */
  void gather(float[] table, int[] rows, int n, float[] out) {
    int d = dim;
    for (int b = 0; b < n; b++) {
      int o = b * d;
      int t = rows[b] * d;
      float s = idScale[b];
      for (int j = 0; j < d; j++) {
        out[o + j] = s * table[t + j];
      }
      int r = rows[b];
      if (features != null && r < features.rows()) { // the OOV row has no features
        addFeatures(features, featureEmb, d, r, out, o);
      }
    }
  }

  /** Adds row {@code r}'s feature vector {@code Σ w_e F[f_e]} to {@code out[o..o+d)}. */
  static void addFeatures(Features f, float[] featureEmb, int d, int r, float[] out, int o) {
    for (int e = f.start(r); e < f.end(r); e++) {
      float w = f.weight(e);
      int fo = f.id(e) * d;
      for (int j = 0; j < d; j++) {
        out[o + j] += w * featureEmb[fo + j];
      }
    }
  }

  /**
   * Applies the gradient {@code g} of the composed rows ({@code n} batch rows) to the id table (rows kept)
   * and the feature table.
   */
  void apply(Optimizer opt, float[] table, Optimizer.State idState, Optimizer.State featureState, int[] rows,
      float[] g, int n) {
    int d = dim;
    int kept = 0;
    int entries = 0;
    for (int b = 0; b < n; b++) {
      float s = idScale[b];
      if (s != 0f) {
        keptRows[kept] = rows[b];
        for (int j = 0; j < d; j++) {
          keptGrad[kept * d + j] = s * g[b * d + j];
        }
        kept++;
      }
      int r = rows[b];
      if (features != null && r < features.rows()) {
        for (int e = features.start(r); e < features.end(r); e++) {
          float w = features.weight(e);
          featRowsOfBatch[entries] = features.id(e);
          for (int j = 0; j < d; j++) {
            featGrad[entries * d + j] = w * g[b * d + j];
          }
          entries++;
        }
      }
    }
    idRows.apply(opt, table, idState, keptRows, keptGrad, kept);
    featureRows.apply(opt, featureEmb, featureState, featRowsOfBatch, featGrad, entries);
  }
}
