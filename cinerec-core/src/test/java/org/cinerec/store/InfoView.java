package org.cinerec.store;

import java.io.IOException;
import org.cinerec.data.IdIndex;
import org.cinerec.model.ModelInfo;
import org.cinerec.model.Recommender;
import org.cinerec.store.ModelWriter;

/**
 * A trained model seen with other info (as the CLI saves one with its split and data record); for tests.
 */
final class InfoView implements Recommender {
  private final Recommender model;
  private final ModelInfo info;

  InfoView(Recommender model, ModelInfo info) {
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
  public void write(ModelWriter out) throws IOException {
    model.write(out);
  }

  @Override
  public boolean knowsUser(int user) {
    return model.knowsUser(user);
  }
}
