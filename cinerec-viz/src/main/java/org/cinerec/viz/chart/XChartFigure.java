package org.cinerec.viz.chart;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import org.cinerec.viz.Figure;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/** A {@link Figure} drawn by XChart: PNG through its bitmap encoder, SVG through VectorGraphics2D. */
public final class XChartFigure implements Figure {
  private final String name;
  private final Chart<?, ?> chart;
  private final Object data;

  public XChartFigure(String name, Chart<?, ?> chart, Object data) {
    this.name = name;
    this.chart = chart;
    this.data = data;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String title() {
    return chart.getTitle();
  }

  @Override
  public int width() {
    return chart.getWidth();
  }

  @Override
  public int height() {
    return chart.getHeight();
  }

  @Override
  public Object data() {
    return data;
  }

  /** The XChart chart (to adjust before rendering). */
  public Chart<?, ?> chart() {
    return chart;
  }

  @Override
  public BufferedImage image() {
    return BitmapEncoder.getBufferedImage(chart);
  }

  @Override
  public void writeSvg(OutputStream out) throws IOException {
    VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
  }

  @Override
  public String toString() {
    return "Figure[" + name + ", " + width() + "x" + height() + "]";
  }
}
