/**
 * Alternating least squares: {@code als} (explicit ratings, weighted-λ regularisation as Spark MLlib, a
 * dense Cholesky solve per user and per item) and {@code ials} (implicit feedback with confidence
 * weights, Hu-Koren-Volinsky 2008, solved by conjugate gradient). Both solve users (then items) in
 * parallel on the shared pool; every row's solve is independent, so results do not depend on the
 * number of threads. Trained models are {@link org.cinerec.model.mf.FactorModel}s.
 */
package org.cinerec.model.als;
