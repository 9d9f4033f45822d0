package org.cinerec.model;

/**
 * Implemented by models that keep which movies each user rated in training ({@link TrainingItems}), so
 * that {@code cinerec recommend MODEL --user ID} can leave them out without being given the data again.
 */
public interface RatedItems {

  /** Each training user's rated items. */
  TrainingItems trainingItems();
}
