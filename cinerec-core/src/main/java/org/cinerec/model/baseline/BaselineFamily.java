package org.cinerec.model.baseline;

import java.util.List;
import org.cinerec.model.ModelFamily;
import org.cinerec.model.Param;
import org.cinerec.model.ParamSpec;
import org.cinerec.model.Params;
import org.cinerec.model.Recommender;
import org.cinerec.model.Trainer;
import org.cinerec.model.ModelReader;

/** The {@code baseline} family: global mean + user and item biases; see {@link BaselineTrainer}. */
public final class BaselineFamily implements ModelFamily {

  static final ParamSpec PARAMS = ParamSpec.of(
      Param.ofChoice("method", "How to fit the biases: als (alternating closed-form updates, Surprise's default) "
          + "or sgd.", "als", "als", "sgd"),
      Param.ofInt("epochs", "Passes over the data (ALS sweeps or SGD epochs; Surprise uses 10 for ALS, 20 for SGD).",
          10, 1, 10_000),
      Param.ofDouble("reg-user", "ALS: regularisation lambda_u of the user biases.", 15.0, 0.0, 1e9),
      Param.ofDouble("reg-item", "ALS: regularisation lambda_i of the item biases.", 10.0, 0.0, 1e9),
      Param.ofDouble("reg", "SGD: regularisation lambda of both biases.", 0.02, 0.0, 1e9),
      Param.ofDouble("learning-rate", "SGD: step size gamma.", 0.005, 1e-12, 10.0));

  @Override
  public String kind() {
    return BaselineModel.KIND;
  }

  @Override
  public String description() {
    return "Global mean + regularised user and item biases (Surprise BaselineOnly), fitted by ALS or SGD.";
  }

  @Override
  public ParamSpec params() {
    return PARAMS;
  }

  @Override
  public List<String> defaultGrid() {
    return List.of("reg-user=5,15,25", "reg-item=5,10,20");
  }

  @Override
  public Trainer trainer(Params params) {
    return new BaselineTrainer(params);
  }

  @Override
  public Recommender read(ModelReader in) {
    return BaselineModel.read(in);
  }
}
