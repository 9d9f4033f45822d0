package org.cinerec.io;

import java.net.URISyntaxException;
import java.nio.file.Path;

/** The hand-written fixtures under src/test/resources/fixtures. */
final class Fixtures {
  private Fixtures() {}

  static Path dir(String name) {
    try {
      return Path.of(Fixtures.class.getResource("/fixtures/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
