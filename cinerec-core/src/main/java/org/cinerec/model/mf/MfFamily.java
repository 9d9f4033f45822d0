package org.cinerec.model.mf;

import java.util.List;
import org.cinerec.model.ModelFamily;
import org.cinerec.model.Param;
import org.cinerec.model.ParamSpec;
import org.cinerec.model.Params;
import org.cinerec.model.Recommender;
import org.cinerec.model.Trainer;
import org.cinerec.model.ModelReader;

/** The {@code mf} family: biased matrix factorisation by SGD (Funk SVD), as Surprise's {@code SVD}. */
public final class MfFamily implements ModelFamily {
  public static final String KIND = "mf";

  static final ParamSpec PARAMS = ParamSpec.of(
      Param.ofInt("factors", "number of latent factors k (Surprise n_factors)", 100, 1, 4096),
      Param.ofInt("epochs", "passes of SGD over the training ratings (Surprise n_epochs)", 20, 1, 100_000),
      Param.ofDouble("learning-rate", "SGD step size for factors and biases (Surprise lr_all)", 0.005, 1e-9, 1.0),
      Param.ofDouble("reg", "L2 regularisation of factors and biases, per rating visit (Surprise reg_all)", 0.02, 0.0, 100.0),
      Param.ofDouble("init-std", "standard deviation of the N(0, σ²) factor initialisation (Surprise's init_std_dev is"
          + " 0.1; 0.05 was best of 0.01-0.1 on Kaggle ratings_small, see docs/factor-models.md)", 0.05, 0.0, 10.0),
      Param.ofBool("biased", "learn the global mean and user/item biases (Surprise biased)", true),
      Param.ofChoice("order", "order ratings are visited in each epoch: shuffled (a fresh seeded permutation every"
          + " epoch), by-user (users in index order, each user's ratings in data order, the same every epoch, as"
          + " Surprise iterates) or blocked (DSGD strata of user and item groups, each block in one seeded order, run on"
          + " --threads threads)", "blocked", "shuffled", "by-user", "blocked"),
      Param.ofLong("seed", "seed of the factor initialisation and of the visiting order", 42L),
      Param.ofInt("threads", "threads for --order blocked, 0 = the thread pool's size (cinerec --threads; one per core by"
          + " default; results do not depend on it); the other orders run on one thread", 0, 0, 1024));

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public String description() {
    return "biased matrix factorisation by SGD (Funk SVD; Surprise SVD defaults)";
  }

  @Override
  public ParamSpec params() {
    return PARAMS;
  }

  @Override
  public List<String> defaultGrid() {
    return List.of("factors=50,100", "reg=0.02,0.05");
  }

  @Override
  public Trainer trainer(Params params) {
    return new MfTrainer(params);
  }

  @Override
  public Recommender read(ModelReader in) {
    return FactorModel.read(KIND, in);
  }
}
