/**
 * Content: what the catalogue says about a movie (genres, release year, title words) and the data about a
 * user (demographics), as categorical {@link org.cinerec.model.content.Features} the feature two-tower model
 * embeds, and the {@code genre} model, the content baseline of item cold start. These rank a movie nobody has
 * rated, from its metadata alone.
 */
package org.cinerec.model.content;
