package org.cinerec.viz.chart;

import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.AnnotationTextPanel;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HorizontalBarChart;
import org.knowm.xchart.HorizontalBarChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.internal.chartpart.AxesChart;

/** Builders for styled charts and small text helpers shared by the picture classes. */
final class Charts {
  private Charts() {}

  static CategoryChart bars(String title, String xTitle, String yTitle) {
    CategoryChart c = new CategoryChartBuilder().width(Style.WIDTH).height(Style.HEIGHT).title(title)
        .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
    Style.apply(c.getStyler());
    c.getStyler().setLegendVisible(false);
    c.getStyler().setAvailableSpaceFill(0.8);
    c.getStyler().setPlotGridVerticalLinesVisible(false);
    return c;
  }

  /** Horizontal bars; give {@code categories} so that XChart labels every one of them. */
  static HorizontalBarChart horizontalBars(String title, String xTitle, String yTitle, int height, int categories) {
    HorizontalBarChart c = new HorizontalBarChartBuilder().width(Style.WIDTH).height(height).title(title)
        .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
    Style.apply(c.getStyler());
    c.getStyler().setLegendVisible(false);
    c.getStyler().setPlotGridHorizontalLinesVisible(false);
    c.getStyler().setXAxisMaxLabelCount(categories); // label every category (XChart skips some otherwise)
    return c;
  }

  static XYChart xy(String title, String xTitle, String yTitle) {
    return xy(title, xTitle, yTitle, Style.WIDTH, Style.HEIGHT);
  }

  static XYChart xy(String title, String xTitle, String yTitle, int width, int height) {
    XYChart c = new XYChartBuilder().width(width).height(height).title(title).xAxisTitle(xTitle)
        .yAxisTitle(yTitle).build();
    Style.apply(c.getStyler());
    return c;
  }

  /** A boxed note in the top-left corner of the plot area (screen space). */
  static void note(AxesChart<?, ?> chart, String... lines) {
    AnnotationTextPanel panel = new AnnotationTextPanel(String.join("\n", lines), 0, 0, true);
    panel.setLines(List.of(lines));
    chart.addAnnotation(panel);
  }

  /** A boxed note at a screen position (pixels from the left and from the bottom). */
  static void noteAt(AxesChart<?, ?> chart, double x, double y, String... lines) {
    AnnotationTextPanel panel = new AnnotationTextPanel(String.join("\n", lines), x, y, true);
    panel.setLines(List.of(lines));
    chart.addAnnotation(panel);
  }

  /** "100,836". */
  static String count(long n) {
    return NumberFormat.getIntegerInstance(Locale.US).format(n);
  }

  /** "1.7%". */
  static String percent(double share) {
    double p = share * 100;
    return String.format(Locale.ROOT, p >= 10 ? "%.0f%%" : p >= 1 ? "%.1f%%" : "%.2f%%", p);
  }

  /** "3.50". */
  static String fixed2(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }
}
