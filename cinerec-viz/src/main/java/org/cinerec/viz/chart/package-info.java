/**
 * Drawing the statistics with XChart: one static method per picture turning a record from
 * {@code org.cinerec.viz.stats} into a {@link org.cinerec.viz.Figure}, all sharing one {@link
 * org.cinerec.viz.chart.Style} (white background, DejaVu Sans, Okabe–Ito colours, titled axes with units).
 */
package org.cinerec.viz.chart;
