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
    if (!name.equals("u.data") && !name.endsWith(".dat")) {
      TextFiles.requireTextFile(path, "ratings");
      return FormatParts.detectFile(name, TextFiles.header(path).text());
    }
    return FormatParts.detectFile(name, "");
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
