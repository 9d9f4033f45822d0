package org.cinerec.model;

import org.cinerec.data.IdIndex;

/**
 * What every trained model holds besides its own tensors: its family id, {@link ModelInfo}, user and
 * item vocabularies, and each training user's rated items, with the accessors {@link Recommender} and
 * {@link RatedItems} ask for.
 *
 * <p>An abstract class rather than a component record: the seven models repeated the same four fields,
 * their constructor assignments and six accessor methods (three of them also the same output-length
 * check), and a record would still have needed all six accessors in each model to delegate to it. It is
 * one level deep and immutable (final fields, final accessors, no state of its own beyond them and which
 * movies had training ratings, derived from them once), so it adds no hierarchy to reason about; models only extend it and supply their own scoring and writing.
 */
public abstract class TrainedModel implements Recommender, RatedItems {
  private final String kind;
  private final ModelInfo info;
  private final IdIndex users;
  private final IdIndex items;
  private final TrainingItems rated;
  /** Whether each item had training ratings (derived from {@code rated}; the one rule for a cold movie). */
  private final boolean[] knownItems;

  protected TrainedModel(String kind, ModelInfo info, IdIndex users, IdIndex items, TrainingItems rated) {
    this.kind = kind;
    this.info = info;
    this.users = users;
    this.items = items;
    this.rated = rated;
    int[] raters = rated.raters(items.size());
    this.knownItems = new boolean[raters.length];
    for (int i = 0; i < raters.length; i++) {
      knownItems[i] = raters[i] > 0;
    }
  }

  @Override
  public final String kind() {
    return kind;
  }

  @Override
  public final IdIndex users() {
    return users;
  }

  @Override
  public final IdIndex items() {
    return items;
  }

  @Override
  public final ModelInfo info() {
    return info;
  }

  @Override
  public final TrainingItems trainingItems() {
    return rated;
  }

  /** Throws unless {@code out} has one slot per item (for {@link #scoreItems} and {@link #similarItems}). */
  protected final void checkLength(float[] out) {
    if (out.length != items.size()) {
      throw new IllegalArgumentException("output length " + out.length + " != items " + items.size());
    }
  }

  /** True when some user rated the movie in training (from the training items every model keeps). */
  @Override
  public final boolean knowsItem(int item) {
    return item >= 0 && item < knownItems.length && knownItems[item];
  }

  /** True when the user rated something in training; models with their own rating rows may override. */
  @Override
  public boolean knowsUser(int user) {
    return rated.count(user) > 0;
  }
}
