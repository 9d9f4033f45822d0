/**
 * Pictures of a dataset and of trained models. A {@link org.cinerec.viz.Figure} is one picture that
 * renders to PNG and SVG; {@link org.cinerec.viz.Picture} names every picture cinerec draws and
 * {@link org.cinerec.viz.Pictures} builds them from a dataset (and models) and writes them to a folder.
 * The numbers behind each picture are computed in {@code stats}, drawn in {@code chart} (XChart) and
 * {@code cloud} (word cloud), and gathered in one HTML file by {@code report}.
 */
package org.cinerec.viz;
