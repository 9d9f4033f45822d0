package org.cinerec.viz.report;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.cinerec.Version;
import org.cinerec.data.Catalog;
import org.cinerec.data.Dataset;
import org.cinerec.data.Provenance;
import org.cinerec.data.Ratings;
import org.cinerec.io.AtomicFiles;
import org.cinerec.model.ModelInfo;
import org.cinerec.viz.Figure;
import org.cinerec.viz.ModelPictures;
import org.cinerec.viz.Picture;
import org.cinerec.viz.stats.Leaderboard;

/**
 * The HTML report of a dataset (and optionally of models): summary, preparation report, pictures,
 * models and leaderboard, in one file that opens anywhere with no network.
 *
 * @param dataName      how to name the data in the title (its path)
 * @param data          the dataset
 * @param pictures      the data pictures, in order
 * @param skipped       pictures that could not be drawn, with the reason
 * @param models        the models given (may be empty)
 * @param board         the leaderboard, or null
 * @param modelPictures pictures of the models and the leaderboard
 */
public record HtmlReport(String dataName, Dataset data, List<Figure> pictures, List<String> skipped,
    List<ModelPictures.Model> models, Leaderboard board, List<Figure> modelPictures) {

  public HtmlReport {
    pictures = List.copyOf(pictures);
    skipped = List.copyOf(skipped);
    models = List.copyOf(models);
    modelPictures = List.copyOf(modelPictures);
  }

  /**
   * Draws every data picture (those the data cannot give are listed as not drawn; an empty dataset is an
   * error) and every picture the models and the leaderboard can give.
   */
  public static HtmlReport of(String dataName, Dataset data, org.cinerec.viz.PlotOptions options,
      List<ModelPictures.Model> models, Leaderboard board) {
    List<String> skipped = new ArrayList<>();
    List<Figure> pictures = org.cinerec.viz.Pictures.of(data, Picture.dataPictures(), options, true, skipped::add);
    List<Figure> modelPictures = ModelPictures.of(data, models, board, options.seed(), skipped::add);
    return new HtmlReport(dataName, data, pictures, skipped, models, board, modelPictures);
  }

  /** Writes the report atomically. */
  public void write(Path file) {
    String html = html();
    AtomicFiles.writeString(file, html);
  }

  /** The whole document. */
  public String html() {
    StringBuilder b = new StringBuilder(1 << 20);
    b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>cinerec report: ")
        .append(Html.esc(dataName)).append("</title>\n<style>\n").append(Html.CSS).append("</style>\n</head>\n<body>\n");
    b.append("<h1>cinerec report: ").append(Html.esc(dataName)).append("</h1>\n<p class=\"meta\">cinerec ")
        .append(Html.esc(Version.VERSION)).append(", ")
        .append(DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)))
        .append("</p>\n<nav><a href=\"#summary\">Dataset</a><a href=\"#preparation\">Preparation</a>")
        .append("<a href=\"#pictures\">Pictures</a>");
    if (!models.isEmpty() || board != null) {
      b.append("<a href=\"#models\">Models</a>");
    }
    b.append("</nav>\n");
    summary(b);
    preparation(b);
    b.append("<h2 id=\"pictures\">Pictures</h2>\n");
    for (Figure f : pictures) {
      Html.figure(b, f, caption(f));
    }
    notDrawn(b, false);
    if (!models.isEmpty() || board != null) {
      b.append("<h2 id=\"models\">Models</h2>\n");
      models(b);
      if (board != null) {
        leaderboard(b);
      }
      for (Figure f : modelPictures) {
        Html.figure(b, f, null);
      }
      notDrawn(b, true);
    }
    b.append("</body>\n</html>\n");
    return b.toString();
  }

  /** The pictures not drawn, with the reason: those of the data, or those of the models. */
  private void notDrawn(StringBuilder b, boolean ofModels) {
    List<String> lines = skipped.stream().filter(s -> isModelPicture(s) == ofModels).toList();
    if (lines.isEmpty()) {
      return;
    }
    b.append("<p>Not drawn:</p>\n<ul class=\"skipped\">\n");
    for (String s : lines) {
      b.append("<li>").append(Html.esc(s)).append("</li>\n");
    }
    b.append("</ul>\n");
  }

  private static boolean isModelPicture(String skippedLine) {
    for (Picture p : Picture.values()) {
      if (p.needsModel() && skippedLine.startsWith(p.id())) {
        return true;
      }
    }
    return false;
  }

  private static String caption(Figure f) {
    for (Picture p : Picture.values()) {
      if (p.id().equals(f.name())) {
        return p.description().substring(0, 1).toUpperCase(Locale.ROOT) + p.description().substring(1) + ".";
      }
    }
    return null;
  }

  private void summary(StringBuilder b) {
    Ratings r = data.ratings();
    Catalog c = data.catalog();
    int withMeta = 0;
    for (int i = 0; i < c.size(); i++) {
      if (c.hasMetadata(i)) {
        withMeta++;
      }
    }
    int activeUsers = r.activeUsers();
    int activeItems = r.activeItems();
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"format", Html.esc(data.provenance().format())});
    rows.add(new String[] {"ratings", Html.count(r.size())});
    rows.add(new String[] {"users", Html.count(data.numUsers()) + " (" + Html.count(activeUsers) + " with ratings)"});
    rows.add(new String[] {"movies", Html.count(data.numItems()) + " (" + Html.count(withMeta) + " with metadata, "
        + Html.count(activeItems) + " rated)"});
    if (r.size() > 0) {
      rows.add(new String[] {"rating scale", Html.esc(data.scale().describe())});
      rows.add(new String[] {"mean rating", String.format(Locale.ROOT, "%.3f", r.mean())});
      float lo = Float.POSITIVE_INFINITY;
      float hi = Float.NEGATIVE_INFINITY;
      long tLo = Long.MAX_VALUE;
      long tHi = 0;
      for (int i = 0; i < r.size(); i++) {
        lo = Math.min(lo, r.rating(i));
        hi = Math.max(hi, r.rating(i));
        long t = r.timestamp(i);
        if (t > 0) {
          tLo = Math.min(tLo, t);
          tHi = Math.max(tHi, t);
        }
      }
      rows.add(new String[] {"rating range", lo + " to " + hi});
      rows.add(new String[] {"matrix filled", String.format(Locale.ROOT, "%.3f%% of %s × %s (users × rated movies)",
          100.0 * r.size() / ((double) activeUsers * activeItems), Html.count(activeUsers), Html.count(activeItems))});
      if (tHi > 0) {
        rows.add(new String[] {"time span", day(tLo) + " to " + day(tHi)});
      }
    }
    b.append("<h2 id=\"summary\">Dataset</h2>\n");
    Html.facts(b, rows);
  }

  private static String day(long seconds) {
    return Instant.ofEpochSecond(seconds).atZone(ZoneOffset.UTC).toLocalDate().toString();
  }

  private void preparation(StringBuilder b) {
    Provenance p = data.provenance();
    b.append("<h2 id=\"preparation\">Preparation report</h2>\n");
    if (!p.sources().isEmpty()) {
      b.append("<table>\n<tr><th>source file</th><th>bytes</th><th>sha256</th></tr>\n");
      for (Provenance.SourceFile s : p.sources()) {
        b.append("<tr><td><code>").append(Html.esc(s.path())).append("</code></td><td class=\"num\">")
            .append(Html.count(s.bytes())).append("</td><td><code>").append(Html.esc(s.sha256()))
            .append("</code></td></tr>\n");
      }
      b.append("</table>\n");
    }
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"rating rows read", Html.count(p.rowsRead())});
    rows.add(new String[] {"rating rows kept", Html.count(p.rowsKept())});
    rows.add(new String[] {"rating rows dropped", Html.count(p.totalDropped())});
    Html.facts(b, rows);
    reasons(b, "Dropped rows, by reason", p.dropped(), p.examples());
    reasons(b, "Kept but changed or flagged, by reason", p.changed(), p.examples());
    if (!p.notes().isEmpty()) {
      b.append("<h3>Notes</h3>\n<ul>\n");
      for (String n : p.notes()) {
        b.append("<li>").append(Html.esc(n)).append("</li>\n");
      }
      b.append("</ul>\n");
    }
  }

  private static void reasons(StringBuilder b, String title, Map<String, Long> counts, Map<String, List<String>> examples) {
    if (counts.isEmpty()) {
      return;
    }
    b.append("<h3>").append(Html.esc(title)).append("</h3>\n<table>\n<tr><th>reason</th><th>rows</th>")
        .append("<th>first examples</th></tr>\n");
    for (Map.Entry<String, Long> e : new TreeMap<>(counts).entrySet()) {
      b.append("<tr><td><code>").append(Html.esc(e.getKey())).append("</code></td><td class=\"num\">")
          .append(Html.count(e.getValue())).append("</td><td>");
      for (String ex : examples.getOrDefault(e.getKey(), List.of())) {
        b.append("<span class=\"ex\">").append(Html.esc(ex)).append("</span>");
      }
      b.append("</td></tr>\n");
    }
    b.append("</table>\n");
  }

  private void models(StringBuilder b) {
    if (models.isEmpty()) {
      return;
    }
    b.append("<table>\n<tr><th>model</th><th>kind</th><th>parameters</th><th>trained on</th><th>split</th>")
        .append("<th>training time</th><th>seed</th></tr>\n");
    for (ModelPictures.Model m : models) {
      ModelInfo info = m.saved().model().info();
      List<String> params = new ArrayList<>();
      info.params().forEach((k, v) -> params.add(k + "=" + v));
      b.append("<tr><td>").append(Html.esc(m.label())).append("</td><td>").append(Html.esc(info.kind()))
          .append("</td><td><code>").append(Html.esc(String.join(" ", params))).append("</code></td><td class=\"num\">")
          .append(Html.count(info.trainRatings())).append(" ratings</td><td>").append(Html.esc(info.split()))
          .append("</td><td class=\"num\">").append(String.format(Locale.ROOT, "%.1f s", info.trainSeconds()))
          .append("</td><td class=\"num\">").append(info.seed()).append("</td></tr>\n");
    }
    b.append("</table>\n");
  }

  private void leaderboard(StringBuilder b) {
    List<Leaderboard.Entry> entries = board.entries();
    b.append("<h3>Leaderboard</h3>\n");
    String protocol = entries.get(0).protocol();
    if (protocol != null) {
      b.append("<p>Protocol: <code>").append(Html.esc(protocol)).append("</code>; mean ± std over folds where there are "
          + "several; best in bold.</p>\n");
    }
    b.append("<table>\n<tr><th>metric</th>");
    for (Leaderboard.Entry e : entries) {
      b.append("<th>").append(Html.esc(e.label())).append("</th>");
    }
    b.append("</tr>\n");
    for (String metric : board.metrics()) {
      int best = best(entries, metric);
      b.append("<tr><td><code>").append(Html.esc(metric)).append("</code></td>");
      for (int j = 0; j < entries.size(); j++) {
        Double v = entries.get(j).mean().get(metric);
        Double s = entries.get(j).std().get(metric);
        String cell = v == null ? "–" : format(metric, v) + (s != null && s > 0 ? " ± " + format(metric, s) : "");
        b.append("<td class=\"num").append(j == best && entries.size() > 1 ? " best" : "").append("\">").append(cell)
            .append("</td>");
      }
      b.append("</tr>\n");
    }
    b.append("</table>\n");
  }

  private static String format(String metric, double v) {
    return String.format(Locale.ROOT, metric.endsWith("_seconds") || metric.startsWith("popularity") ? "%.2f" : "%.4f", v);
  }

  private static boolean lowerIsBetter(String metric) {
    return metric.equals("rmse") || metric.equals("mae") || metric.endsWith("_seconds") || metric.startsWith("popularity@");
  }

  private static int best(List<Leaderboard.Entry> entries, String metric) {
    if (metric.endsWith("_seconds")) {
      return -1;
    }
    int best = -1;
    for (int j = 0; j < entries.size(); j++) {
      Double v = entries.get(j).mean().get(metric);
      if (v == null || v.isNaN()) {
        continue;
      }
      double bv = best < 0 ? Double.NaN : entries.get(best).mean().get(metric);
      if (best < 0 || (lowerIsBetter(metric) ? v < bv : v > bv)) {
        best = j;
      }
    }
    return best;
  }
}
