/**
 * The numbers behind each picture, computed from a dataset or a model with no drawing involved: one
 * small immutable record per chart (histogram counts, damped-mean ranking, long-tail curve, PCA
 * projection ...). Tests check these against the data; {@code org.cinerec.viz.chart} draws them.
 */
package org.cinerec.viz.stats;
