/**
 * Random-walk item graphs ({@code rp3beta}): RP3β of Paudel et al. (ACM TiiS 2017), item-item transition
 * probabilities of three steps on the user–item bipartite graph, divided by the target's popularity to the
 * power β, kept as each item's top-k neighbours. Ranks only.
 */
package org.cinerec.model.graph;
