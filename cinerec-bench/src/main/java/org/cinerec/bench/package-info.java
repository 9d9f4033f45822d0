/**
 * Benchmarks: end-to-end measurement runs (fit time and quality against the peers' figures) and JMH
 * microbenchmarks of the kernels.
 */
package org.cinerec.bench;
