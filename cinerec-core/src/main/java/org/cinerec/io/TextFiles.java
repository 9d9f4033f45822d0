package org.cinerec.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.cinerec.CinerecException;
import org.cinerec.data.Provenance;
import org.cinerec.prep.PrepReport;
import org.cinerec.prep.Reasons;

/**
 * File checks shared by the readers, each failing with a one-line message naming the file: missing,
 * a folder, unreadable, empty, binary; plus reading the header line, decoding text with the exact line
 * of the first byte that is not UTF-8, and the sha256 of a source file.
 */
public final class TextFiles {
  private TextFiles() {}

  /** The first line of a file and the byte offset just after it. */
  public record Header(String text, long dataStart) {}

  /** Fails unless {@code path} is a readable, non-empty, non-binary file; {@code expected} says what it should hold. */
  public static void requireTextFile(Path path, String expected) {
    if (!Files.exists(path)) {
      throw new CinerecException(path + ": no such file (expected " + expected + ")");
    }
    if (Files.isDirectory(path)) {
      throw new CinerecException(path + ": is a folder, expected a file with " + expected);
    }
    if (!Files.isReadable(path)) {
      throw new CinerecException(path + ": permission denied (cannot read it)");
    }
    try {
      if (Files.size(path) == 0) {
        throw new CinerecException(path + ": the file is empty (expected " + expected + ")");
      }
      byte[] head = head(path, 8192);
      String archive = archiveKind(head);
      if (archive != null) {
        throw new CinerecException(path + ": is a " + archive + " archive, not " + expected + "; unpack it first");
      }
      if (head.length >= 8 && new String(head, 0, 8, java.nio.charset.StandardCharsets.ISO_8859_1).equals("CINEREC\u001a")) {
        throw new CinerecException(path + ": is a cinerec model file, not " + expected
            + "; give it to evaluate, recommend, similar or predict, and the data to --data");
      }
      for (int i = 0; i < head.length; i++) {
        if (head[i] == 0) {
          throw new CinerecException(path + ": looks like a binary file (a NUL byte at offset " + i
              + "), not " + expected);
        }
      }
    } catch (IOException e) {
      throw new CinerecException(path + ": cannot read: " + AtomicFiles.describe(e), e);
    }
  }

  /**
   * A piece of a file as a message quotes it: at most 80 characters ("..." after 77), with control
   * characters and undecodable bytes escaped ({@code \t}, {@code \x01}, {@code \u0085}, U+FFFD as
   * {@code \ufffd}), so raw binary bytes never reach the terminal and what is shown can be read.
   */
  public static String shown(String s) {
    boolean cut = s.codePointCount(0, s.length()) > 80;
    StringBuilder b = new StringBuilder(Math.min(s.length(), 100) + 8);
    int shown = 0;
    for (int i = 0; i < s.length() && (!cut || shown < 77); shown++) {
      int c = s.codePointAt(i);
      i += Character.charCount(c);
      if (c == '\t') {
        b.append("\\t");
      } else if (c < 0x20 || c == 0x7F) {
        b.append(String.format(java.util.Locale.ROOT, "\\x%02X", c));
      } else if (Character.isISOControl(c) || c == 0xFFFD || Character.getType(c) == Character.FORMAT
          || Character.getType(c) == Character.SURROGATE || Character.getType(c) == Character.UNASSIGNED) {
        b.append(String.format(java.util.Locale.ROOT, "\\u%04x", c));
      } else {
        b.appendCodePoint(c);
      }
    }
    return cut ? b.append("...").toString() : b.toString();
  }

  /** "zip", "gzip", ... when the bytes start like an archive, else null. */
  static String archiveKind(byte[] head) {
    if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
      return "zip";
    }
    if (head.length >= 2 && (head[0] & 0xFF) == 0x1F && (head[1] & 0xFF) == 0x8B) {
      return "gzip";
    }
    if (head.length >= 4 && (head[0] & 0xFF) == 0x28 && (head[1] & 0xFF) == 0xB5 && (head[2] & 0xFF) == 0x2F
        && (head[3] & 0xFF) == 0xFD) {
      return "zstd";
    }
    if (head.length >= 3 && head[0] == 'B' && head[1] == 'Z' && head[2] == 'h') {
      return "bzip2";
    }
    return null;
  }

  /** Up to {@code n} first bytes. */
  public static byte[] head(Path path, int n) throws IOException {
    try (InputStream in = Files.newInputStream(path)) {
      return in.readNBytes(n);
    } catch (AccessDeniedException e) {
      throw new CinerecException(path + ": permission denied (cannot read it)");
    }
  }

  /** The first line (UTF-8, BOM and CR removed) and the offset of the second line. */
  public static Header header(Path path) {
    try {
      byte[] head = head(path, 1 << 16);
      int start = head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB
          && (head[2] & 0xFF) == 0xBF ? 3 : 0;
      int nl = start;
      while (nl < head.length && head[nl] != '\n') {
        nl++;
      }
      int end = nl > start && head[nl - 1] == '\r' ? nl - 1 : nl;
      String text = new String(head, start, end - start, StandardCharsets.UTF_8);
      return new Header(text, Math.min(nl + 1L, Files.size(path)));
    } catch (IOException e) {
      throw new CinerecException(path + ": cannot read: " + AtomicFiles.describe(e), e);
    }
  }

  /**
   * The file as text. Bytes that are not UTF-8: with {@code latin1Fallback} the file is read as
   * ISO-8859-1 (MovieLens 100K/1M titles); otherwise strict mode fails naming the line, and lenient
   * mode replaces them (U+FFFD) and notes it in the report.
   */
  /**
   * Reports the first byte of a text file that is not UTF-8 ({@code line}: 1 + the LFs before it) as
   * {@link #decode} does: strict mode fails, lenient mode notes it and keeps an example. For engines that
   * decode a file in pieces.
   */
  public static void notUtf8(String name, long line, int byteValue, PrepReport report) {
    String why = String.format(java.util.Locale.ROOT, "byte 0x%02X is not UTF-8 (save the file as UTF-8)", byteValue);
    if (report.strict()) {
      throw PrepReport.strictFailure(name, line, 0, why);
    }
    report.note(name + ": bytes that are not UTF-8 were replaced by U+FFFD, first at line " + line);
    report.example(Reasons.INVALID_UTF8, name + ":" + line + ": " + why);
  }

  public static String decode(Path path, boolean latin1Fallback, PrepReport report) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (IOException e) {
      throw new CinerecException(path + ": cannot read: " + AtomicFiles.describe(e), e);
    }
    int start = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
        && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
    int bad = Utf8.firstInvalid(bytes, start, bytes.length);
    if (bad < 0) {
      return new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8);
    }
    if (latin1Fallback) {
      return new String(bytes, start, bytes.length - start, StandardCharsets.ISO_8859_1);
    }
    long line = 1;
    for (int i = 0; i < bad; i++) {
      if (bytes[i] == '\n') {
        line++;
      }
    }
    notUtf8(path.getFileName().toString(), line, bytes[bad] & 0xFF, report);
    return new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8);
  }

  /** The provenance entry of a source file: path, sha256, size. */
  public static Provenance.SourceFile source(Path path) {
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
      while (ch.read(buf) > 0) {
        buf.flip();
        sha.update(buf);
        buf.clear();
      }
      return new Provenance.SourceFile(path.toString(), HexFormat.of().formatHex(sha.digest()), ch.size());
    } catch (IOException e) {
      throw new CinerecException(path + ": cannot read: " + AtomicFiles.describe(e), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
