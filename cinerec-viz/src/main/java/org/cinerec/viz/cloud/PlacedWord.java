package org.cinerec.viz.cloud;

import java.awt.Color;

/**
 * A word as Kumo placed it: its box's top-left corner in the cloud, the font size, the baseline offset
 * inside the box, and its colour; enough to redraw it as an SVG {@code <text>} element.
 */
public record PlacedWord(String text, int x, int y, int width, int height, float fontSize, int baseline,
    Color colour) {}
