package org.cinerec.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.cinerec.CinerecException;

/**
 * Detects the format of a folder or file from its contents: the file names a folder holds, a file's
 * magic bytes, or the first line of a text file. See {@link Format}.
 */
public final class FormatDetector {
  private FormatDetector() {}

  /** The format of the data at {@code path}; fails with a one-line message when there is none. */
  public static Format detect(Path path) {
    if (!Files.exists(path)) {
      throw new CinerecException(path + ": no such file or folder");
    }
    if (!Files.isReadable(path)) {
      throw new CinerecException(path + ": permission denied (cannot read it)");
    }
    if (Files.isDirectory(path)) {
      return detectFolder(path);
    }
    try {
      byte[] head = TextFiles.head(path, 16);
      if (DatasetFile.hasMagic(head)) {
        return Format.DATASET;
      }
    } catch (IOException e) {
      throw new CinerecException(path + ": cannot read: " + AtomicFiles.describe(e), e);
    }
    String name = path.getFileName().toString();
    sideFile(path, name);
    if (!name.equals("u.data") && !name.endsWith(".dat")) {
      TextFiles.requireTextFile(path, "ratings");
      return FormatParts.detectFile(name, TextFiles.header(path).text());
    }
    return FormatParts.detectFile(name, "");
  }

  /** What the side files of the formats hold, by name: a file given alone that is one of these is no ratings. */
  private static final java.util.Map<String, String> SIDE_FILES = java.util.Map.ofEntries(
      java.util.Map.entry("movies.csv", "the movie catalogue"), java.util.Map.entry("links.csv", "the links to IMDb and TMDB"),
      java.util.Map.entry("links_small.csv", "the links to IMDb and TMDB"), java.util.Map.entry("tags.csv", "the tags"),
      java.util.Map.entry("movies_metadata.csv", "the movie metadata"), java.util.Map.entry("users.csv", "the users file"),
      java.util.Map.entry("movies.dat", "the movie catalogue"), java.util.Map.entry("users.dat", "the users file"),
      java.util.Map.entry("u.item", "the movie catalogue"), java.util.Map.entry("u.user", "the users file"),
      java.util.Map.entry("u.genre", "the genre list"), java.util.Map.entry("u.occupation", "the occupation list"),
      java.util.Map.entry("movie_titles.csv", "the movie titles"), java.util.Map.entry("movie_titles.txt", "the movie titles"));

  /**
   * Fails saying what a side file is (a MovieLens {@code movies.csv}, a {@code users.dat}) when one is given
   * alone and the folder holding it is data cinerec reads: the folder is what to give.
   */
  private static void sideFile(Path path, String name) {
    String what = SIDE_FILES.get(name);
    Path dir = path.toAbsolutePath().getParent();
    if (what == null || dir == null) {
      return;
    }
    Format folder;
    try {
      folder = detectFolder(dir);
    } catch (CinerecException e) {
      return; // not beside ratings cinerec knows: read as the user asked
    }
    throw CinerecException.usage(path + ": is " + what + " of the " + folder.id() + " data in " + dir
        + ", not ratings; give the folder (" + dir + ") to read it with its ratings");
  }

  private static Format detectFolder(Path dir) {
    return FormatParts.detectFolder(dir.toString(), n -> has(dir, n), () -> {
      try (Stream<Path> list = Files.list(dir)) {
        return list.map(p -> p.getFileName().toString()).sorted().limit(12).toArray(String[]::new);
      } catch (IOException e) {
        throw new CinerecException(dir + ": cannot list the folder: " + AtomicFiles.describe(e), e);
      }
    });
  }

  static boolean has(Path dir, String name) {
    return Files.isRegularFile(dir.resolve(name));
  }
}
