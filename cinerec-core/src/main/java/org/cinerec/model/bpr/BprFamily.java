package org.cinerec.model.bpr;

import java.io.IOException;
import java.util.List;
import org.cinerec.model.ModelFamily;
import org.cinerec.model.Param;
import org.cinerec.model.ParamSpec;
import org.cinerec.model.Params;
import org.cinerec.model.Recommender;
import org.cinerec.model.Trainer;
import org.cinerec.model.ModelReader;

/** The {@code bpr} family: hyper-parameters (each documented once here), trainer and reader. */
public final class BprFamily implements ModelFamily {
  public static final String KIND = "bpr";

  static final Param FACTORS = Param.ofInt("factors", "length of the user and item vectors", 64, 1, 4096);
  static final Param EPOCHS = Param.ofInt("epochs",
      "passes; each draws as many (user, positive, negative) triples as there are training ratings", 70, 1, 100_000);
  static final Param LEARNING_RATE = Param.ofDouble("learning-rate", "SGD step size α", 0.1, 1e-6, 10);
  static final Param REG = Param.ofDouble("reg", "L2 regularisation λ of the user and item vectors", 0.005, 0, 10);
  static final Param REG_BIAS = Param.ofDouble("reg-bias", "L2 regularisation of the item biases", 0.001, 0, 10);
  static final Param INIT_STD = Param.ofDouble("init-std",
      "standard deviation of the normal initialisation of the vectors (biases start at 0)", 0.1, 0, 10);
  static final Param SEED = Param.ofLong("seed", "seed of the initialisation and of the triple sampling", 42);

  static final Param SCHEDULE = Param.ofChoice("schedule", "how triples are drawn: blocked (DSGD strata of user and"
      + " item groups on --threads threads, each negative drawn from its positive's item group: a deviation,"
      + " see BprBlocks) or uniform (the paper's sampling over the whole catalogue, one thread)", "blocked",
      "blocked", "uniform");
  static final Param THREADS = Param.ofInt("threads",
      "threads for --schedule blocked, 0 = the thread pool's size (cinerec --threads; one per core by default; the"
          + " model does not depend on it)", 0, 0, 1024);

  static final ParamSpec SPEC = ParamSpec.of(FACTORS, EPOCHS, LEARNING_RATE, REG, REG_BIAS, INIT_STD, SEED, SCHEDULE,
      THREADS);

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public String description() {
    return "Bayesian personalised ranking: MF with item biases on implicit feedback (ranks only, no ratings)";
  }

  @Override
  public ParamSpec params() {
    return SPEC;
  }

  @Override
  public List<String> defaultGrid() {
    return List.of("factors=32,64", "reg=0.001,0.005,0.02");
  }

  @Override
  public Trainer trainer(Params params) {
    return new BprTrainer(params);
  }

  @Override
  public Recommender read(ModelReader in) throws IOException {
    return BprModel.read(in);
  }
}
