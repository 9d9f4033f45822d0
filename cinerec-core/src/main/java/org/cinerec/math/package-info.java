/**
 * The numeric kernels every model shares: vector ops, matrix products (BLAS where it wins), softmax,
 * top-K selection, seeded random streams and the shared thread pool. Hot loops over primitive arrays;
 * measured with JMH in cinerec-bench before and after each change.
 */
package org.cinerec.math;
