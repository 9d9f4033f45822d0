package org.cinerec.model.graph;

import java.io.IOException;
import java.util.List;
import org.cinerec.model.ModelFamily;
import org.cinerec.model.ModelReader;
import org.cinerec.model.Param;
import org.cinerec.model.ParamSpec;
import org.cinerec.model.Params;
import org.cinerec.model.Recommender;
import org.cinerec.model.Trainer;

/**
 * The {@code rp3beta} family: hyper-parameters (each documented once here), trainer and reader. The
 * defaults are the grid point chosen most often on the validation parts of ml-latest-small's training sets
 * (docs/evaluation.md, "Ranking on a published protocol"), never on a test part.
 */
public final class Rp3BetaFamily implements ModelFamily {
  public static final String KIND = "rp3beta";

  static final Param ALPHA = Param.ofDouble("alpha",
      "α, the power each transition probability is raised to (P_ui = (1/|I_u|)^α, P_iu = (1/|U_i|)^α); "
          + "1 = the plain random walk P³, below 1 flattens it",
      0.75, 0.0, 4.0);
  static final Param BETA = Param.ofDouble("beta",
      "β, the popularity penalty: W_ij is divided by pop(j)^β (pop = number of training raters); 0 = plain P³",
      0.4, 0.0, 4.0);
  static final Param NEIGHBOURS = Param.ofInt("neighbours",
      "largest weights kept per item (its top-k neighbours, memory: 8 bytes each)", 100, 1, 10_000_000);
  static final Param NORMALIZE = Param.ofBool("normalize",
      "L1-normalise each item's kept row of W (then every rated movie adds weights summing to 1)", true);
  static final Param THREADS = Param.ofInt("threads",
      "threads computing the items' rows, 0 = the thread pool's size (cinerec --threads; one per core by "
          + "default); the model does not depend on it", 0, 0, 1024);

  static final ParamSpec SPEC = ParamSpec.of(ALPHA, BETA, NEIGHBOURS, NORMALIZE, THREADS);

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public String description() {
    return "RP3beta random-walk item graph for top-N (Paudel et al. 2017; ranks only, no ratings)";
  }

  @Override
  public ParamSpec params() {
    return SPEC;
  }

  @Override
  public List<String> defaultGrid() {
    return List.of("alpha=0.5,0.75,1", "beta=0.2,0.4,0.6");
  }

  @Override
  public Trainer trainer(Params params) {
    return new Rp3BetaTrainer(params);
  }

  @Override
  public Recommender read(ModelReader in) throws IOException {
    return Rp3BetaModel.read(in);
  }
}
