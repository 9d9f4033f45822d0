package org.cinerec.viz.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cinerec.viz.Figure;
import org.cinerec.viz.Palette;
import org.cinerec.viz.stats.GenreStats;
import org.cinerec.viz.stats.LongTail;
import org.cinerec.viz.stats.MovieRatings;
import org.cinerec.data.RatingScale;
import org.cinerec.viz.stats.RatingBins;
import org.cinerec.viz.stats.RatingHistogram;
import org.cinerec.viz.stats.RatingsOverTime;
import org.cinerec.viz.stats.UserActivity;
import org.cinerec.viz.stats.UserSample;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.HorizontalBarChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Pictures of a dataset's ratings (everything but the word cloud and the sparsity grid). */
public final class DataCharts {
  private DataCharts() {}

  /** Periods with fewer ratings get no mean on the time line. */
  static final int MIN_FOR_MEAN = 20;

  /** Bars of ratings per value of the scale (or per range of a continuous one). */
  public static Figure ratingHistogram(RatingHistogram h) {
    return histogram("rating-histogram", "Rating distribution: " + Charts.count(h.total()) + " ratings, mean "
        + Charts.fixed2(h.mean()), h, Palette.BLUE);
  }

  /** Bars of one movie's ratings on the scale. */
  public static Figure movieRatings(MovieRatings m) {
    RatingHistogram h = m.histogram();
    return histogram("movie-ratings", "Ratings of " + m.title() + ": " + Charts.count(h.total()) + ", mean "
        + Charts.fixed2(h.mean()), h, Palette.ORANGE);
  }

  private static Figure histogram(String name, String title, RatingHistogram h, Color colour) {
    CategoryChart c = Charts.bars(title, "rating (scale " + h.bins().scale().text() + ")", "ratings (count)");
    List<String> labels = new ArrayList<>();
    List<Long> values = new ArrayList<>();
    for (int b = 0; b < h.bins().count(); b++) {
      labels.add(h.bins().label(b));
      values.add(h.counts()[b]);
    }
    CategorySeries s = c.addSeries("ratings", labels, values);
    s.setFillColor(colour);
    c.getStyler().setLabelsVisible(true);
    c.getStyler().setLabelsFont(Style.font(java.awt.Font.PLAIN, 13));
    c.getStyler().setLabelsPosition(1.0);
    c.getStyler().setYAxisDecimalPattern("#,##0");
    c.getStyler().setYAxisMin(0.0);
    c.getStyler().setYAxisMax(niceMax(max(h.counts()) * 1.1));
    if (h.offScale() > 0) {
      c.setXAxisTitle("rating (" + Charts.count(h.offScale()) + " ratings off the scale " + h.bins().scale().text()
          + " not drawn)");
    }
    return new XChartFigure(name, c, h);
  }

  /** Users per bin of "ratings given", log-scaled counts. */
  public static Figure userActivity(UserActivity a) {
    CategoryChart c = Charts.bars("Ratings per user: " + Charts.count(a.activeUsers()) + " users (fewest "
        + Charts.count(a.min()) + ", median " + trim(a.median()) + ", most " + Charts.count(a.max()) + ")",
        "ratings given by a user (count, 1-2-5 bins)", "users (count, log scale)");
    List<String> labels = new ArrayList<>();
    List<Long> values = new ArrayList<>();
    for (int i = 0; i < a.users().length; i++) {
      labels.add(a.label(i));
      values.add(a.users()[i]);
    }
    // a log axis cannot show 0; empty inner bins are drawn as no bar
    List<Double> safe = new ArrayList<>();
    for (long v : values) {
      safe.add(v == 0 ? null : (double) v);
    }
    CategorySeries s = c.addSeries("users", labels, safe);
    s.setFillColor(Palette.BLUE);
    c.getStyler().setYAxisLogarithmic(true);
    c.getStyler().setYAxisMin(0.8);
    c.getStyler().setYAxisDecimalPattern("#,##0");
    c.getStyler().setLabelsVisible(true);
    c.getStyler().setLabelsFont(Style.font(java.awt.Font.PLAIN, 13));
    c.getStyler().setLabelsPosition(1.0);
    return new XChartFigure("user-activity", c, a);
  }

  /** Strip plot: one column per sampled user, ordered by mean rating. */
  public static Figure userSample(UserSample u, RatingScale scale) {
    XYChart c = Charts.xy("Ratings of " + u.size() + " random users (seed " + u.seed() + "), ordered by mean rating",
        "user (ordered by mean rating)", "rating (jittered; scale " + scale.text() + ")");
    c.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
    XYSeries points = c.addSeries("one rating", u.x(), u.y());
    points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
    points.setMarker(SeriesMarkers.CIRCLE);
    double alpha = u.x().length > 20_000 ? 0.12 : u.x().length > 5_000 ? 0.2 : 0.35;
    points.setMarkerColor(Palette.withAlpha(Palette.BLUE, alpha));
    float[] cols = new float[u.size()];
    float[] means = new float[u.size()];
    for (int j = 0; j < u.size(); j++) {
      cols[j] = j;
      means[j] = (float) u.means()[j];
    }
    XYSeries mean = c.addSeries("user's mean", cols, means);
    mean.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    mean.setMarker(SeriesMarkers.NONE);
    mean.setLineColor(Palette.VERMILLION);
    mean.setLineStyle(new BasicStroke(2.5f));
    c.getStyler().setMarkerSize(5);
    RatingBins bins = new RatingBins(scale);
    c.getStyler().setYAxisMin(bins.axisMin());
    c.getStyler().setYAxisMax(bins.axisMax());
    c.getStyler().setXAxisMin(-1.0);
    c.getStyler().setXAxisMax((double) u.size());
    c.getStyler().setPlotGridVerticalLinesVisible(false);
    c.getStyler().setXAxisTicksVisible(false);
    return new XChartFigure("user-sample", c, u);
  }

  /** Share of ratings vs share of movies, most popular first. */
  public static Figure longTail(LongTail t) {
    XYChart c = Charts.xy("Long tail: " + Charts.percent(t.half()) + " of movies get half of all ratings",
        "share of movies, most rated first (%)", "share of all ratings (%)");
    double[] x = new double[t.movieShare().length];
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      x[i] = 100 * t.movieShare()[i];
      y[i] = 100 * t.ratingShare()[i];
    }
    XYSeries s = c.addSeries("cumulative share of ratings", x, y);
    s.setMarker(SeriesMarkers.NONE);
    s.setLineColor(Palette.BLUE);
    s.setLineStyle(new BasicStroke(3f));
    XYSeries even = c.addSeries("if every movie were rated equally often", new double[] {0, 100}, new double[] {0, 100});
    even.setMarker(SeriesMarkers.NONE);
    even.setLineColor(Palette.GREY);
    even.setLineStyle(SeriesLines.DASH_DASH);
    c.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
    c.getStyler().setXAxisMin(0.0);
    c.getStyler().setXAxisMax(100.0);
    c.getStyler().setYAxisMin(0.0);
    c.getStyler().setYAxisMax(100.0);
    Charts.noteAt(c, 380, 110, Charts.percent(t.half()) + " of movies get 50% of ratings",
        Charts.percent(t.eighty()) + " of movies get 80% of ratings",
        Charts.count(t.movies() - t.ratedMovies()) + " of " + Charts.count(t.movies()) + " movies have no rating");
    return new XChartFigure("long-tail", c, t);
  }

  /** Ratings per year (or month) and the mean rating given then. */
  public static Figure ratingsOverTime(RatingsOverTime t, RatingScale scale) {
    String period = t.monthly() ? "month" : "year";
    String undated = t.undated() == 0 ? "" : "; " + Charts.count(t.undated()) + " ratings without a timestamp left out";
    XYChart c = Charts.xy("Ratings per " + period + " and their mean", period + " (UTC)" + undated,
        "ratings per " + period + " (count)");
    int n = t.start().length;
    // monthly: x counts months from the first (ticks fall on month starts and are labelled 2019-03); yearly: years
    double[] x = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = t.monthly() ? i : t.start()[i];
    }
    double width = 1;
    double[] sx = java.util.Arrays.copyOf(x, n + 1);
    sx[n] = x[n - 1] + width;
    double[] sy = java.util.Arrays.copyOf(toDouble(t.counts()), n + 1);
    sy[n] = sy[n - 1];
    XYSeries counts = c.addSeries("ratings per " + period, sx, sy);
    counts.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.StepArea);
    counts.setFillColor(Palette.withAlpha(Palette.SKY, 0.55));
    counts.setLineColor(Palette.BLUE);
    counts.setMarker(SeriesMarkers.NONE);
    List<Double> xs = new ArrayList<>();
    List<Double> ms = new ArrayList<>();
    for (int i = 0; i < t.means().length; i++) {
      if (t.counts()[i] >= MIN_FOR_MEAN) { // a mean of a handful of ratings is noise
        xs.add(x[i] + width / 2);
        ms.add(t.means()[i]);
      }
    }
    if (xs.isEmpty()) {
      xs.add(x[0] + width / 2);
      ms.add(Double.NaN);
    }
    XYSeries means = c.addSeries("mean rating, right axis (" + period + "s with " + MIN_FOR_MEAN + "+ ratings)", xs, ms);
    means.setYAxisGroup(1);
    means.setLineColor(Palette.VERMILLION);
    means.setMarkerColor(Palette.VERMILLION);
    means.setMarker(SeriesMarkers.CIRCLE);
    means.setLineStyle(new BasicStroke(2.5f));
    c.setYAxisGroupTitle(1, "mean rating (scale " + scale.text() + ")");
    c.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
    c.getStyler().setYAxisMin(0, 0.0);
    c.getStyler().setYAxisMin(1, scale.min());
    c.getStyler().setYAxisMax(1, scale.max());
    c.getStyler().setYAxisDecimalPattern("#,##0");
    c.getStyler().putYAxisGroupDecimalPatternMap(1, "0.0");
    if (t.monthly()) {
      c.getStyler().setXAxisTickLabelsFormattingFunction(v -> monthLabel(t, v));
    } else {
      c.getStyler().setXAxisDecimalPattern("0");
    }
    c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
    c.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
    return new XChartFigure("ratings-over-time", c, t);
  }

  /** The month {@code v} months after the first of {@code t} ({@code 2019-03}); blank between months. */
  public static String monthLabel(RatingsOverTime t, double v) {
    long i = Math.round(v);
    if (Math.abs(v - i) > 1e-6 || i < 0 || i > t.labels().length) {
      return "";
    }
    String first = t.labels()[0];
    int abs = Integer.parseInt(first.substring(0, 4)) * 12 + Integer.parseInt(first.substring(5)) - 1 + (int) i;
    return String.format(Locale.ROOT, "%d-%02d", abs / 12, abs % 12 + 1);
  }

  /** Ratings per genre (horizontal bars, most rated on top). */
  public static Figure genreRatings(GenreStats g) {
    HorizontalBarChart c = Charts.horizontalBars("Ratings per genre (a movie counts in each of its genres)",
        "ratings (count)", "genre", genreHeight(g), g.size());
    List<String> names = new ArrayList<>();
    List<Long> counts = new ArrayList<>();
    for (int i = 0; i < g.size(); i++) {
      names.add(g.genres()[i] + " (" + Charts.count(g.movies()[i]) + " movies)");
      counts.add(g.ratings()[i]);
    }
    c.addSeries("ratings", counts, names).setFillColor(Palette.BLUE);
    c.getStyler().setXAxisDecimalPattern("#,##0");
    c.getStyler().setXAxisMin(0.0);
    return new XChartFigure("genre-ratings", c, g);
  }

  /** Mean rating per genre on the rating scale. */
  public static Figure genreMeans(GenreStats g, RatingScale scale) {
    HorizontalBarChart c = Charts.horizontalBars("Mean rating per genre (ordered by number of ratings)",
        "mean rating (scale " + scale.text() + ")", "genre", genreHeight(g), g.size());
    List<String> names = new ArrayList<>();
    List<Double> means = new ArrayList<>();
    for (int i = 0; i < g.size(); i++) {
      if (!Double.isNaN(g.means()[i])) {
        names.add(g.genres()[i] + ": " + Charts.fixed2(g.means()[i]) + " (n " + Charts.count(g.ratings()[i]) + ")");
        means.add(g.means()[i]);
      }
    }
    c.addSeries("mean rating", means, names).setFillColor(Palette.GREEN);
    c.getStyler().setXAxisMin(scale.min());
    c.getStyler().setXAxisMax(scale.max());
    return new XChartFigure("genre-means", c, g);
  }

  private static int genreHeight(GenreStats g) {
    return Math.max(Style.HEIGHT, 150 + 32 * g.size());
  }

  static double[] toDouble(long[] a) {
    double[] d = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      d[i] = a[i];
    }
    return d;
  }

  private static long max(long[] a) {
    long m = 0;
    for (long v : a) {
      m = Math.max(m, v);
    }
    return m;
  }

  /** 1, 2 or 5 times a power of ten, at least v. */
  static double niceMax(double v) {
    if (v <= 0) {
      return 1;
    }
    double p = Math.pow(10, Math.floor(Math.log10(v)));
    for (double f : new double[] {1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10}) {
      if (f * p >= v) {
        return f * p;
      }
    }
    return 10 * p;
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v);
  }
}
