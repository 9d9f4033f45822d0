/**
 * Item-item neighbourhood model with baseline-corrected predictions ({@code itemknn}), as Surprise's
 * {@code KNNBaseline} with item-based similarities (Koren 2010, "Factor in the neighbors", TKDD 4(1)).
 * The similarity kernel lives in {@link org.cinerec.math.SparseSimilarity}.
 */
package org.cinerec.model.knn;
