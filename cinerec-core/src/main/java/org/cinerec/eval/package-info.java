/**
 * Evaluation: one {@link org.cinerec.eval.Evaluator} measures any
 * {@link org.cinerec.model.Recommender} on held-out ratings — rating error (RMSE, MAE), TFRS-style
 * top-K accuracy over the whole catalogue, and per-user top-N ranking metrics over every movie the user
 * has not rated in training — into an {@link org.cinerec.eval.EvaluationReport}.
 */
package org.cinerec.eval;
