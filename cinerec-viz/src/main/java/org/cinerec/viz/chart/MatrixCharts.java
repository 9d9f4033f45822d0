package org.cinerec.viz.chart;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cinerec.viz.Figure;
import org.cinerec.viz.Palette;
import org.cinerec.viz.stats.Sparsity;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;

/** The rating-matrix sparsity grid. */
public final class MatrixCharts {
  private MatrixCharts() {}

  /** Lowest decade drawn: cells emptier than 0.01% (or empty) get the lightest colour. */
  static final double FLOOR = -4;

  public static Figure sparsity(Sparsity s) {
    HeatMapChart c = new HeatMapChartBuilder().width(Style.WIDTH).height(Style.HEIGHT + 40)
        .title("Rating matrix: " + Charts.percent(s.fill()) + " filled (" + Charts.count(s.users()) + " users × "
            + Charts.count(s.items()) + " rated movies)")
        .xAxisTitle("movies, most rated first (" + s.cols() + " columns of ~" + Math.round((double) s.items() / s.cols())
            + ")")
        .yAxisTitle("users, most active first (" + s.rows() + " rows of ~" + Math.round((double) s.users() / s.rows())
            + ")")
        .build();
    Style.apply(c.getStyler());
    List<Integer> xs = new ArrayList<>();
    List<Integer> ys = new ArrayList<>();
    for (int col = 0; col < s.cols(); col++) {
      xs.add(col + 1);
    }
    for (int row = 0; row < s.rows(); row++) {
      ys.add(s.rows() - row);
    }
    List<Number[]> cells = new ArrayList<>();
    for (int row = 0; row < s.rows(); row++) {
      for (int col = 0; col < s.cols(); col++) {
        double d = s.density()[row][col];
        double v = d <= 0 ? FLOOR : Math.max(FLOOR, Math.log10(d));
        cells.add(new Number[] {col, s.rows() - 1 - row, v});
      }
    }
    c.addSeries("share of user × movie pairs rated", xs, ys, cells);
    c.getStyler().setRangeColors(new Color[] {Color.WHITE, new Color(0xC6DBEF), Palette.SKY, Palette.BLUE,
        new Color(0x08306B)});
    c.getStyler().setMin(FLOOR);
    c.getStyler().setMax(0);
    c.getStyler().setPiecewise(true);
    c.getStyler().setPiecewiseRanged(true);
    c.getStyler().setSplitNumber(4);
    c.getStyler().setHeatMapDecimalValueFormatter(v -> decade(v));
    c.getStyler().setXAxisMaxLabelCount(12);
    c.getStyler().setPlotContentSize(1.0);
    c.getStyler().setDrawBorder(false);
    c.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.OutsideE);
    c.getStyler().setXAxisTicksVisible(false);
    c.getStyler().setYAxisTicksVisible(false);
    return new XChartFigure("sparsity", c, s);
  }

  private static String decade(double log10) {
    double p = Math.pow(10, log10) * 100;
    if (log10 <= FLOOR + 1e-9) {
      return "0"; // the lowest colour also holds empty cells
    }
    return fmt(p);
  }

  private static String fmt(double percent) {
    return (percent >= 1 ? String.format(Locale.ROOT, "%.0f", percent) : String.format(Locale.ROOT, "%s",
        Double.toString(percent).replaceAll("0+$", ""))) + "%";
  }
}
