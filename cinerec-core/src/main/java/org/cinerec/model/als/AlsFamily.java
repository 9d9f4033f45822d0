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

/** The {@code als} family: explicit ALS with weighted-λ regularisation (Spark MLlib ALS defaults). */
public final class AlsFamily implements ModelFamily {
  public static final String KIND = "als";

  static final ParamSpec PARAMS = ParamSpec.of(
      Param.ofInt("factors", "number of latent factors, the rank (Spark rank)", 10, 1, 1024),
      Param.ofInt("iterations", "alternations, each solving all items then all users (Spark maxIter)", 10, 1, 10_000),
      Param.ofDouble("reg", "λ, scaled by each user's and item's rating count (Spark regParam)", 0.1, 1e-9, 1000.0),
      Param.ofBool("biases", "also learn a global mean and user/item biases (Spark has none)", false),
      Param.ofLong("seed", "seed of the factor initialisation", 42L),
      Param.ofChoice("init", "initial user factors: random (unit-norm Gaussian rows from cinerec's seeded generator)"
          + " or spark (Spark 4.0.1 ALS's own draws for the seed, so the same start and model as Spark's ALS.fit;"
          + " needs integer user ids)", "random", "random", "spark"),
      Param.ofInt("threads", "threads for the per-row solves, 0 = the thread pool's size (cinerec --threads; one per"
          + " core by default; results do not depend on it)", 0, 0, 1024));

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public String description() {
    return "explicit alternating least squares with weighted-λ regularisation (Spark MLlib ALS defaults)";
  }

  @Override
  public ParamSpec params() {
    return PARAMS;
  }

  @Override
  public List<String> defaultGrid() {
    return List.of("factors=10,20", "reg=0.05,0.1,0.2");
  }

  @Override
  public Trainer trainer(Params params) {
    return new AlsTrainer(params);
  }

  @Override
  public Recommender read(ModelReader in) {
    return FactorModel.read(KIND, in);
  }
}
