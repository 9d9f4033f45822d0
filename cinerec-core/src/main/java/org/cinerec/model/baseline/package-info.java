/**
 * The two simplest rating models, the yardsticks every other model must beat: {@code popularity}
 * (non-personalised: most rated or damped mean rating) and {@code baseline} (global mean plus regularised
 * user and item biases, fitted by ALS or SGD as Surprise's {@code BaselineOnly}).
 */
package org.cinerec.model.baseline;
