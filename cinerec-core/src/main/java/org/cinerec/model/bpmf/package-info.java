/**
 * Bayesian matrix factorisation: {@code bpmf}, Gibbs sampling of user and movie factors under Normal-Wishart
 * hyperpriors (Salakhutdinov and Mnih 2008), predicting the posterior mean with its spread as a confidence.
 */
package org.cinerec.model.bpmf;
