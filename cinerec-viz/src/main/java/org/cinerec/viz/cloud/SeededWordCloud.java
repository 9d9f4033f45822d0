package org.cinerec.viz.cloud;

import com.kennycason.kumo.CollisionMode;
import com.kennycason.kumo.Word;
import com.kennycason.kumo.WordCloud;
import com.kennycason.kumo.WordFrequency;
import com.kennycason.kumo.bg.RectangleBackground;
import com.kennycason.kumo.font.KumoFont;
import com.kennycason.kumo.font.scale.LinearFontScalar;
import com.kennycason.kumo.image.AngleGenerator;
import com.kennycason.kumo.palette.ColorPalette;
import java.awt.Color;
import java.awt.Dimension;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Point;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cinerec.math.Rng;

/**
 * Kumo's rectangle-collision word cloud with its unseeded choices replaced: words are horizontal
 * (rotated titles are hard to read), start near the centre at a point drawn from a seeded {@link Rng},
 * take colours in order from the given palette, and every placement is recorded so the cloud can be
 * redrawn as SVG. Kumo's own word building is repeated here (it is private) to learn each word's font
 * size and baseline.
 */
final class SeededWordCloud extends WordCloud {
  private final Rng rng;
  private final Font baseFont;
  private final int minFont;
  private final int maxFont;
  private final Map<Word, float[]> metrics = new HashMap<>();
  private final Map<Word, Color> colours = new HashMap<>();
  private final List<PlacedWord> placed = new ArrayList<>();

  SeededWordCloud(Dimension size, Font font, int minFont, int maxFont, List<Color> colours, Color background,
      long seed) {
    super(size, CollisionMode.RECTANGLE);
    this.rng = new Rng(seed);
    this.baseFont = font;
    this.minFont = minFont;
    this.maxFont = maxFont;
    setPadding(4);
    setBackground(new RectangleBackground(size));
    setBackgroundColor(background);
    setColorPalette(new ColorPalette(colours));
    setFontScalar(new LinearFontScalar(minFont, maxFont));
    setKumoFont(new KumoFont(font));
    setAngleGenerator(new AngleGenerator(0));
    setWordStartStrategy((dim, word) -> {
      // a point near the middle: wide words start left of centre so they fit
      double gx = clamp(rng.nextGaussian() * 0.18, -0.45, 0.45);
      double gy = clamp(rng.nextGaussian() * 0.18, -0.45, 0.45);
      int x = (int) (dim.width * (0.5 + gx) - word.getDimension().width / 2.0);
      int y = (int) (dim.height * (0.5 + gy) - word.getDimension().height / 2.0);
      return new Point(Math.max(0, x), Math.max(0, y));
    });
  }

  private static double clamp(double v, double lo, double hi) {
    return Math.max(lo, Math.min(hi, v));
  }

  @Override
  protected List<Word> buildWords(List<WordFrequency> frequencies, ColorPalette palette) {
    int maxFrequency = frequencies.isEmpty() ? 1 : frequencies.get(0).getFrequency();
    int minFrequency = frequencies.isEmpty() ? 0 : frequencies.get(frequencies.size() - 1).getFrequency();
    Graphics2D g = bufferedImage.createGraphics();
    g.setRenderingHints(Word.getRenderingHints());
    List<Word> words = new ArrayList<>();
    for (WordFrequency f : frequencies) {
      float size = maxFrequency == minFrequency ? maxFont
          : minFont + (maxFont - minFont) * (f.getFrequency() - minFrequency) / (float) (maxFrequency - minFrequency);
      FontMetrics fm = g.getFontMetrics(baseFont.deriveFont(size));
      Color colour = palette.next();
      Word w = new Word(f.getWord(), colour, fm, collisionChecker, 0);
      if (padding > 0) {
        padder.pad(w, padding);
      }
      metrics.put(w, new float[] {size, fm.getHeight() - fm.getMaxDescent() - fm.getLeading() + padding});
      colours.put(w, colour);
      words.add(w);
    }
    g.dispose();
    return words;
  }

  @Override
  protected boolean place(Word word, Point start) {
    boolean ok = super.place(word, start);
    if (ok) {
      Point p = word.getPosition();
      float[] m = metrics.get(word);
      placed.add(new PlacedWord(word.getWord(), p.x + padding, p.y, word.getDimension().width - 2 * padding,
          word.getDimension().height, m[0], (int) m[1], colours.get(word)));
    }
    return ok;
  }

  /** Words placed by the last {@link #build}, in placing order. */
  List<PlacedWord> placed() {
    return placed;
  }
}
