package org.cinerec.io;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.zip.CRC32C;
import org.cinerec.CinerecException;
import org.cinerec.Progress;
import org.cinerec.data.Dataset;
import org.cinerec.data.IdIndex;
import org.cinerec.data.Provenance;
import org.cinerec.data.RatingScale;
import org.cinerec.data.Ratings;
import org.cinerec.data.UserAttributes;
import org.cinerec.math.Parallel;

/**
 * The cinerec binary dataset file, written by {@code cinerec prepare}, reloaded much faster than
 * parsing. All numbers little-endian.
 *
 * <pre>
 * magic        8 bytes  "CINEDATA"
 * version      int32    {@link #VERSION}; {@link #OLDEST} and newer load, others are refused with the fix
 * flags        int32    0
 * ratings      int64    n
 * users, items int32, int32
 * sections     8 ×      [int64 length][bytes][int32 CRC32C of the bytes]:
 *                       provenance JSON (from version 2 with a "scale" member: {@link RatingScale}),
 *                       user ids, item ids, catalog JSON,
 *                       user int32[n], item int32[n], rating float32[n], timestamp uint32[n]
 *              (ids: int32 count, int32 offsets[count + 1], UTF-8 bytes; the provenance JSON may hold a
 *              "userAttributes" member, {@link UserAttributesJson}: older readers ignore it, and a file
 *              without it has none)
 * sha256       32 bytes over everything before it
 * </pre>
 *
 * <p>Reading checks the whole-file sha256 (about 1.3 GB/s a core with the JDK's SHA intrinsics) on one
 * thread of the shared pool while the others copy the columns in bulk from memory-mapped sections,
 * each checked against its CRC32C (so a damaged file names the damaged section). A damaged, truncated
 * or newer file fails with a one-line message.
 */
public final class DatasetFile {
  /**
   * Format version written by this build and the newest it reads. 2 added the rating scale; a version-1
   * file gets the scale its format defines (movielens-csv, kaggle-movies, movielens-100k), else the one
   * read off its ratings ({@link #scaleOfVersion1}).
   */
  public static final int VERSION = 2;
  /** The oldest format version this build reads (the previous one, by the project's rule). */
  public static final int OLDEST = 1;
  static final byte[] MAGIC = "CINEDATA".getBytes(StandardCharsets.ISO_8859_1);
  private static final int HEAD = 8 + 4 + 4 + 8 + 4 + 4;
  private static final String[] SECTIONS = {"provenance", "user ids", "item ids", "catalog", "user column",
      "item column", "rating column", "timestamp column"};
  static final ObjectMapper MAPPER = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private DatasetFile() {}

  static boolean hasMagic(byte[] head) {
    return head.length >= MAGIC.length && Arrays.equals(Arrays.copyOf(head, MAGIC.length), MAGIC);
  }

  /** Writes the dataset atomically (temporary file + rename). */
  public static void write(Path path, Dataset d, Progress progress) {
    Ratings r = d.ratings();
    AtomicFiles.write(path, raw -> {
      MessageDigest sha = sha256();
      OutputStream out = new java.security.DigestOutputStream(raw, sha);
      ByteBuffer head = ByteBuffer.allocate(HEAD).order(ByteOrder.LITTLE_ENDIAN);
      head.put(MAGIC).putInt(VERSION).putInt(0).putLong(r.size()).putInt(d.numUsers()).putInt(d.numItems());
      out.write(head.array());
      long total = 16L * r.size();
      progress.start("Writing " + path.getFileName(), total);
      com.fasterxml.jackson.databind.node.ObjectNode prov = MAPPER.valueToTree(d.provenance());
      prov.set("scale", MAPPER.valueToTree(d.scale()));
      if (!d.userAttributes().isEmpty()) {
        prov.set("userAttributes", MAPPER.valueToTree(UserAttributesJson.of(d.userAttributes())));
      }
      section(out, MAPPER.writeValueAsBytes(prov));
      section(out, strings(d.users().ids()));
      section(out, strings(d.items().ids()));
      section(out, MAPPER.writeValueAsBytes(CatalogJson.of(d.catalog())));
      long[] done = {0};
      intColumn(out, r.users(), done, progress);
      intColumn(out, r.items(), done, progress);
      floatColumn(out, r.ratings(), done, progress);
      intColumn(out, r.packedTimestamps(), done, progress);
      progress.finish();
      out.flush();
      raw.write(sha.digest());
    });
  }

  /** Reads a dataset file, checking each section's CRC32C; damaged files fail with a one-line message. */
  public static Dataset read(Path path, Progress progress) {
    String name = path.toString();
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      long size = ch.size();
      ByteBuffer head = ByteBuffer.allocate(HEAD).order(ByteOrder.LITTLE_ENDIAN);
      readFully(ch, head, 0, name);
      head.flip();
      byte[] magic = new byte[MAGIC.length];
      head.get(magic);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new CinerecException(name + ": not a cinerec dataset file (bad magic bytes)");
      }
      int version = head.getInt();
      if (version > VERSION) {
        throw new CinerecException(name + ": dataset file format " + version + " is newer than this cinerec reads ("
            + OLDEST + ".." + VERSION + "); upgrade cinerec, or recreate the file with this one: cinerec prepare DATA --out "
            + path.getFileName());
      }
      if (version < OLDEST) {
        throw new CinerecException(name + ": dataset file format " + version + " is older than this cinerec reads ("
            + OLDEST + ".." + VERSION + "); recreate it from the raw data: cinerec prepare DATA --out "
            + path.getFileName());
      }
      head.getInt();
      long n = head.getLong();
      int numUsers = head.getInt();
      int numItems = head.getInt();
      if (n < 0 || n > Integer.MAX_VALUE || numUsers < 0 || numItems < 0) {
        throw damaged(name, "header");
      }
      progress.start("Reading " + path.getFileName(), size);
      long pos = HEAD;
      long[] offsets = new long[SECTIONS.length];
      long[] lengths = new long[SECTIONS.length];
      ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
      for (int s = 0; s < SECTIONS.length; s++) {
        if (pos + 12 > size - 32) {
          throw damaged(name, SECTIONS[s] + " (file truncated)");
        }
        len.clear();
        readFully(ch, len, pos, name);
        long l = len.getLong(0);
        if (l < 0 || pos + 8 + l + 4 > size - 32 || (s >= 4 && l != 4 * n)) {
          throw damaged(name, SECTIONS[s] + " (file truncated or length wrong)");
        }
        offsets[s] = pos + 8;
        lengths[s] = l;
        pos += 8 + l + 4;
      }
      if (pos != size - 32) {
        throw damaged(name, "trailer (extra or missing bytes)");
      }
      byte[][] small = new byte[4][];
      for (int s = 0; s < 4; s++) {
        ByteBuffer b = ByteBuffer.allocate((int) lengths[s]);
        readFully(ch, b, offsets[s], name);
        small[s] = b.array();
        check(ch, name, s, offsets[s], lengths[s], crc(small[s]));
      }
      // five tasks on the shared pool: the whole-file sha256, and each column copied in bulk from a
      // memory-mapped section with its CRC32C; failures are collected so the most specific one is named
      Object[] cols = new Object[4];
      boolean[] ok = new boolean[5];
      int rows = (int) n;
      Parallel.forEachChunk(5, 0, (c, from, to) -> {
        for (int k = from; k < to; k++) {
          if (k == 0) {
            ok[0] = shaMatches(ch, size);
          } else {
            Object dst = k == 3 ? new float[rows] : new int[rows];
            ok[k] = readColumn(ch, name, offsets[3 + k], lengths[3 + k], dst);
            cols[k - 1] = dst;
          }
        }
      });
      for (int k = 1; k < 5; k++) {
        if (!ok[k]) {
          throw damaged(name, SECTIONS[3 + k]);
        }
      }
      if (!ok[0]) {
        throw damaged(name, "sha256 trailer");
      }
      int[] user = (int[]) cols[0];
      int[] item = (int[]) cols[1];
      float[] rating = (float[]) cols[2];
      int[] time = (int[]) cols[3];
      progress.update(size);
      try {
        return contents(name, small, numUsers, numItems, user, item, rating, time, progress);
      } catch (CinerecException e) {
        throw e;
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw damaged(name, "metadata (" + e.getOriginalMessage() + ")");
      } catch (RuntimeException e) {
        // the checksums matched, so the file was written this way: a writer's defect, not a damaged disk
        throw damaged(name, "contents (" + CinerecException.oneLine(e) + ")");
      }
    } catch (NoSuchFileException e) {
      throw new CinerecException(name + ": no such file");
    } catch (IOException e) {
      throw new CinerecException(name + ": cannot read the dataset file: " + AtomicFiles.describe(e), e);
    }
  }

  /** What the checked sections hold: provenance, vocabularies, catalog and the columns, as a Dataset. */
  private static Dataset contents(String name, byte[][] small, int numUsers, int numItems, int[] user, int[] item,
      float[] rating, int[] time, Progress progress) throws IOException {
    com.fasterxml.jackson.databind.JsonNode provNode = MAPPER.readTree(small[0]);
    Provenance provenance = MAPPER.treeToValue(provNode, Provenance.class);
    IdIndex users = IdIndex.of(strings(small[1], name));
    IdIndex items = IdIndex.of(strings(small[2], name));
    var catalog = MAPPER.readValue(small[3], CatalogJson.class).toCatalog();
    if (users.size() != numUsers || items.size() != numItems) {
      throw damaged(name, "vocabularies");
    }
    for (int i = 0; i < rating.length; i++) {
      if (!Float.isFinite(rating[i])) {
        // no reader keeps such a rating: a file holding one was not written by cinerec as it is
        throw damaged(name, "columns (rating " + i + " is " + rating[i] + ")");
      }
    }
    Ratings ratings;
    try {
      ratings = new Ratings(user, item, rating, time, numUsers, numItems);
    } catch (IllegalArgumentException e) {
      throw damaged(name, "columns (" + CinerecException.oneLine(e) + ")");
    }
    progress.finish();
    RatingScale scale = provNode.hasNonNull("scale") ? MAPPER.treeToValue(provNode.get("scale"), RatingScale.class)
        : scaleOfVersion1(provenance.format(), ratings);
    UserAttributes attributes = UserAttributes.none(numUsers);
    if (provNode.hasNonNull("userAttributes")) {
      try {
        attributes = MAPPER.treeToValue(provNode.get("userAttributes"), UserAttributesJson.class).toAttributes(numUsers);
      } catch (IllegalArgumentException e) {
        throw damaged(name, "user attributes (" + CinerecException.oneLine(e) + ")");
      }
    }
    return new Dataset(ratings, users, items, catalog, provenance, scale, attributes);
  }

  /** The scale of a version-1 file, which did not record one: its format's, else read off the ratings. */
  static RatingScale scaleOfVersion1(String format, Ratings ratings) {
    RatingScale defined = Format.scaleOf(format);
    return defined != null ? defined : RatingScale.infer(ratings);
  }

  /** Checks the sha256 trailer over the whole file; fails with a one-line message when it differs. */
  public static void verify(Path path) {
    String name = path.toString();
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size < HEAD + 32) {
        throw damaged(name, "file (too short)");
      }
      MessageDigest sha = sha256();
      ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
      long pos = 0;
      while (pos < size - 32) {
        buf.clear();
        buf.limit((int) Math.min(buf.capacity(), size - 32 - pos));
        int k = ch.read(buf, pos);
        buf.flip();
        sha.update(buf);
        pos += k;
      }
      ByteBuffer trailer = ByteBuffer.allocate(32);
      readFully(ch, trailer, size - 32, name);
      if (!MessageDigest.isEqual(trailer.array(), sha.digest())) {
        throw damaged(name, "sha256 trailer");
      }
    } catch (NoSuchFileException e) {
      throw new CinerecException(name + ": no such file");
    } catch (IOException e) {
      throw new CinerecException(name + ": cannot read: " + AtomicFiles.describe(e), e);
    }
  }

  private static CinerecException damaged(String name, String where) {
    return new CinerecException(name + ": dataset file is damaged: " + where
        + " does not check out; run cinerec prepare again");
  }

  /** Copies a column section into {@code dst}; false when its CRC32C does not match. */
  private static boolean readColumn(FileChannel ch, String name, long off, long len, Object dst) {
    try {
      MappedByteBuffer m = ch.map(FileChannel.MapMode.READ_ONLY, off, len + 4);
      m.order(ByteOrder.LITTLE_ENDIAN);
      CRC32C crc = new CRC32C();
      crc.update(m.slice(0, (int) len));
      if ((int) crc.getValue() != m.getInt((int) len)) {
        return false;
      }
      m.position(0).limit((int) len);
      if (dst instanceof int[] a) {
        m.asIntBuffer().get(a);
      } else {
        m.asFloatBuffer().get((float[]) dst);
      }
      return true;
    } catch (IOException e) {
      throw new CinerecException(name + ": cannot read: " + AtomicFiles.describe(e), e);
    }
  }

  /** True when the sha256 of everything before the trailer equals the trailer. */
  private static boolean shaMatches(FileChannel ch, long size) {
    try {
      MessageDigest sha = sha256();
      long end = size - 32;
      long pos = 0;
      while (pos < end) {
        long len = Math.min(1L << 30, end - pos);
        sha.update(ch.map(FileChannel.MapMode.READ_ONLY, pos, len));
        pos += len;
      }
      ByteBuffer trailer = ByteBuffer.allocate(32);
      readFully(ch, trailer, end, "");
      return MessageDigest.isEqual(trailer.array(), sha.digest());
    } catch (IOException e) {
      return false;
    }
  }

  private static void check(FileChannel ch, String name, int s, long off, long len, int crc) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
    readFully(ch, b, off + len, name);
    if (b.getInt(0) != crc) {
      throw damaged(name, SECTIONS[s]);
    }
  }

  private static void section(OutputStream out, byte[] bytes) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    out.write(b.putLong(bytes.length).array());
    out.write(bytes);
    out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(crc(bytes)).array());
  }

  private static void intColumn(OutputStream out, int[] a, long[] done, Progress progress) throws IOException {
    column(out, a.length, (buf, from, to) -> buf.asIntBuffer().put(a, from, to - from), done, progress);
  }

  private static void floatColumn(OutputStream out, float[] a, long[] done, Progress progress) throws IOException {
    column(out, a.length, (buf, from, to) -> buf.asFloatBuffer().put(a, from, to - from), done, progress);
  }

  private interface Filler {
    void fill(ByteBuffer buf, int from, int to);
  }

  private static void column(OutputStream out, int n, Filler filler, long[] done, Progress progress)
      throws IOException {
    out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(4L * n).array());
    int chunk = 1 << 18;
    ByteBuffer buf = ByteBuffer.allocate(4 * chunk).order(ByteOrder.LITTLE_ENDIAN);
    CRC32C crc = new CRC32C();
    for (int from = 0; from < n; from += chunk) {
      int to = Math.min(n, from + chunk);
      buf.clear();
      filler.fill(buf, from, to);
      int bytes = 4 * (to - from);
      crc.update(buf.array(), 0, bytes);
      out.write(buf.array(), 0, bytes);
      done[0] += bytes;
      progress.update(done[0]);
    }
    out.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) crc.getValue()).array());
  }

  static byte[] strings(String[] ids) {
    byte[][] enc = new byte[ids.length][];
    int total = 0;
    for (int i = 0; i < ids.length; i++) {
      enc[i] = ids[i].getBytes(StandardCharsets.UTF_8);
      total += enc[i].length;
    }
    ByteBuffer b = ByteBuffer.allocate(4 + 4 * (ids.length + 1) + total).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(ids.length);
    int off = 0;
    for (byte[] e : enc) {
      b.putInt(off);
      off += e.length;
    }
    b.putInt(off);
    for (byte[] e : enc) {
      b.put(e);
    }
    return b.array();
  }

  static String[] strings(byte[] bytes, String name) {
    try {
      ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
      int count = b.getInt();
      if (count < 0 || 4L + 4L * (count + 1L) > bytes.length) { // a count the section cannot hold
        throw damaged(name, "vocabularies");
      }
      int base = 4 + 4 * (count + 1);
      String[] out = new String[count];
      for (int i = 0; i < count; i++) {
        int from = b.getInt(4 + 4 * i);
        int to = b.getInt(4 + 4 * (i + 1));
        out[i] = new String(bytes, base + from, to - from, StandardCharsets.UTF_8);
      }
      return out;
    } catch (RuntimeException e) {
      throw damaged(name, "vocabularies");
    }
  }

  private static int crc(byte[] b) {
    CRC32C c = new CRC32C();
    c.update(b, 0, b.length);
    return (int) c.getValue();
  }

  private static void readFully(FileChannel ch, ByteBuffer b, long at, String name) throws IOException {
    long pos = at;
    while (b.hasRemaining()) {
      int k = ch.read(b, pos);
      if (k < 0) {
        throw damaged(name, "file (truncated)");
      }
      pos += k;
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
