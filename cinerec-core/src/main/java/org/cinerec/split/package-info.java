/**
 * Train/test splits of a dataset's ratings: shuffled holdout (the default), the notebook's ordered
 * take/skip, k-fold, per-user temporal (leave-last-N or last fraction) and a split given as two CSV
 * files. {@link org.cinerec.split.SplitSpec#parse(String)} reads the textual form used on the command
 * line and in model files ({@code "random:0.2:42"}); every split is deterministic for its seed.
 */
package org.cinerec.split;
