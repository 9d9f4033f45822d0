/**
 * Bayesian personalised ranking ({@code bpr}): matrix factorisation with item biases trained on implicit
 * feedback by SGD over sampled (user, positive, negative) triples (Rendle et al., UAI 2009). Ranks only.
 * The default schedule ({@link org.cinerec.model.bpr.BprBlocks}) draws the triples in DSGD strata on
 * several threads; the step is {@link org.cinerec.math.BprKernel}, the "did u rate j" check
 * {@link org.cinerec.math.RatedPairs}, the paper's uniform sampler {@link org.cinerec.math.TripleSampler}.
 */
package org.cinerec.model.bpr;
