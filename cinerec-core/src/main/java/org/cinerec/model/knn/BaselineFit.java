package org.cinerec.model.knn;

import java.util.LinkedHashMap;
import java.util.Map;
import org.cinerec.data.Dataset;
import org.cinerec.model.ModelFamilies;
import org.cinerec.model.ModelFamily;
import org.cinerec.model.Recommender;
import org.cinerec.train.TrainingListener;

/**
 * The baseline {@code b_ui = μ + b_u + b_i} of the neighbourhood model, fitted by the shared
 * {@code baseline} model family with {@code --method als} (Surprise's {@code baseline_als}, Koren 2010
 * section 2.1) so there is one copy of that code; the biases are read back through its public
 * {@code predict}, which does not clip: {@code μ = predict(-1, -1)}, {@code b_u = predict(u, -1) − μ},
 * {@code b_i = predict(-1, i) − μ}. Zero epochs means no baseline (all biases 0, μ the mean).
 */
final class BaselineFit {
  final double mu;
  final double[] userBias;
  final double[] itemBias;

  private BaselineFit(double mu, double[] userBias, double[] itemBias) {
    this.mu = mu;
    this.userBias = userBias;
    this.itemBias = itemBias;
  }

  /** Fits; each epoch's metrics reach {@code listener.epochEnded} prefixed "baseline_". */
  static BaselineFit fit(Dataset train, double regItems, double regUsers, int epochs, TrainingListener listener) {
    double[] bu = new double[train.numUsers()];
    double[] bi = new double[train.numItems()];
    if (epochs == 0) {
      return new BaselineFit(train.ratings().mean(), bu, bi);
    }
    ModelFamily family = ModelFamilies.get("baseline");
    Map<String, String> p = new LinkedHashMap<>();
    p.put("method", "als");
    p.put("epochs", Integer.toString(epochs));
    p.put("reg-item", Double.toString(regItems));
    p.put("reg-user", Double.toString(regUsers));
    Recommender base = family.trainer(family.params().parse(p)).fit(train, null, new TrainingListener() {
      @Override
      public void progress(long done, double loss) {
        listener.progress(done, loss);
      }

      @Override
      public void epochEnded(int epoch, Map<String, Double> metrics) {
        Map<String, Double> renamed = new LinkedHashMap<>();
        metrics.forEach((k, v) -> renamed.put("baseline_" + k, v));
        listener.epochEnded(epoch, renamed);
      }
    });
    double mu = base.predict(-1, -1);
    for (int u = 0; u < bu.length; u++) {
      bu[u] = base.predict(u, -1) - mu;
    }
    for (int i = 0; i < bi.length; i++) {
      bi[i] = base.predict(-1, i) - mu;
    }
    return new BaselineFit(mu, bu, bi);
  }
}
