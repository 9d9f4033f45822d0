/**
 * The {@code blend} family: a ridge regression over several rating models' predictions and the user's and
 * movie's support, fitted on a holdout inside the training data (the Netflix Prize's blending), saved as one
 * model file that holds its members.
 */
package org.cinerec.model.blend;
