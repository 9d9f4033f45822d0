package org.cinerec.model.knn;

import java.io.IOException;
import java.util.List;
import org.cinerec.model.ModelFamily;
import org.cinerec.model.Param;
import org.cinerec.model.ParamSpec;
import org.cinerec.model.Params;
import org.cinerec.model.Recommender;
import org.cinerec.model.Trainer;
import org.cinerec.model.ModelReader;

/** The {@code itemknn} family: hyper-parameters (each documented once here), trainer and reader. */
public final class ItemKnnFamily implements ModelFamily {
  public static final String KIND = "itemknn";

  static final Param SIMILARITY = Param.ofChoice("similarity",
      "item-item similarity: pearson-baseline (shrunk Pearson correlation of baseline residuals over common "
          + "raters, Surprise's pearson_baseline) or cosine (of raw ratings over common raters)",
      "pearson-baseline", "pearson-baseline", "cosine");
  static final Param K = Param.ofInt("k",
      "neighbours used per prediction: the k items most similar to the target among those the user rated", 40, 1, 100_000);
  static final Param MIN_K = Param.ofInt("min-k",
      "fewest positive-similarity neighbours needed to add the neighbourhood term; otherwise the baseline alone", 1, 1, 100_000);
  static final Param SHRINKAGE = Param.ofDouble("shrinkage",
      "shrinks a similarity by (n-1)/(n-1+shrinkage) for n common raters; 0 = none", 100, 0, 1e9);
  static final Param MIN_SUPPORT = Param.ofInt("min-support",
      "fewest common raters for a non-zero similarity", 1, 1, 1_000_000);
  static final Param KEEP = Param.ofInt("keep",
      "positive-similarity neighbours stored per item (memory: 8 bytes each); 0 = keep all", 400, 0, 10_000_000);
  static final Param REG_ITEMS = Param.ofDouble("reg-items",
      "regularisation of the item biases of the ALS baseline (Surprise reg_i)", 10, 0, 1e9);
  static final Param REG_USERS = Param.ofDouble("reg-users",
      "regularisation of the user biases of the ALS baseline (Surprise reg_u)", 15, 0, 1e9);
  static final Param BASELINE_EPOCHS = Param.ofInt("baseline-epochs",
      "ALS sweeps fitting the baseline (Surprise n_epochs)", 10, 0, 10_000);

  static final ParamSpec SPEC = ParamSpec.of(SIMILARITY, K, MIN_K, SHRINKAGE, MIN_SUPPORT, KEEP, REG_ITEMS,
      REG_USERS, BASELINE_EPOCHS);

  @Override
  public String kind() {
    return KIND;
  }

  @Override
  public String description() {
    return "item-item k-nearest-neighbours on baseline residuals (Surprise KNNBaseline, item-based)";
  }

  @Override
  public ParamSpec params() {
    return SPEC;
  }

  @Override
  public List<String> defaultGrid() {
    return List.of("k=20,40,80", "shrinkage=10,100");
  }

  @Override
  public Trainer trainer(Params params) {
    return new ItemKnnTrainer(params);
  }

  @Override
  public Recommender read(ModelReader in) throws IOException {
    return ItemKnnModel.read(in);
  }
}
