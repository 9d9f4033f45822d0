/**
 * Neural recommenders. {@link org.cinerec.model.neural.MultitaskFamily} ("multitask") is the two-tower
 * retrieval + rating model of TensorFlow Recommenders' multitask tutorial: id embeddings, an MLP rating
 * head, and an in-batch softmax retrieval loss, trained jointly with Adagrad. Matrix products go through
 * {@link org.cinerec.math.Gemm}; optimizers live in {@link org.cinerec.train}.
 */
package org.cinerec.model.neural;
