/**
 * The one contract every recommender follows: a {@link org.cinerec.model.Trainer} holding validated
 * hyper-parameters ({@link org.cinerec.model.ParamSpec}) produces an immutable
 * {@link org.cinerec.model.Recommender}; each family registers itself in
 * {@link org.cinerec.model.ModelFamilies}. One sub-package per family.
 */
package org.cinerec.model;
