package org.cinerec.model.mf;

import java.util.List;
import org.cinerec.model.ModelFamily;
import org.cinerec.model.Param;
import org.cinerec.model.ParamSpec;
import org.cinerec.model.Params;
import org.cinerec.model.Recommender;
import org.cinerec.model.Trainer;
import org.cinerec.model.ModelReader;

/** The {@code svdpp} family: SVD++ (Koren 2008) with the implicit feedback of which movies a user rated. */
public final class SvdppFamily implements ModelFamily {
  public static final String KIND = "svdpp";

  static final ParamSpec PARAMS = ParamSpec.of(
      Param.ofInt("factors", "number of latent factors k (Surprise SVDpp n_factors)", 20, 1, 4096),
      Param.ofInt("epochs", "passes of SGD over the training ratings (Surprise n_epochs)", 20, 1, 100_000),
      Param.ofDouble("learning-rate", "SGD step size for every parameter (Surprise lr_all)", 0.007, 1e-9, 1.0),
      Param.ofDouble("reg", "L2 regularisation of every parameter, per rating visit (Surprise reg_all)", 0.02, 0.0, 100.0),
      Param.ofDouble("init-std", "standard deviation of the N(0, σ²) initialisation of p, q and y (Surprise init_std_dev)", 0.1, 0.0, 10.0),
      Param.ofChoice("order", "order ratings are visited in: shuffled (users in a fresh seeded order every epoch,"
          + " each user's ratings shuffled too) or by-user (users in index order, ratings in data order, the same"
          + " every epoch, as Surprise iterates); a user's ratings are always visited together", "shuffled",
          "shuffled", "by-user"),
      Param.ofLong("seed", "seed of the initialisation and of the visiting order", 42L));

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public String description() {
    return "SVD++: biased MF plus implicit feedback of which movies each user rated (Surprise SVDpp defaults)";
  }

  @Override
  public ParamSpec params() {
    return PARAMS;
  }

  @Override
  public List<String> defaultGrid() {
    return List.of("factors=10,20", "reg=0.02,0.05");
  }

  @Override
  public Trainer trainer(Params params) {
    return new SvdppTrainer(params);
  }

  @Override
  public Recommender read(ModelReader in) {
    return FactorModel.read(KIND, in, SvdppTrainer.Y);
  }
}
