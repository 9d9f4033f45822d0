package org.cinerec.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where downloaded datasets live: {@code $XDG_CACHE_HOME/cinerec}, else {@code ~/.cache/cinerec}; the
 * system property {@code cinerec.cache} or {@code --cache DIR} overrides it. Each archive is unpacked to
 * {@code <cache>/<name>/} and holds a {@link #MARKER} file written last, so a folder without it is never
 * taken for a complete download.
 */
public final class DataCache {
  /** Written into a dataset folder once it is complete and verified. */
  public static final String MARKER = ".cinerec-download";

  private DataCache() {}

  /** The cache folder (not created). */
  public static Path dir() {
    String prop = System.getProperty("cinerec.cache");
    if (prop != null && !prop.isBlank()) {
      return Path.of(prop);
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    if (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) {
      return Path.of(xdg, "cinerec");
    }
    return Path.of(System.getProperty("user.home"), ".cache", "cinerec");
  }

  /** The folder of a complete download of {@code name} in {@code cache}, if there is one. */
  public static Optional<Path> find(Path cache, String name) {
    Path dir = cache.resolve(name);
    return Files.isRegularFile(dir.resolve(MARKER)) ? Optional.of(dir) : Optional.empty();
  }
}
