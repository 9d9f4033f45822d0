/**
 * Bayesian personalised ranking ({@code bpr}): matrix factorisation with item biases trained on implicit
 * feedback by SGD over sampled (user, positive, negative) triples (Rendle et al., UAI 2009). Ranks only.
 * The triple sampler lives in {@link org.cinerec.math.TripleSampler}.
 */
package org.cinerec.model.bpr;
