package org.cinerec.store;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.cinerec.CinerecException;
import org.cinerec.io.AtomicFiles;

/**
 * The one model file format, a container for every model family: it knows a kind only as a string and
 * never what the sections mean (saving, loading and dispatching on the kind are
 * {@code org.cinerec.model.ModelFiles}'s).
 *
 * <pre>
 * magic      8 bytes  "CINEREC\u001a"
 * version    int32    format version ({@link #FORMAT_VERSION}); {@link #OLDEST_VERSION} and newer load, others
 *                     are refused with the fix
 * kind       UTF      model family id ("mf", "multitask", ...)
 * header     JSON     int32 length, then the header (for a model: its {@code ModelInfo}: parameters, seed,
 *                     data fingerprint, versions, history; from format 2 the rating scale and the data record)
 * sections   ...      typed named sections ({@link ModelWriter}): for a model, the user and item vocabularies,
 *                     the catalog (titles, years, genres) so the file answers alone, then its own tensors
 * end        byte 0
 * sha256     32 bytes over everything before it
 * </pre>
 *
 * Integers are big-endian; tensor payloads little-endian. Written to a temporary file and renamed. An
 * instance is one file read back: checked (magic, checksum, version) and its sections indexed.
 */
public final class ModelFile {
  /**
   * The format version this build writes and the newest it reads. 2: the header holds the rating scale, the
   * data record ({@link org.cinerec.io.DataRecord}) and the order-independent
   * {@link org.cinerec.data.DataFingerprint}; a reader of a format-1 file adapts what it reads.
   */
  public static final int FORMAT_VERSION = 2;
  /** The oldest format version this build reads (the previous one, by the project's rule). */
  public static final int OLDEST_VERSION = 1;
  static final byte[] MAGIC = "CINEREC\u001a".getBytes(StandardCharsets.ISO_8859_1);

  /** Writes the sections of a file's body, in order. */
  @FunctionalInterface
  public interface Body {
    void write(ModelWriter out) throws IOException;
  }

  private final String name;
  private final int version;
  private final String kind;
  private final byte[] header;
  private final SectionReader sections;
  private final String contentId;

  private ModelFile(String name, int version, String kind, byte[] header, SectionReader sections, String contentId) {
    this.name = name;
    this.version = version;
    this.kind = kind;
    this.header = header;
    this.sections = sections;
    this.contentId = contentId;
  }

  /**
   * Writes a file of format {@link #FORMAT_VERSION} atomically: {@code kind}, {@code header} as JSON
   * (Jackson) and the sections {@code body} writes.
   */
  public static void write(Path path, String kind, Object header, Body body) {
    AtomicFiles.write(path, raw -> {
      MessageDigest sha = sha256();
      DigestOutputStream digest = new DigestOutputStream(raw, sha);
      DataOutputStream out = new DataOutputStream(digest);
      out.write(MAGIC);
      out.writeInt(FORMAT_VERSION);
      out.writeUTF(kind);
      byte[] json = ModelWriter.MAPPER.writeValueAsBytes(header);
      out.writeInt(json.length);
      out.write(json);
      ModelWriter w = new ModelWriter(out);
      body.write(w);
      w.end();
      out.flush();
      raw.write(sha.digest());
    });
  }

  /**
   * Reads a file: checks the magic bytes, the checksum and the format version (each failure a
   * {@link CinerecException} naming the file and the fix) and indexes the sections. The file is mapped, not
   * copied onto the heap, and may be larger than 2 GB.
   */
  public static ModelFile read(Path path) {
    FileBytes bytes;
    try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
      bytes = FileBytes.map(channel);
    } catch (NoSuchFileException e) {
      throw new CinerecException(path + ": no such model file");
    } catch (IOException e) {
      throw new CinerecException(path + ": cannot read: " + AtomicFiles.describe(e), e);
    }
    return read(path.toString(), bytes);
  }

  /**
   * Reads a file's bytes, checked as {@link #read(Path)} does; {@code name} names it in messages (tests and
   * fuzzers hand bytes over without a file).
   */
  public static ModelFile read(String name, byte[] bytes) {
    return read(name, FileBytes.of(bytes));
  }

  static ModelFile read(String name, FileBytes bytes) {
    if (bytes.size() < MAGIC.length + 4 + 32 || !Arrays.equals(bytes.bytes(0, MAGIC.length), MAGIC)) {
      throw new CinerecException(name + ": not a cinerec model file (bad magic bytes)");
    }
    long end = bytes.size() - 32;
    byte[] expected = bytes.bytes(end, 32);
    MessageDigest sha = sha256();
    bytes.digest(sha, end);
    if (!MessageDigest.isEqual(expected, sha.digest())) {
      throw new CinerecException(name + ": model file is damaged (checksum mismatch; truncated or altered): save it again");
    }
    FileBytes body = bytes.head(end);
    long p = MAGIC.length;
    int version = body.getInt(p);
    p += 4;
    if (version > FORMAT_VERSION) {
      throw new CinerecException(name + ": model file format " + version + " is newer than this cinerec reads ("
          + OLDEST_VERSION + ".." + FORMAT_VERSION + "); upgrade cinerec, or re-train the model with this one: "
          + "cinerec train DATA --model KIND --out " + fileName(name));
    }
    if (version < OLDEST_VERSION) {
      throw new CinerecException(name + ": model file format " + version + " is older than this cinerec reads ("
          + OLDEST_VERSION + ".." + FORMAT_VERSION + "); re-train it: cinerec train DATA --model KIND --out "
          + fileName(name));
    }
    try {
      int kindLength = Short.toUnsignedInt(body.getShort(p));
      String kind = new String(body.bytes(p + 2, kindLength), StandardCharsets.UTF_8);
      p += 2 + kindLength;
      if (!kind.matches("[A-Za-z0-9._-]{1,64}")) {
        throw new CinerecException(name + ": cannot read model: its kind is not a model kind (letters, digits, "
            + "'.', '_' and '-', at most 64)");
      }
      int headerLength = body.getInt(p);
      p += 4;
      if (headerLength < 0 || headerLength > end - p) {
        throw new CinerecException(name + ": cannot read model: the header's length (" + headerLength
            + " bytes) runs past the end of the file");
      }
      byte[] header = body.bytes(p, headerLength);
      p += headerLength;
      SectionReader sections = new SectionReader(name, kind, body, p);
      sections.scan();
      return new ModelFile(name, version, kind, header, sections, java.util.HexFormat.of().formatHex(expected, 0, 6));
    } catch (RuntimeException e) {
      if (e instanceof CinerecException c) {
        throw c;
      }
      throw new CinerecException(name + ": cannot read model: " + CinerecException.oneLine(e), e);
    }
  }

  private static String fileName(String name) {
    int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
    return name.substring(slash + 1);
  }

  /**
   * Where each section starts in the file (its type byte), in order, then where the end marker is: byte
   * offsets from the start of the file, for tools that inspect or damage files on purpose.
   */
  public long[] sectionStarts() {
    return sections.starts();
  }

  /** The path as given, for messages. */
  public String name() {
    return name;
  }

  /** The format version the file was written in ({@link #OLDEST_VERSION}..{@link #FORMAT_VERSION}). */
  public int version() {
    return version;
  }

  /**
   * What names this exact content: the first 6 bytes of the file's checksum in hex ({@code "4ea71b736d0e"}), the
   * same for every copy of the file and different, but for a 2^-48 chance, for any other content. Served models
   * are versioned by it, by the CLI and the HTTP API alike.
   */
  public String contentId() {
    return contentId;
  }

  /** The kind the writer gave (for a model: its family id). */
  public String kind() {
    return kind;
  }

  /** The header read as {@code type} (Jackson); a header that does not parse is a clear error. */
  public <T> T header(Class<T> type) {
    try {
      return ModelWriter.MAPPER.readValue(header, type);
    } catch (IOException | RuntimeException e) {
      throw new CinerecException(name + ": cannot read model: " + CinerecException.oneLine(e), e);
    }
  }

  /** The file's sections. */
  public SectionReader sections() {
    return sections;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
