/**
 * EASE^R ({@code ease}): the closed-form shallow linear item-item autoencoder of Steck (WWW 2019), for
 * top-N ranking. Ranks only. The dense SPD inverse lives in {@link org.cinerec.math.SpdInverse}.
 */
package org.cinerec.model.ease;
