package org.cinerec.io;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.cinerec.CinerecException;
import org.cinerec.Progress;
import org.cinerec.data.Dataset;

/** The cinerec binary dataset file (stub). */
public final class DatasetFile {
  static final byte[] MAGIC = "CINEDATA".getBytes(StandardCharsets.ISO_8859_1);

  private DatasetFile() {}

  static boolean hasMagic(byte[] head) {
    return head.length >= MAGIC.length && Arrays.equals(Arrays.copyOf(head, MAGIC.length), MAGIC);
  }

  public static Dataset read(Path path, Progress progress) {
    throw new CinerecException(path + ": dataset files are not supported yet");
  }
}
