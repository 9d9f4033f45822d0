package org.cinerec.server.store;

import java.nio.file.Path;
import java.util.Locale;
import org.cinerec.CinerecException;

/**
 * Where a ratings store lives, as given by {@code --store}: a file path or {@code jdbc:sqlite:PATH} (an
 * embedded SQLite file), or {@code jdbc:postgresql://HOST[:PORT]/DB[?...]}. {@link #display()} never shows
 * a password (credentials are never stored or printed).
 *
 * @param url       the JDBC URL
 * @param sqlite    true for SQLite, false for PostgreSQL
 * @param file      the SQLite file, or null
 */
public record StoreUrl(String url, boolean sqlite, Path file) {

  /** Parses {@code --store} text; a usage error names the forms it takes. */
  public static StoreUrl parse(String text) {
    String t = text.strip();
    String lower = t.toLowerCase(Locale.ROOT);
    if (lower.startsWith("jdbc:sqlite:")) {
      String path = t.substring("jdbc:sqlite:".length());
      if (path.isEmpty() || path.startsWith(":memory:") || path.startsWith("file::memory:")) {
        throw CinerecException.usage("--store " + t + ": an in-memory SQLite store keeps nothing; give a file");
      }
      return new StoreUrl(t, true, Path.of(path));
    }
    if (lower.startsWith("jdbc:postgresql:")) {
      return new StoreUrl(t, false, null);
    }
    if (lower.startsWith("jdbc:")) {
      throw CinerecException.usage("--store " + display(t) + ": only SQLite (a file, or jdbc:sqlite:FILE) and "
          + "PostgreSQL (jdbc:postgresql://HOST/DB) are supported");
    }
    Path p = Path.of(t);
    return new StoreUrl("jdbc:sqlite:" + p.toAbsolutePath(), true, p.toAbsolutePath());
  }

  /**
   * True when {@code text} names a ratings store rather than a dataset: a JDBC URL, or an existing file that
   * is an SQLite database (by its 16-byte header), so commands that read data can read a store too.
   */
  public static boolean isStore(String text) {
    String lower = text.strip().toLowerCase(Locale.ROOT);
    if (lower.startsWith("jdbc:")) {
      return true;
    }
    Path p = Path.of(text.strip());
    if (!java.nio.file.Files.isRegularFile(p)) {
      return false;
    }
    try (java.io.InputStream in = java.nio.file.Files.newInputStream(p)) {
      byte[] head = in.readNBytes(16);
      return java.util.Arrays.equals(head, "SQLite format 3\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    } catch (java.io.IOException e) {
      return false;
    }
  }

  /** The URL without credentials (user info, password parameters), for logs and messages. */
  public String display() {
    return display(url);
  }

  static String display(String url) {
    String s = url.replaceAll("//[^/@]*@", "//");
    return s.replaceAll("(?i)([?&](password|user)=)[^&]*", "$1***");
  }
}
