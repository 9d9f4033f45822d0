package org.cinerec.viz;

import java.awt.Color;

/**
 * Colours safe for the common forms of colour blindness: the Okabe–Ito palette (Okabe &amp; Ito 2008,
 * "Color Universal Design"), ordered so that neighbouring series differ in lightness too.
 */
public final class Palette {
  private Palette() {}

  public static final Color BLUE = new Color(0x0072B2);
  public static final Color ORANGE = new Color(0xE69F00);
  public static final Color GREEN = new Color(0x009E73);
  public static final Color VERMILLION = new Color(0xD55E00);
  public static final Color PURPLE = new Color(0xCC79A7);
  public static final Color SKY = new Color(0x56B4E9);
  public static final Color YELLOW = new Color(0xF0E442);
  public static final Color BLACK = new Color(0x000000);
  /** For "other" and reference lines. */
  public static final Color GREY = new Color(0x999999);
  public static final Color TEXT = new Color(0x222222);
  public static final Color GRID = new Color(0xDDDDDD);
  public static final Color BACKGROUND = Color.WHITE;

  /** Series colours in order of use. */
  private static final Color[] SERIES = {BLUE, ORANGE, GREEN, VERMILLION, PURPLE, SKY, BLACK, YELLOW};

  /** The series colours (a copy). */
  public static Color[] series() {
    return SERIES.clone();
  }

  /** The i-th series colour, cycling. */
  public static Color series(int i) {
    return SERIES[Math.floorMod(i, SERIES.length)];
  }

  /** The colour with this opacity (0..1). */
  public static Color withAlpha(Color c, double alpha) {
    return new Color(c.getRed(), c.getGreen(), c.getBlue(), (int) Math.round(255 * alpha));
  }

  /** "#0072b2". */
  public static String hex(Color c) {
    return String.format(java.util.Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
  }
}
