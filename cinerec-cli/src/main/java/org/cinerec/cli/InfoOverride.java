package org.cinerec.cli;

import java.io.IOException;
import org.cinerec.data.IdIndex;
import org.cinerec.model.ModelInfo;
import org.cinerec.model.Recommender;
import org.cinerec.store.ModelWriter;

/**
 * A trained model seen with other provenance (the CLI adds the split it cut the data with): every
 * call goes to the model except {@link #info()}. Used only to save the model with that info (it hides
 * the model's optional interfaces such as {@code BatchPredictor}, so evaluate the model itself).
 */
final class InfoOverride implements Recommender {
  private final Recommender model;
  private final ModelInfo info;

  InfoOverride(Recommender model, ModelInfo info) {
    this.model = model;
    this.info = info;
  }

  @Override
  public String kind() {
    return model.kind();
  }

  @Override
  public IdIndex users() {
    return model.users();
  }

  @Override
  public IdIndex items() {
    return model.items();
  }

  @Override
  public ModelInfo info() {
    return info;
  }

  @Override
  public boolean predictsRatings() {
    return model.predictsRatings();
  }

  @Override
  public float predict(int user, int item) {
    return model.predict(user, item);
  }

  @Override
  public void scoreItems(int user, float[] out) {
    model.scoreItems(user, out);
  }

  @Override
  public void similarItems(int item, float[] out) {
    model.similarItems(item, out);
  }

  @Override
  public boolean hasItemSimilarity() {
    return model.hasItemSimilarity();
  }

  @Override
  public boolean knowsItem(int item) {
    return model.knowsItem(item);
  }

  @Override
  public String fallback(int user, int item) {
    return model.fallback(user, item);
  }

  @Override
  public void write(ModelWriter out) throws IOException {
    model.write(out);
  }

  @Override
  public boolean knowsUser(int user) {
    return model.knowsUser(user);
  }
}
