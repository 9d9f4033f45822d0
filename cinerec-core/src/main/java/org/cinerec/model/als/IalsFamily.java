package org.cinerec.model.als;

import java.util.List;
import org.cinerec.model.ModelFamily;
import org.cinerec.model.Param;
import org.cinerec.model.ParamSpec;
import org.cinerec.model.Params;
import org.cinerec.model.Recommender;
import org.cinerec.model.Trainer;
import org.cinerec.model.mf.FactorModel;
import org.cinerec.model.ModelReader;

/** The {@code ials} family: implicit-feedback ALS (Hu, Koren, Volinsky 2008) with a conjugate-gradient solver. */
public final class IalsFamily implements ModelFamily {
  public static final String KIND = "ials";

  static final ParamSpec PARAMS = ParamSpec.of(
      Param.ofInt("factors", "number of latent factors", 32, 1, 1024),
      Param.ofInt("iterations", "alternations, each solving all users then all items", 10, 1, 10_000),
      Param.ofDouble("reg", "λ, the L2 regularisation of every factor vector (not scaled by counts)", 0.1, 1e-9, 1e6),
      Param.ofDouble("alpha", "confidence slope: an observed rating r has confidence c = 1 + alpha·r", 1.0, 0.0, 1e6),
      Param.ofInt("cg-steps", "conjugate-gradient steps per row and iteration, warm-started", 3, 1, 1024),
      Param.ofDouble("init-std", "standard deviation of the N(0, σ²) factor initialisation", 0.01, 0.0, 10.0),
      Param.ofLong("seed", "seed of the factor initialisation", 42L),
      Param.ofInt("threads", "threads for the per-row solves, 0 = the thread pool's size (cinerec --threads; one per"
          + " core by default; results do not depend on it)", 0, 0, 1024));

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public String description() {
    return "implicit-feedback ALS with confidence weights and conjugate gradient (ranks only, no ratings)";
  }

  @Override
  public ParamSpec params() {
    return PARAMS;
  }

  @Override
  public List<String> defaultGrid() {
    return List.of("factors=32,64", "reg=0.1,1", "alpha=1,10");
  }

  @Override
  public Trainer trainer(Params params) {
    return new IalsTrainer(params);
  }

  @Override
  public Recommender read(ModelReader in) {
    return FactorModel.read(KIND, in);
  }
}
