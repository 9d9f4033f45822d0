package org.cinerec.viz.cloud;

import com.kennycason.kumo.WordFrequency;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cinerec.viz.Figure;
import org.cinerec.viz.Palette;
import org.cinerec.viz.chart.Style;
import org.cinerec.viz.stats.TopMovies;

/**
 * The word cloud of the top movies by damped mean: a title band stating the ranking rule and its
 * parameters, the cloud (larger = higher rank) on the left and the ranked list with the numbers on the
 * right. Every title is placed: when Kumo cannot fit all of them, the fonts shrink and it tries again.
 */
public final class WordCloudFigure implements Figure {
  public static final int WIDTH = 1100;
  public static final int HEIGHT = 680;
  private static final int HEADER = 86;
  private static final int LIST_WIDTH = 360;
  private static final int CLOUD_WIDTH = WIDTH - LIST_WIDTH;
  private static final int CLOUD_HEIGHT = HEIGHT - HEADER;
  private static final List<Color> COLOURS = List.of(Palette.BLUE, Palette.VERMILLION, Palette.GREEN,
      Palette.PURPLE, new Color(0xB07800), Palette.BLACK);

  private final TopMovies top;
  private final List<PlacedWord> words;
  private final String title;
  private final String subtitle;
  private final String subtitle2;

  private WordCloudFigure(TopMovies top, List<PlacedWord> words) {
    this.top = top;
    this.words = List.copyOf(words);
    this.title = "Top " + top.size() + " movies by damped mean rating";
    this.subtitle = String.format(Locale.ROOT,
        "damped mean = (sum of ratings + m·C) / (n + m), m = %s, C = %.2f (global mean); larger word = higher rank",
        trim(top.priorWeight()), top.globalMean());
    this.subtitle2 = String.format(Locale.US, "only movies with at least %,d ratings (%,d of them) take part",
        top.minRatings(), top.eligible())
        + (top.placeholders() == 0 ? "" : "; \"movie N\" = movie id N has no title in the metadata");
  }

  /** Lays out the cloud (seeded) for these movies. */
  public static WordCloudFigure of(TopMovies top, long seed) {
    int maxFont = 44;
    List<PlacedWord> placed = List.of();
    while (maxFont >= 14) {
      int minFont = Math.max(12, maxFont * 2 / 5);
      SeededWordCloud cloud = new SeededWordCloud(new Dimension(CLOUD_WIDTH, CLOUD_HEIGHT),
          Style.font(Font.BOLD, 10), minFont, maxFont, COLOURS, Palette.BACKGROUND, seed);
      List<WordFrequency> freq = new ArrayList<>();
      for (int j = 0; j < top.size(); j++) {
        freq.add(new WordFrequency(cloudTitle(top.titles()[j]), top.size() - j));
      }
      cloud.build(freq);
      placed = cloud.placed();
      if (cloud.getSkipped().isEmpty()) {
        break;
      }
      maxFont = maxFont * 9 / 10;
    }
    return new WordCloudFigure(top, placed);
  }

  /**
   * A short form for the cloud: "Shawshank Redemption, The (1994)" to "The Shawshank Redemption"; the
   * year, alternative titles in parentheses and an "or: ..." subtitle are left out.
   */
  static String cloudTitle(String title) {
    String t = title.replaceAll("\\s*\\(\\d{4}[^)]*\\)\\s*$", "").trim();
    t = t.replaceAll("\\s*\\([^)]*\\)\\s*$", "").trim();
    int or = t.indexOf(" or: ");
    if (or > 0) {
      t = t.substring(0, or).trim();
    }
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(.*), (The|A|An|Les|La|Le|Il|El|Das|Der|Die|L')$")
        .matcher(t);
    if (m.matches()) {
      t = m.group(2) + " " + m.group(1);
    }
    if (t.length() > 34) {
      t = t.substring(0, 33).trim() + "…";
    }
    return t.isEmpty() ? title : t;
  }

  /** The words as placed (for tests: all titles present, inside the cloud area, not overlapping). */
  public List<PlacedWord> words() {
    return words;
  }

  @Override
  public String name() {
    return "top-movies";
  }

  @Override
  public String title() {
    return title;
  }

  @Override
  public int width() {
    return WIDTH;
  }

  @Override
  public int height() {
    return HEIGHT;
  }

  @Override
  public TopMovies data() {
    return top;
  }

  @Override
  public BufferedImage image() {
    BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
    g.setColor(Palette.BACKGROUND);
    g.fillRect(0, 0, WIDTH, HEIGHT);
    g.setColor(Palette.TEXT);
    g.setFont(Style.font(Font.BOLD, 20));
    g.drawString(title, 16, 30);
    g.setFont(Style.font(Font.PLAIN, 14));
    g.drawString(subtitle, 16, 54);
    g.drawString(subtitle2, 16, 74);
    for (PlacedWord w : words) {
      g.setColor(w.colour());
      g.setFont(Style.font(Font.BOLD, 10).deriveFont(w.fontSize()));
      g.drawString(w.text(), w.x(), HEADER + w.y() + w.baseline());
    }
    g.setColor(Palette.GRID);
    g.drawLine(CLOUD_WIDTH, HEADER + 4, CLOUD_WIDTH, HEIGHT - 12);
    List<String[]> rows = listRows();
    Font listFont = Style.font(Font.PLAIN, 13);
    g.setFont(listFont);
    FontMetrics fm = g.getFontMetrics();
    int y = HEADER + 16;
    int step = listStep();
    for (String[] row : rows) {
      g.setColor(row == rows.get(0) ? Palette.TEXT : Palette.TEXT);
      g.setFont(row == rows.get(0) ? Style.font(Font.BOLD, 13) : listFont);
      g.drawString(row[0], CLOUD_WIDTH + 12, y);
      String right = row[1];
      g.drawString(right, WIDTH - 12 - fm.stringWidth(right), y);
      y += step;
    }
    g.dispose();
    return img;
  }

  private int listStep() {
    return Math.min(22, (CLOUD_HEIGHT - 24) / (top.size() + 1));
  }

  /** Header row then one row per movie: "1. The Shawshank Redemption", "4.39 (317)". */
  private List<String[]> listRows() {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"rank, title", "damped (n)"});
    for (int j = 0; j < top.size(); j++) {
      String t = (j + 1) + ". " + top.titles()[j];
      if (t.length() > 36) {
        t = t.substring(0, 35).trim() + "…";
      }
      rows.add(new String[] {t, String.format(Locale.US, "%.2f (%,d)", top.damped()[j], top.counts()[j])});
    }
    return rows;
  }

  @Override
  public void writeSvg(OutputStream out) throws IOException {
    StringBuilder s = new StringBuilder(16_384);
    String family = "'" + Style.FONT_FAMILY + "', 'DejaVu Sans', sans-serif";
    s.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
        .append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT).append("\" font-family=\"")
        .append(family).append("\">\n");
    s.append("<title>").append(esc(title)).append("</title>\n");
    s.append("<rect width=\"100%\" height=\"100%\" fill=\"").append(Palette.hex(Palette.BACKGROUND)).append("\"/>\n");
    text(s, 16, 30, 20, true, Palette.TEXT, title, null);
    text(s, 16, 54, 14, false, Palette.TEXT, subtitle, null);
    text(s, 16, 74, 14, false, Palette.TEXT, subtitle2, null);
    for (PlacedWord w : words) {
      s.append("<text x=\"").append(w.x()).append("\" y=\"").append(HEADER + w.y() + w.baseline())
          .append("\" font-size=\"").append(String.format(Locale.ROOT, "%.1f", w.fontSize()))
          .append("\" font-weight=\"bold\" fill=\"").append(Palette.hex(w.colour())).append("\" textLength=\"")
          .append(w.width()).append("\" lengthAdjust=\"spacingAndGlyphs\">").append(esc(w.text())).append("</text>\n");
    }
    s.append("<line x1=\"").append(CLOUD_WIDTH).append("\" y1=\"").append(HEADER + 4).append("\" x2=\"")
        .append(CLOUD_WIDTH).append("\" y2=\"").append(HEIGHT - 12).append("\" stroke=\"")
        .append(Palette.hex(Palette.GRID)).append("\"/>\n");
    int y = HEADER + 16;
    boolean header = true;
    for (String[] row : listRows()) {
      text(s, CLOUD_WIDTH + 12, y, 13, header, Palette.TEXT, row[0], null);
      text(s, WIDTH - 12, y, 13, header, Palette.TEXT, row[1], "end");
      header = false;
      y += listStep();
    }
    s.append("</svg>\n");
    out.write(s.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static void text(StringBuilder s, int x, int y, int size, boolean bold, Color c, String text, String anchor) {
    s.append("<text x=\"").append(x).append("\" y=\"").append(y).append("\" font-size=\"").append(size).append('"');
    if (bold) {
      s.append(" font-weight=\"bold\"");
    }
    if (anchor != null) {
      s.append(" text-anchor=\"").append(anchor).append('"');
    }
    s.append(" fill=\"").append(Palette.hex(c)).append("\">").append(esc(text)).append("</text>\n");
  }

  static String esc(String t) {
    return t.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }
}
