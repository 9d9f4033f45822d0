package org.cinerec.viz;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/**
 * One picture: a file name stem ("rating-histogram"), a title, a fixed size in pixels, the numbers it
 * shows ({@link #data()}, one small record from {@code org.cinerec.viz.stats}) and two renderings, PNG
 * and SVG. Rendering needs no display (run with {@code -Djava.awt.headless=true}).
 */
public interface Figure {

  /** File name stem, lower case with dashes. */
  String name();

  /** The title drawn on the picture. */
  String title();

  int width();

  int height();

  /** The numbers drawn (a record from {@code org.cinerec.viz.stats}). */
  Object data();

  /** The picture as pixels, {@link #width()} × {@link #height()}. */
  BufferedImage image();

  /** Writes the SVG document. */
  void writeSvg(OutputStream out) throws IOException;

  /** Writes the PNG, compressed as far as the JDK's encoder goes. */
  default void writePng(OutputStream out) throws IOException {
    javax.imageio.ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
    javax.imageio.ImageWriteParam param = writer.getDefaultWriteParam();
    if (param.canWriteCompressed()) {
      param.setCompressionMode(javax.imageio.ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(0.0f); // smallest file; lossless either way
    }
    try (javax.imageio.stream.ImageOutputStream ios = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(ios);
      writer.write(null, new javax.imageio.IIOImage(image(), null, null), param);
    } finally {
      writer.dispose();
    }
  }

  /** The PNG bytes. */
  default byte[] png() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
    try {
      writePng(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** The SVG document as text. */
  default String svg() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
    try {
      writeSvg(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
  }
}
