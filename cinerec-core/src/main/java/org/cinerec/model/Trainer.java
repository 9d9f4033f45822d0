package org.cinerec.model;

import org.cinerec.data.Dataset;
import org.cinerec.data.Ratings;
import org.cinerec.train.TrainingListener;

/**
 * Holds validated hyper-parameters and a seed; {@link #fit} produces an immutable {@link Recommender}.
 * A trainer is reusable: fitting twice on the same data with the same seed single-threaded gives the
 * same model bit for bit.
 */
public interface Trainer {

  /** The family id of the models it makes. */
  String kind();

  /** The resolved hyper-parameters. */
  Params params();

  /**
   * Trains on {@code train.ratings()} (the vocabularies and catalog of {@code train} become the model's).
   *
   * @param validation held-out ratings to report per-epoch metrics on, or null
   * @param listener   progress and per-epoch callbacks; {@link TrainingListener#NONE} for none
   */
  Recommender fit(Dataset train, Ratings validation, TrainingListener listener);

  default Recommender fit(Dataset train) {
    return fit(train, null, TrainingListener.NONE);
  }
}
