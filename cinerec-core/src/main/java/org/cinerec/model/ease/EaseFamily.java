package org.cinerec.model.ease;

import java.io.IOException;
import java.util.List;
import org.cinerec.model.ModelFamily;
import org.cinerec.model.Param;
import org.cinerec.model.ParamSpec;
import org.cinerec.model.Params;
import org.cinerec.model.Recommender;
import org.cinerec.model.Trainer;
import org.cinerec.model.ModelReader;

/** The {@code ease} family: hyper-parameters (each documented once here), trainer and reader. */
public final class EaseFamily implements ModelFamily {
  public static final String KIND = "ease";

  static final Param LAMBDA = Param.ofDouble("lambda",
      "L2 regularisation λ added to the diagonal of the item Gram matrix XᵀX", 500, 1e-6, 1e12);
  static final Param SOLVER = Param.ofChoice("solver",
      "how to invert: item-gram inverts the items×items matrix XᵀX + λI (the paper's way, O(items³)); "
          + "user-gram inverts the users×users matrix XXᵀ + λI and applies the Woodbury identity (same B, "
          + "O(users³)); auto picks the smaller",
      "auto", "auto", "item-gram", "user-gram");

  static final Param RECENCY_HALF_LIFE = Param.ofDouble("recency-half-life",
      "weights each user's history when scoring by 0.5^(age/h), age = how many of the user's training ratings "
          + "are newer (0 for the newest), so the next movies follow what she watched lately (see RecencyWeights); "
          + "h in ratings, e.g. 10-50; 0 = off (every rated movie weighs 1, plain EASE); B itself is unchanged",
      0, 0, 1e9);

  static final Param ADJACENCY = Param.ofDouble("adjacency",
      "weighs two movies of one user in the Gram matrix by exp(-d/s) instead of 1, d = how many of her ratings "
          + "came between them in time, s this value in ratings (e.g. 10): movies rated one after the other count "
          + "most (see AdjacencyGram); needs the item-gram solver (auto picks it); 0 = off (plain EASE)",
      0, 0, 1e9);

  static final Param ADJACENCY_FLOOR = Param.ofDouble("adjacency-floor",
      "with --adjacency, what two movies rated far apart in time still count: the pair weight is "
          + "(1-f)·exp(-d/s) + f, so 0 = they count little, 1 = as in plain EASE (e.g. 0.15)",
      0, 0, 1);

  static final ParamSpec SPEC = ParamSpec.of(LAMBDA, SOLVER, RECENCY_HALF_LIFE, ADJACENCY, ADJACENCY_FLOOR);

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public String description() {
    return "EASE^R closed-form item-item model for top-N (Steck 2019; ranks only, no ratings)";
  }

  @Override
  public ParamSpec params() {
    return SPEC;
  }

  @Override
  public List<String> defaultGrid() {
    return List.of("lambda=100,200,500,1000,2000");
  }

  @Override
  public Trainer trainer(Params params) {
    return new EaseTrainer(params);
  }

  @Override
  public Recommender read(ModelReader in) throws IOException {
    return EaseModel.read(in);
  }
}
