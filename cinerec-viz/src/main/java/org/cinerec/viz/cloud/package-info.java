/**
 * The word cloud of the best-rated movies, laid out by Kumo with every random choice seeded, drawn
 * with a title band stating how movies were ranked, and written as PNG or as SVG text elements.
 */
package org.cinerec.viz.cloud;
