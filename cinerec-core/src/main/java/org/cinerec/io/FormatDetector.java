package org.cinerec.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
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
    if (name.equals("u.data")) {
      return Format.MOVIELENS_100K;
    }
    if (name.endsWith(".dat")) {
      return Format.MOVIELENS_DAT;
    }
    TextFiles.requireTextFile(path, "ratings");
    String header = TextFiles.header(path).text().toLowerCase(java.util.Locale.ROOT).replace("\"", "");
    if (header.startsWith("userid,movieid,rating")) {
      return Format.RATINGS_CSV;
    }
    return Format.CSV;
  }

  private static Format detectFolder(Path dir) {
    if (has(dir, "movies_metadata.csv")) {
      return Format.KAGGLE_MOVIES;
    }
    if (has(dir, "ratings.csv") && has(dir, "movies.csv")) {
      return Format.MOVIELENS_CSV;
    }
    if (has(dir, "u.data")) {
      return Format.MOVIELENS_100K;
    }
    if (has(dir, "ratings.dat")) {
      return Format.MOVIELENS_DAT;
    }
    if (has(dir, "ratings.csv") || has(dir, "ratings_small.csv")) {
      return Format.RATINGS_CSV;
    }
    String[] names;
    try (Stream<Path> list = Files.list(dir)) {
      names = list.map(p -> p.getFileName().toString()).sorted().limit(12).toArray(String[]::new);
    } catch (IOException e) {
      throw new CinerecException(dir + ": cannot list the folder: " + AtomicFiles.describe(e), e);
    }
    throw new CinerecException(dir + ": no ratings file found (expected ratings.csv with movies.csv, "
        + "ratings_small.csv with movies_metadata.csv, u.data or ratings.dat); the folder holds "
        + (names.length == 0 ? "nothing" : String.join(", ", Arrays.asList(names))));
  }

  static boolean has(Path dir, String name) {
    return Files.isRegularFile(dir.resolve(name));
  }
}
