/**
 * Latent-factor models trained by stochastic gradient descent: {@code mf} (biased matrix factorisation,
 * Funk SVD, as Surprise's SVD) and {@code svdpp} (SVD++, Koren 2008), plus {@link
 * org.cinerec.model.mf.FactorModel}, the trained form (user and item factors, biases) every factor family
 * shares, including the ALS families of {@code org.cinerec.model.als}.
 */
package org.cinerec.model.mf;
