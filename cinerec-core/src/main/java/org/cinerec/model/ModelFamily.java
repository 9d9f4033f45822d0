package org.cinerec.model;

import java.io.IOException;
import java.util.List;
import org.cinerec.data.Dataset;

/**
 * A model family as the rest of cinerec sees it: its id, its documented hyper-parameters, a way to make
 * a trainer and a way to read a saved model back. Registered in {@link ModelFamilies}.
 */
public interface ModelFamily {

  /** Short id used on the command line and in model files, e.g. "mf". */
  String kind();

  /** One line for help output. */
  String description();

  /** The hyper-parameters (each becomes a {@code --name} flag). Include "seed" when the model is random. */
  ParamSpec params();

  /** A trainer for validated parameters. */
  Trainer trainer(Params params);

  /** Reads a model that {@link Recommender#write} wrote. */
  Recommender read(ModelReader in) throws IOException;

  /**
   * Why this family can learn nothing from {@code data} (the genre model on a catalogue without genres), or null
   * when it can. Its trainer fails with this reason; {@code demo} leaves such a family out and says why.
   */
  default String unusableOn(Dataset data) {
    return null;
  }

  /**
   * What {@code cinerec tune} tries when no {@code --grid} is given, as {@code --grid} takes it
   * ({@code "factors=50,100"}, one entry a parameter): a few values around the defaults of the parameters that
   * matter most; empty for a family with nothing worth tuning.
   */
  default List<String> defaultGrid() {
    return List.of();
  }
}
