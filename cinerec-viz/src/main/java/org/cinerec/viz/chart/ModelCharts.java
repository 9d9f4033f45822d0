package org.cinerec.viz.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.cinerec.viz.Figure;
import org.cinerec.viz.Palette;
import org.cinerec.viz.stats.EmbeddingMap;
import org.cinerec.viz.stats.LearningCurves;
import org.cinerec.viz.stats.Leaderboard;
import org.cinerec.viz.stats.RatingBins;
import org.cinerec.viz.stats.Residuals;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Pictures of trained models: learning curves, top-K accuracy, residuals and the embedding map. */
public final class ModelCharts {
  private ModelCharts() {}

  /** "MF (factors=50)" to "mf-factors-50", for file names. */
  public static String slug(String label) {
    String s = label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    return s.isEmpty() ? "model" : s;
  }

  /**
   * One panel per group of {@link LearningCurves} (losses; rating errors in rating points; other metrics), stacked
   * over the same epochs: a loss of about 6,000 and an RMSE of about 0.9 each get a y axis of their own.
   * Each panel's legend sits right of its plot, one entry per line, so every name is visible whatever
   * their number. The panels' epoch axes line up: y tick labels are given one number of characters in a
   * fixed-width font (same left edge), and a panel whose legend is narrower than the widest is drawn that
   * much narrower (same right edge).
   */
  public static Figure learningCurves(LearningCurves c) {
    double[] epochs = new double[c.epochs().length];
    for (int e = 0; e < epochs.length; e++) {
      epochs[e] = c.epochs()[e];
    }
    List<Map<String, double[]>> groups = new ArrayList<>();
    List<String> axes = new ArrayList<>();
    if (!c.losses().isEmpty()) {
      groups.add(c.losses());
      axes.add("loss (training objective)");
    }
    if (!c.ratingErrors().isEmpty()) {
      groups.add(c.ratingErrors());
      axes.add("rating error (rating points)");
    }
    if (!c.others().isEmpty()) {
      groups.add(c.others());
      axes.add("metric (other)");
    }
    int panelHeight = groups.size() == 1 ? Style.HEIGHT : groups.size() == 2 ? 380 : 320;
    int tickChars = 0;
    for (Map<String, double[]> group : groups) {
      tickChars = Math.max(tickChars, tickChars(max(group)));
    }
    String mono = monospace();
    java.awt.Font legendFont = new java.awt.Font(mono, java.awt.Font.PLAIN, 13);
    double[] legendText = new double[groups.size()];
    double widest = 0;
    for (int g = 0; g < groups.size(); g++) {
      for (String name : groups.get(g).keySet()) {
        legendText[g] = Math.max(legendText[g], textWidth(name, legendFont));
      }
      widest = Math.max(widest, legendText[g]);
    }
    List<org.knowm.xchart.internal.chartpart.Chart<?, ?>> panels = new ArrayList<>();
    int colour = 0;
    for (int g = 0; g < groups.size(); g++) {
      boolean last = g == groups.size() - 1;
      int h = panelHeight + (g == 0 ? 40 : 0) + (last ? 30 : 0); // room for the title and the epoch axis title
      int w = Style.WIDTH - (int) Math.round(widest - legendText[g]);
      XYChart chart = Charts.xy("Learning curves of " + c.label(), last ? "epoch" : "", axes.get(g), w, h);
      chart.getStyler().setChartTitleVisible(g == 0);
      chart.getStyler().setXAxisTitleVisible(last);
      chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
      chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
      chart.getStyler().setLegendFont(legendFont);
      chart.getStyler().setAxisTickLabelsFont(new java.awt.Font(mono, java.awt.Font.PLAIN, 13));
      chart.getStyler().setXAxisDecimalPattern("0");
      chart.getStyler().setYAxisDecimalPattern(yPattern(max(groups.get(g)), tickChars));
      for (Map.Entry<String, double[]> s : groups.get(g).entrySet()) {
        // val_* in a model's history is the held-out part of its split (what train prints as test_*)
        String name = s.getKey().startsWith("val_") ? "test_" + s.getKey().substring(4) : s.getKey();
        line(chart, name, epochs, s.getValue(), Palette.series(colour++), 0, name.startsWith("holdout_")
            || name.startsWith("test_"));
      }
      panels.add(chart);
    }
    return new StackedFigure("learning-curves-" + slug(c.label()), panels, c);
  }

  /** The width XChart gives a legend text (its bounds, as it measures them). */
  private static double textWidth(String text, java.awt.Font font) {
    return new java.awt.font.TextLayout(text, font, new java.awt.font.FontRenderContext(null, true, true))
        .getBounds().getWidth();
  }

  private static double max(Map<String, double[]> series) {
    double max = 0;
    for (double[] s : series.values()) {
      for (double v : s) {
        if (Double.isFinite(v)) {
          max = Math.max(max, Math.abs(v));
        }
      }
    }
    return max;
  }

  /** Characters of the widest tick label of a panel whose values reach {@code max} (its natural pattern). */
  private static int tickChars(double max) {
    return new java.text.DecimalFormat(yPattern(max, 0), java.text.DecimalFormatSymbols.getInstance(Locale.ROOT))
        .format(max * 1.1).length();
  }

  /**
   * Whole numbers with separators from 100 up, else two decimals (one from 10 up); decimals are added
   * until the labels are {@code width} characters wide, so every panel's labels are equally wide.
   */
  private static String yPattern(double max, int width) {
    if (max >= 100) {
      return "#,##0";
    }
    String whole = max >= 10 ? "00" : "0";
    int decimals = Math.max(max >= 10 ? 1 : 2, width - whole.length() - 1);
    return whole.charAt(0) + "." + "0".repeat(decimals);
  }

  private static String monospace() {
    String[] names = java.awt.GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames(Locale.ROOT);
    return java.util.Arrays.asList(names).contains("DejaVu Sans Mono") ? "DejaVu Sans Mono" : java.awt.Font.MONOSPACED;
  }

  private static void line(XYChart chart, String name, double[] x, double[] y, Color colour, int group, boolean dashed) {
    List<Double> xs = new ArrayList<>();
    List<Double> ys = new ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      if (!Double.isNaN(y[i]) && !Double.isInfinite(y[i])) {
        xs.add(x[i]);
        ys.add(y[i]);
      }
    }
    if (xs.isEmpty()) {
      return;
    }
    XYSeries s = chart.addSeries(name, xs, ys);
    s.setYAxisGroup(group);
    s.setLineColor(colour);
    s.setMarkerColor(colour);
    s.setMarker(xs.size() > 40 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
    s.setLineStyle(dashed ? new BasicStroke(2.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
        new float[] {8f, 5f}, 0f) : new BasicStroke(2.5f));
  }

  /**
   * The cold-start curve: a metric against the number of ratings a new user gave (log scale), one colour
   * per model; thick: folded in, thin: folded in with the training popularity prior, dash-dot: with the
   * recent popularity prior, dashed: retrained with them; grey: popularity, dark grey: recent popularity; a
   * series of the model "goal" is a red dashed target line named by its method. The y axis starts at 0 when
   * a series comes within a third of it, else it fits the values.
   */
  public static Figure coldStart(org.cinerec.viz.stats.ColdStartCurves c) {
    XYChart chart = Charts.xy("Cold start: " + c.metric() + " of held-out users after n ratings",
        "ratings given (log scale)", c.metric());
    Map<String, Color> colours = new java.util.LinkedHashMap<>();
    for (org.cinerec.viz.stats.ColdStartCurves.Series s : c.series()) {
      double[] x = java.util.Arrays.stream(s.given()).asDoubleStream().toArray();
      if (s.model().equals("goal")) { // a target line, e.g. "goal: 1.25 × popularity"
        XYSeries goal = chart.addSeries("goal: " + s.method(), x, s.values());
        goal.setLineColor(Color.RED);
        goal.setMarker(SeriesMarkers.NONE);
        goal.setLineStyle(SeriesLines.DASH_DASH);
        continue;
      }
      boolean popularity = s.model().equals("popularity");
      Color colour = popularity ? (s.method().equals("popularity") ? Color.GRAY : Color.DARK_GRAY)
          : colours.computeIfAbsent(s.model(), m -> Palette.series(colours.size()));
      String label = !popularity ? s.model() + ", " + s.method()
          : s.method().equals("recent") ? "recent popularity" : s.method();
      XYSeries line = chart.addSeries(label, x, s.values());
      line.setLineColor(colour);
      line.setMarkerColor(colour);
      line.setMarker(s.method().equals("retrained") ? SeriesMarkers.DIAMOND
          : s.method().startsWith("fold-in+") || s.method().equals("recent") ? SeriesMarkers.SQUARE
          : SeriesMarkers.CIRCLE);
      // fold-in: thick; with the training popularity prior: thin; with the recent one: dash-dot; retrained: dashed
      line.setLineStyle(s.method().equals("fold-in") || s.method().equals("popularity") ? new BasicStroke(2.5f)
          : s.method().equals("retrained") ? SeriesLines.DASH_DASH
          : s.method().equals("fold-in+recent") || s.method().equals("recent") ? SeriesLines.DASH_DOT
          : new BasicStroke(1.2f));
    }
    chart.getStyler().setXAxisLogarithmic(true);
    double low = c.series().stream().flatMapToDouble(s -> java.util.Arrays.stream(s.values())).min().orElse(0);
    double high = c.series().stream().flatMapToDouble(s -> java.util.Arrays.stream(s.values())).max().orElse(1);
    if (low < high / 3) {
      chart.getStyler().setYAxisMin(0.0);
    }
    chart.getStyler().setXAxisDecimalPattern("#,##0");
    chart.getStyler().setYAxisDecimalPattern("0.00");
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    return new XChartFigure("cold-start", chart, c);
  }

  /** Top-K accuracy against K (log scale), one colour per model; dashed: training movies excluded. */
  public static Figure topKAccuracy(Leaderboard board) {
    XYChart chart = Charts.xy("Top-K accuracy: share of held-out ratings whose movie ranks in the top K",
        "K (log scale)", "top-K accuracy (%)");
    int colour = 0;
    for (Leaderboard.Entry e : board.entries()) {
      Color c = Palette.series(colour++);
      series(chart, e.label(), Leaderboard.topK(e, false), c, false);
      series(chart, e.label() + ", training movies excluded", Leaderboard.topK(e, true), c, true);
    }
    chart.getStyler().setXAxisLogarithmic(true);
    chart.getStyler().setYAxisMin(0.0);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
    chart.getStyler().setXAxisDecimalPattern("#,##0");
    return new XChartFigure("topk-accuracy", chart, board);
  }

  private static void series(XYChart chart, String name, TreeMap<Integer, Double> byK, Color c, boolean dashed) {
    if (byK.isEmpty()) {
      return;
    }
    double[] x = new double[byK.size()];
    double[] y = new double[byK.size()];
    int j = 0;
    for (Map.Entry<Integer, Double> kv : byK.entrySet()) {
      x[j] = kv.getKey();
      y[j++] = 100 * kv.getValue();
    }
    XYSeries s = chart.addSeries(name, x, y);
    s.setLineColor(c);
    s.setMarkerColor(c);
    s.setMarker(dashed ? SeriesMarkers.DIAMOND : SeriesMarkers.CIRCLE);
    s.setLineStyle(dashed ? SeriesLines.DASH_DASH : new BasicStroke(2.5f));
  }

  /** Sampled (actual, predicted) points, the mean prediction per actual value ± 1 std, and the diagonal. */
  public static Figure residuals(Residuals r) {
    XYChart chart = Charts.xy(String.format(Locale.ROOT, "Predicted vs actual rating, %s: RMSE %.3f, MAE %.3f",
        r.label(), r.rmse(), r.mae()), "actual rating (jittered)",
        "predicted rating (clipped to " + r.bins().scale().text().replace("..", "–") + ")");
    RatingBins bins = r.bins();
    double lo = bins.scale().min();
    double hi = bins.scale().max();
    double jitter = 0.3 * (bins.perValue() ? bins.scale().step() : (hi - lo) / RatingBins.EVEN_BINS);
    float[] jx = new float[r.sampleX().length];
    org.cinerec.math.Rng rng = new org.cinerec.math.Rng(1);
    for (int i = 0; i < jx.length; i++) {
      jx[i] = r.sampleX()[i] + (float) ((rng.nextDouble() * 2 - 1) * jitter);
    }
    XYSeries pts = chart.addSeries(String.format(Locale.US, "a rating (%,d of %,d drawn)", jx.length, r.pairs()), jx,
        r.samplePred());
    pts.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    pts.setMarker(SeriesMarkers.CIRCLE);
    pts.setMarkerColor(Palette.withAlpha(Palette.SKY, 0.3));
    List<Double> xs = new ArrayList<>();
    List<Double> ms = new ArrayList<>();
    List<Double> sd = new ArrayList<>();
    for (int b = 0; b < r.count().length; b++) {
      if (r.count()[b] > 0) {
        xs.add(bins.centre(b));
        ms.add(r.meanPred()[b]);
        sd.add(r.stdPred()[b]);
      }
    }
    XYSeries mean = chart.addSeries("mean prediction ± 1 std", xs, ms, sd);
    mean.setLineColor(Palette.VERMILLION);
    mean.setMarkerColor(Palette.VERMILLION);
    mean.setMarker(SeriesMarkers.CIRCLE);
    mean.setLineStyle(new BasicStroke(2.5f));
    XYSeries diag = chart.addSeries("perfect prediction", new double[] {lo, hi}, new double[] {lo, hi});
    diag.setLineColor(Palette.GREY);
    diag.setMarker(SeriesMarkers.NONE);
    diag.setLineStyle(SeriesLines.DASH_DASH);
    chart.getStyler().setMarkerSize(5);
    chart.getStyler().setErrorBarsColor(Palette.VERMILLION);
    chart.getStyler().setXAxisMin(bins.axisMin() - jitter);
    chart.getStyler().setXAxisMax(bins.axisMax() + jitter);
    chart.getStyler().setYAxisMin(bins.axisMin());
    chart.getStyler().setYAxisMax(bins.axisMax());
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
    chart.setXAxisTitle("actual rating (jittered; scale " + bins.scale().text() + ") — " + r.on());
    return new XChartFigure("residuals-" + slug(r.label()), chart, r);
  }

  /** The PCA map, one colour per genre group, the most popular movies labelled. */
  public static Figure embeddings(EmbeddingMap m) {
    XYChart chart = Charts.xy(String.format(Locale.ROOT, "Movie vectors of %s, first two principal components",
        m.label()), String.format(Locale.ROOT, "component 1 (%.0f%% of variance)", 100 * m.explained()[0]),
        String.format(Locale.ROOT, "component 2 (%.0f%% of variance)", 100 * m.explained()[1]), 1100, 700);
    chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
    chart.getStyler().setMarkerSize(6);
    for (int g = -1; g < m.genres().length; g++) {
      List<Double> xs = new ArrayList<>();
      List<Double> ys = new ArrayList<>();
      for (int i = 0; i < m.size(); i++) {
        if (m.group()[i] == g) {
          xs.add(m.x()[i]);
          ys.add(m.y()[i]);
        }
      }
      if (xs.isEmpty()) {
        continue;
      }
      String name = g >= 0 ? m.genres()[g] : m.genres().length == 0 ? "movies (no genres in the data)" : "other";
      XYSeries s = chart.addSeries(name + " (" + xs.size() + ")", xs, ys);
      s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      s.setMarker(SeriesMarkers.CIRCLE);
      Color c = g < 0 ? Palette.GREY : Palette.series(g);
      s.setMarkerColor(Palette.withAlpha(c, g < 0 ? 0.35 : 0.7));
    }
    // labels, most popular first; one that would overlap a placed label moves below its point or is left out
    double xPerPx = range(m.x()) / 800.0;
    double yPerPx = range(m.y()) / 560.0;
    List<double[]> boxes = new ArrayList<>();
    for (int i : m.labelled()) {
      String t = m.titles()[i];
      String text = t.length() > 28 ? t.substring(0, 27) + "…" : t;
      double w = text.length() * 7.4 * xPerPx;
      double h = 16 * yPerPx;
      for (double dy : new double[] {12 * yPerPx, -12 * yPerPx}) {
        double[] box = {m.x()[i] - w / 2, m.y()[i] + dy - h / 2, m.x()[i] + w / 2, m.y()[i] + dy + h / 2};
        if (boxes.stream().noneMatch(b -> b[0] < box[2] && box[0] < b[2] && b[1] < box[3] && box[1] < b[3])) {
          boxes.add(box);
          chart.addAnnotation(new AnnotationText(text, m.x()[i], m.y()[i] + dy, false));
          break;
        }
      }
    }
    chart.getStyler().setAnnotationTextFont(Style.font(java.awt.Font.BOLD, 12));
    return new XChartFigure("embeddings-" + slug(m.label()), chart, m);
  }

  private static double range(double[] v) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double x : v) {
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
    }
    return hi - lo;
  }
}
