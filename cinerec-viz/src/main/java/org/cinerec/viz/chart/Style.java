package org.cinerec.viz.chart;

import java.awt.BasicStroke;
import java.awt.Font;
import java.awt.GraphicsEnvironment;
import java.util.Arrays;
import java.util.Locale;
import org.cinerec.viz.Palette;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;

/** The look every chart shares: legible fonts, white background, light grid, colour-blind-safe series. */
public final class Style {
  private Style() {}

  /** Default picture size in pixels. */
  public static final int WIDTH = 1000;
  public static final int HEIGHT = 600;

  /** DejaVu Sans when installed (it is on Debian with fonts-dejavu-core), else the logical sans serif. */
  public static final String FONT_FAMILY = pickFamily();

  public static Font font(int style, int size) {
    return new Font(FONT_FAMILY, style, size);
  }

  private static String pickFamily() {
    try {
      String[] names = GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames(Locale.ROOT);
      return Arrays.asList(names).contains("DejaVu Sans") ? "DejaVu Sans" : Font.SANS_SERIF;
    } catch (RuntimeException | Error e) {
      return Font.SANS_SERIF;
    }
  }

  /** Applies the shared look. */
  public static void apply(Styler s) {
    s.setChartBackgroundColor(Palette.BACKGROUND);
    s.setPlotBackgroundColor(Palette.BACKGROUND);
    s.setChartFontColor(Palette.TEXT);
    s.setChartTitleFont(font(Font.BOLD, 20));
    s.setChartTitleBoxVisible(false);
    s.setChartPadding(14);
    s.setLegendFont(font(Font.PLAIN, 14));
    s.setLegendBorderColor(Palette.GRID);
    s.setLegendBackgroundColor(Palette.BACKGROUND);
    if (!(s instanceof org.knowm.xchart.style.HeatMapStyler)) {
      s.setLegendPosition(Styler.LegendPosition.InsideNE);
    }
    s.setPlotBorderColor(Palette.GREY);
    s.setSeriesColors(Palette.series());
    s.setAnnotationTextPanelFont(font(Font.PLAIN, 14));
    s.setAnnotationTextPanelBackgroundColor(Palette.withAlpha(Palette.BACKGROUND, 0.9));
    s.setAnnotationTextPanelBorderColor(Palette.GRID);
    s.setAnnotationTextFont(font(Font.PLAIN, 13));
    s.setAnnotationTextFontColor(Palette.TEXT);
    s.setAntiAlias(true);
    s.setTextAntiAlias(true);
    s.setLocale(Locale.ROOT);
    if (s instanceof AxesChartStyler a) {
      a.setAxisTitleFont(font(Font.PLAIN, 16));
      a.setAxisTickLabelsFont(font(Font.PLAIN, 14));
      a.setAxisTickLabelsColor(Palette.TEXT);
      a.setPlotGridLinesColor(Palette.GRID);
      a.setPlotGridLinesStroke(new BasicStroke(1f));
      a.setAxisTickMarksColor(Palette.GREY);
      a.setPlotMargin(6);
    }
  }
}
