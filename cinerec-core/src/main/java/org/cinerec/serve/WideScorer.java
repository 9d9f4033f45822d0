package org.cinerec.serve;

/**
 * A scorer of the serving path that scores a serving model's whole candidate range in one go: the model's
 * movies, then the movies added after training ({@link AddedMovies}, when the model ranks them). The serving
 * path's own wrappers (the popularity prior, the home screen's cached and taste-boosted scorers) transform all
 * scores together (z-scores, ranks), so they must see the added movies' scores beside the others; a plain
 * model scorer needs nothing of this ({@link ServingModel#scoreWide} asks it for each added movie).
 */
interface WideScorer {

  /** Scores every candidate of {@code m} into {@code out}, whose length is {@code m}'s candidate range. */
  void scoreWide(ServingModel m, float[] out);
}
