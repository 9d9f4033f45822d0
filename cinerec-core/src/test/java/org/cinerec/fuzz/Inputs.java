package org.cinerec.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.cinerec.CinerecException;

/**
 * What the fuzz targets share: one input holds several files, separated by the line {@code ==8<==}
 * (so saved inputs are readable and a fuzzer can move bytes between files), written into a fresh folder;
 * and the rule of every target: cinerec's own error is an answer, any other exception a finding.
 */
final class Inputs {
  static final byte[] CUT = "\n==8<==\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private Inputs() {}

  /** The input split at each {@link #CUT}, at most {@code n} parts (the last takes the rest), padded with empty parts. */
  static List<byte[]> parts(byte[] in, int n) {
    List<byte[]> out = new ArrayList<>();
    int from = 0;
    while (out.size() < n - 1) {
      int at = indexOf(in, CUT, from);
      if (at < 0) {
        break;
      }
      out.add(java.util.Arrays.copyOfRange(in, from, at));
      from = at + CUT.length;
    }
    out.add(java.util.Arrays.copyOfRange(in, from, in.length));
    while (out.size() < n) {
      out.add(new byte[0]);
    }
    return out;
  }

  private static int indexOf(byte[] in, byte[] what, int from) {
    outer:
    for (int i = from; i <= in.length - what.length; i++) {
      for (int j = 0; j < what.length; j++) {
        if (in[i + j] != what[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  /** A fresh folder holding {@code names[i]} with {@code parts[i]}; empty names are left out. */
  static Path folder(List<byte[]> parts, String... names) {
    try {
      Path dir = Files.createTempDirectory("cinerec-fuzz");
      for (int i = 0; i < names.length; i++) {
        if (!names[i].isEmpty()) {
          Files.write(dir.resolve(names[i]), parts.get(i));
        }
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void delete(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs {@code read}; cinerec's own error is a fine answer, anything else propagates (a finding). */
  static void answers(Runnable read) {
    try {
      read.run();
    } catch (CinerecException expected) {
      String m = expected.getMessage();
      if (m == null || m.isBlank() || m.contains("\n")) {
        throw new AssertionError("an error message must be one line: " + m, expected);
      }
    }
  }
}
