package org.cinerec.viz.chart;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import org.cinerec.viz.Figure;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Several XChart charts stacked top to bottom in one picture (XChart has no sub-plots): panels whose
 * numbers differ by orders of magnitude each get their own y axis and legend. The picture is as wide as
 * the widest panel; a narrower one is drawn at the left on the first panel's background. The title is
 * the first panel's; PNG and SVG paint the same panels through the same Graphics2D calls.
 */
public final class StackedFigure implements Figure {
  private final String name;
  private final List<Chart<?, ?>> panels;
  private final Object data;
  private final int width;
  private final int height;

  public StackedFigure(String name, List<Chart<?, ?>> panels, Object data) {
    if (panels.isEmpty()) {
      throw new IllegalArgumentException("a stacked figure needs at least one panel");
    }
    this.name = name;
    this.panels = List.copyOf(panels);
    this.data = data;
    int w = 0;
    int h = 0;
    for (Chart<?, ?> c : panels) {
      w = Math.max(w, c.getWidth());
      h += c.getHeight();
    }
    this.width = w;
    this.height = h;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String title() {
    return panels.get(0).getTitle();
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public int height() {
    return height;
  }

  @Override
  public Object data() {
    return data;
  }

  /** The panels, top first (to adjust before rendering). */
  public List<Chart<?, ?>> panels() {
    return panels;
  }

  private void paint(Graphics2D g) {
    g.setColor(panels.get(0).getStyler().getChartBackgroundColor());
    g.fillRect(0, 0, width, height);
    int y = 0;
    for (Chart<?, ?> c : panels) {
      Graphics2D p = (Graphics2D) g.create();
      p.translate(0, y);
      p.setClip(0, 0, c.getWidth(), c.getHeight());
      c.paint(p, c.getWidth(), c.getHeight());
      p.dispose();
      y += c.getHeight();
    }
  }

  @Override
  public BufferedImage image() {
    BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    paint(g);
    g.dispose();
    return img;
  }

  @Override
  public void writeSvg(OutputStream out) throws IOException {
    VectorGraphics2D g = new VectorGraphics2D();
    paint(g);
    new SVGProcessor().getDocument(g.getCommands(), new PageSize(0, 0, width, height)).writeTo(out);
  }

  @Override
  public String toString() {
    return "Figure[" + name + ", " + width + "x" + height + ", " + panels.size() + " panels]";
  }
}
