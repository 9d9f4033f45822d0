package org.cinerec.model.blend;

import java.io.IOException;
import java.util.List;
import org.cinerec.model.ModelFamily;
import org.cinerec.model.ModelReader;
import org.cinerec.model.Param;
import org.cinerec.model.ParamSpec;
import org.cinerec.model.Params;
import org.cinerec.model.Recommender;
import org.cinerec.model.Trainer;

/** The {@code blend} family; see {@link BlendTrainer} for the method and {@link BlendModel} for serving. */
public final class BlendFamily implements ModelFamily {

  static final ParamSpec PARAMS = ParamSpec.of(
      Param.ofString("members", "The rating models blended, comma-separated, each trained with its defaults unless "
          + "--member-params says otherwise (only models that predict ratings).", "baseline,mf,svdpp,als,itemknn"),
      Param.ofString("member-params", "Members' parameters as KIND.NAME=VALUE, comma-separated, e.g. "
          + "\"mf.factors=150,mf.epochs=40\" (empty: every member's defaults).", ""),
      Param.ofDouble("holdout", "Fraction of the training ratings held out (by a hash of seed, user and movie) "
          + "to fit the blend's weights on.", 0.1, 0.01, 0.5),
      Param.ofDouble("ridge", "Ridge penalty λ on the blend's weights (not on the intercept), per holdout rating.",
          1e-3, 0.0, 1e6),
      Param.ofBool("refit", "Train the members again on all the training ratings after the weights are fitted "
          + "(the weights keep their values); false keeps the members trained without the holdout.", true),
      Param.ofInt("threads", "Threads each member trains with (0 = the shared pool's size).", 0, 0, 1024),
      Param.ofLong("seed", "Seed of the holdout and of every member that takes one.", 42));

  @Override
  public String kind() {
    return BlendModel.KIND;
  }

  @Override
  public String description() {
    return "Ridge regression over several rating models' predictions and support (the Netflix Prize's blend).";
  }

  @Override
  public ParamSpec params() {
    return PARAMS;
  }

  @Override
  public List<String> defaultGrid() {
    return List.of("ridge=0.0001,0.001,0.01");
  }

  @Override
  public Trainer trainer(Params params) {
    return new BlendTrainer(params);
  }

  @Override
  public Recommender read(ModelReader in) throws IOException {
    return BlendModel.read(in);
  }
}
