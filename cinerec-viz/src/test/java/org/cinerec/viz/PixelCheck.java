package org.cinerec.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;

/** Checks that a rendered picture has its size and is not blank, and that its SVG is a well-formed document. */
public final class PixelCheck {
  private PixelCheck() {}

  /** Decodes the PNG and checks its size and that it has content; returns the image. */
  public static BufferedImage assertDrawn(Figure f) {
    BufferedImage img;
    try {
      img = ImageIO.read(new ByteArrayInputStream(f.png()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertEquals(f.width(), img.getWidth(), f.name() + " width");
    assertEquals(f.height(), img.getHeight(), f.name() + " height");
    Set<Integer> colours = new HashSet<>();
    int background = img.getRGB(1, 1);
    long ink = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        int rgb = img.getRGB(x, y);
        colours.add(rgb);
        if (rgb != background) {
          ink++;
        }
      }
    }
    double share = ink / (double) (img.getWidth() * img.getHeight());
    assertTrue(colours.size() >= 20, f.name() + ": only " + colours.size() + " distinct colours");
    assertTrue(share >= 0.01, f.name() + ": only " + share + " of pixels differ from the background");
    return img;
  }

  /** Parses the SVG (no DTD fetched) and checks the root element and its size. */
  public static void assertSvg(Figure f) {
    String svg = f.svg();
    try {
      DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
      dbf.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      dbf.setNamespaceAware(true);
      Document doc = dbf.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
      assertEquals("svg", doc.getDocumentElement().getLocalName(), f.name());
      String w = doc.getDocumentElement().getAttribute("width").replace("px", "");
      assertEquals(f.width(), (int) Double.parseDouble(w), f.name() + " SVG width");
      assertTrue(doc.getDocumentElement().getChildNodes().getLength() > 3, f.name() + ": empty SVG");
    } catch (Exception e) {
      throw new AssertionError(f.name() + ": SVG does not parse: " + e, e);
    }
  }
}
