package org.cinerec.model.baseline;

import java.util.List;
import java.util.Map;
import org.cinerec.data.Dataset;
import org.cinerec.data.Ratings;
import org.cinerec.model.ModelFamily;
import org.cinerec.model.ModelInfo;
import org.cinerec.model.Param;
import org.cinerec.model.ParamSpec;
import org.cinerec.model.Params;
import org.cinerec.model.Recommender;
import org.cinerec.model.Trainer;
import org.cinerec.model.TrainingItems;
import org.cinerec.model.ModelReader;
import org.cinerec.train.TrainingListener;

/** The {@code popularity} family: see {@link PopularityModel} for the math. */
public final class PopularityFamily implements ModelFamily {

  static final ParamSpec PARAMS = ParamSpec.of(
      Param.ofChoice("score", "Ranking order: count = most-rated first; bayes = highest damped mean rating first.",
          "count", "count", "bayes"),
      Param.ofDouble("damping", "Prior strength m of the damped mean (S_i + m*mu) / (n_i + m): m virtual ratings "
          + "at the global mean; 0 = the plain mean.", 10.0, 0.0, 1e9));

  @Override
  public String kind() {
    return PopularityModel.KIND;
  }

  @Override
  public String description() {
    return "Non-personalised: most-rated or Bayesian-average movies first; predicts each movie's damped mean rating.";
  }

  @Override
  public ParamSpec params() {
    return PARAMS;
  }

  @Override
  public List<String> defaultGrid() {
    return List.of("score=count,bayes");
  }

  @Override
  public Trainer trainer(Params params) {
    return new PopularityTrainer(params);
  }

  @Override
  public Recommender read(ModelReader in) {
    return PopularityModel.read(in);
  }

  /** Counts and damped means in one pass over the ratings. */
  static final class PopularityTrainer implements Trainer {
    private final Params params;

    PopularityTrainer(Params params) {
      this.params = params;
    }

    @Override
    public String kind() {
      return PopularityModel.KIND;
    }

    @Override
    public Params params() {
      return params;
    }

    @Override
    public Recommender fit(Dataset train, Ratings validation, TrainingListener listener) {
      long t0 = System.nanoTime();
      listener.started(kind(), 1);
      Ratings r = train.ratings();
      int n = train.numItems();
      int[] counts = new int[n];
      double[] sums = new double[n];
      for (int k = 0; k < r.size(); k++) {
        counts[r.item(k)]++;
        sums[r.item(k)] += r.rating(k);
      }
      double mu = r.mean();
      double m = params.getDouble("damping");
      float[] damped = new float[n];
      for (int i = 0; i < n; i++) {
        damped[i] = counts[i] + m == 0 ? (float) mu : (float) ((sums[i] + m * mu) / (counts[i] + m));
      }
      listener.progress(1, Double.NaN);
      double seconds = (System.nanoTime() - t0) / 1e9;
      float[] scale = Biases.scale(r);
      Map<String, Double> metrics = new java.util.LinkedHashMap<>();
      metrics.put("rmse", Biases.rmse((u, i) -> damped[i], r, scale[0], scale[1]));
      if (validation != null) {
        metrics.put("val_rmse", Biases.rmse((u, i) -> damped[i], validation, scale[0], scale[1]));
      }
      listener.epochEnded(1, metrics);
      listener.finished();
      ModelInfo info = ModelInfo.of(kind(), params, 0, train, seconds,
          List.of(new ModelInfo.EpochRecord(1, seconds, metrics)));
      return new PopularityModel(train.users(), train.items(), info, params.getString("score").equals("count"),
          (float) mu, counts, damped, TrainingItems.of(r));
    }
  }
}
