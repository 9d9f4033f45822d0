package org.cinerec.model;

/**
 * Implemented by models that represent each item as a dense vector (factor models, the two-tower
 * model): pictures such as a PCA of movie embeddings read them through this.
 */
public interface ItemEmbeddings {

  /** Vector length. */
  int embeddingDim();

  /** Row-major {@code items().size() × embeddingDim()} copy of the item vectors. */
  float[] itemEmbeddings();
}
