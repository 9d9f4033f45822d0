package org.cinerec.model.bpmf;

import java.util.List;
import org.cinerec.model.ModelFamily;
import org.cinerec.model.ModelReader;
import org.cinerec.model.Param;
import org.cinerec.model.ParamSpec;
import org.cinerec.model.Params;
import org.cinerec.model.Recommender;
import org.cinerec.model.Trainer;

/** The {@code bpmf} family: Bayesian probabilistic matrix factorisation by Gibbs sampling (Salakhutdinov and Mnih 2008). */
public final class BpmfFamily implements ModelFamily {
  public static final String KIND = "bpmf";

  static final ParamSpec PARAMS = ParamSpec.of(
      Param.ofInt("factors", "number of latent factors k (the paper's D)", 10, 1, 512),
      Param.ofInt("samples", "Gibbs samples kept and averaged (S); the model holds S copies of every row, so memory is"
          + " 4·S·(k + 2)·(users + movies) bytes", 100, 1, 100_000),
      Param.ofInt("burn-in", "sweeps made and dropped before the first kept sample", 50, 0, 1_000_000),
      Param.ofInt("thin", "sweeps per kept sample after the burn-in (1 keeps every sweep)", 1, 1, 10_000),
      Param.ofDouble("alpha", "α, the precision of a rating around its prediction (the paper's 2), on a 0.5..5 span:"
          + " a scale s times as wide uses α / s²", 2.0, 1e-6, 1e6),
      Param.ofDouble("beta0", "β₀ of the Normal-Wishart hyperprior on each side's factor mean and precision", 2.0,
          1e-9, 1e9),
      Param.ofBool("biases", "give each user and movie a bias as one more factor, under the same prior", true),
      Param.ofLong("seed", "seed of the initial factors and of every Gibbs draw", 42L),
      Param.ofInt("threads", "threads drawing the users' and the movies' rows, 0 = the thread pool's size (cinerec"
          + " --threads; results do not depend on it)", 0, 0, 1024));

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public String description() {
    return "Bayesian matrix factorisation by Gibbs sampling (BPMF, Salakhutdinov & Mnih 2008), posterior-mean ratings";
  }

  @Override
  public ParamSpec params() {
    return PARAMS;
  }

  @Override
  public List<String> defaultGrid() {
    return List.of("factors=5,10,20");
  }

  @Override
  public Trainer trainer(Params params) {
    return new BpmfTrainer(params);
  }

  @Override
  public Recommender read(ModelReader in) {
    return BpmfModel.read(in);
  }
}
