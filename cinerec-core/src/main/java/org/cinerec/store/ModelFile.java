package org.cinerec.store;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.cinerec.CinerecException;
import org.cinerec.data.Catalog;
import org.cinerec.data.IdIndex;
import org.cinerec.io.AtomicFiles;
import org.cinerec.model.ModelFamilies;
import org.cinerec.model.ModelInfo;
import org.cinerec.model.Recommender;

/**
 * The one model file format, for every model family.
 *
 * <pre>
 * magic      8 bytes  "CINEREC\u001a"
 * version    int32    format version ({@link #FORMAT_VERSION}); {@link #OLDEST_VERSION} and newer load, others
 *                     are refused with the fix
 * kind       UTF      model family id ("mf", "multitask", ...)
 * info       JSON     {@link ModelInfo}: parameters, seed, data fingerprint, versions, history; from format 2
 *                     the rating scale and the data record (path as given and absolute, reader settings)
 * sections   ...      typed named sections: the user and item vocabularies, the catalog (titles, years,
 *                     genres) so the file answers alone, then the model's own tensors ({@link ModelWriter})
 * end        byte 0
 * sha256     32 bytes over everything before it
 * </pre>
 *
 * Integers are big-endian; tensor payloads little-endian. Written to a temporary file and renamed.
 */
public final class ModelFile {
  /**
   * The format version this build writes and the newest it reads. 2: the info holds the rating scale, the
   * data record ({@link org.cinerec.io.DataRecord}) and the order-independent
   * {@link org.cinerec.data.DataFingerprint}. A format-1 file loads with its fingerprint set to 0 (unknown:
   * it held an order-sensitive value) and the scale its data format defines, else its training range.
   */
  public static final int FORMAT_VERSION = 2;
  /** The oldest format version this build reads (the previous one, by the project's rule). */
  public static final int OLDEST_VERSION = 1;
  static final byte[] MAGIC = "CINEREC\u001a".getBytes(StandardCharsets.ISO_8859_1);

  private ModelFile() {}

  /** A model read back with the catalog saved beside it. */
  public record Saved(Recommender model, Catalog catalog) {}

  /** Saves a model and the catalog of its items atomically. */
  public static void save(Path path, Recommender model, Catalog catalog) {
    save(path, model, model.info(), catalog);
  }

  /**
   * Saves a model with {@code info} in place of its own (the CLI records the split it cut the data with and
   * how the data was read, which the trainer does not know) and the catalog of its items, atomically.
   */
  public static void save(Path path, Recommender model, ModelInfo info, Catalog catalog) {
    if (catalog.size() != model.items().size()) {
      throw new IllegalArgumentException("catalog has " + catalog.size() + " entries, model has " + model.items().size() + " items");
    }
    AtomicFiles.write(path, raw -> {
      MessageDigest sha = sha256();
      DigestOutputStream digest = new DigestOutputStream(raw, sha);
      DataOutputStream out = new DataOutputStream(digest);
      out.write(MAGIC);
      out.writeInt(FORMAT_VERSION);
      out.writeUTF(model.kind());
      byte[] infoJson = ModelWriter.MAPPER.writeValueAsBytes(info);
      out.writeInt(infoJson.length);
      out.write(infoJson);
      ModelWriter w = new ModelWriter(out);
      w.putStrings("vocab.users", model.users().ids());
      w.putStrings("vocab.items", model.items().ids());
      writeCatalog(w, catalog);
      model.write(w);
      w.end();
      out.flush();
      raw.write(sha.digest());
    });
  }

  /** Loads any model, dispatching on the kind stored in the file. */
  public static Saved load(Path path) {
    return load(path, null);
  }

  /**
   * Loads a model, checking the checksum first; when {@code expectedKind} is not null a file of another
   * kind is refused.
   */
  public static Saved load(Path path, String expectedKind) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(path);
    } catch (NoSuchFileException e) {
      throw new CinerecException(path + ": no such model file");
    } catch (IOException e) {
      throw new CinerecException(path + ": cannot read: " + AtomicFiles.describe(e), e);
    }
    String name = path.toString();
    if (bytes.length < MAGIC.length + 4 + 32 || !Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC)) {
      throw new CinerecException(name + ": not a cinerec model file (bad magic bytes)");
    }
    int end = bytes.length - 32;
    byte[] expected = Arrays.copyOfRange(bytes, end, bytes.length);
    MessageDigest sha = sha256();
    sha.update(bytes, 0, end);
    if (!MessageDigest.isEqual(expected, sha.digest())) {
      throw new CinerecException(name + ": model file is damaged (checksum mismatch; truncated or altered): save it again");
    }
    ByteBuffer buf = ByteBuffer.wrap(bytes, 0, end);
    buf.position(MAGIC.length);
    int version = buf.getInt();
    if (version > FORMAT_VERSION) {
      throw new CinerecException(name + ": model file format " + version + " is newer than this cinerec reads ("
          + OLDEST_VERSION + ".." + FORMAT_VERSION + "); upgrade cinerec, or re-train the model with this one: "
          + "cinerec train DATA --model KIND --out " + path.getFileName());
    }
    if (version < OLDEST_VERSION) {
      throw new CinerecException(name + ": model file format " + version + " is older than this cinerec reads ("
          + OLDEST_VERSION + ".." + FORMAT_VERSION + "); re-train it: cinerec train DATA --model KIND --out "
          + path.getFileName());
    }
    try {
      String kind = readUtf(buf);
      if (expectedKind != null && !expectedKind.equals(kind)) {
        throw new CinerecException(name + ": is a \"" + kind + "\" model, expected \"" + expectedKind + "\"");
      }
      byte[] infoBytes = new byte[buf.getInt()];
      buf.get(infoBytes);
      ModelInfo info = ModelWriter.MAPPER.readValue(infoBytes, ModelInfo.class);
      if (version == 1) {
        info = info.withDataFingerprint(0);
      }
      ModelReader pre = new ModelReader(name, buf.slice(), info, null, null);
      pre.scan();
      IdIndex users = IdIndex.of(pre.strings("vocab.users"));
      IdIndex items = IdIndex.of(pre.strings("vocab.items"));
      ModelReader reader = new ModelReader(name, buf.slice(), info, users, items);
      reader.scan();
      Catalog catalog = readCatalog(reader);
      Recommender model = ModelFamilies.get(kind).read(reader);
      return new Saved(model, catalog);
    } catch (IOException | RuntimeException e) {
      if (e instanceof CinerecException c) {
        throw c;
      }
      throw new CinerecException(name + ": cannot read model: " + e.getMessage(), e);
    }
  }

  private static void writeCatalog(ModelWriter w, Catalog c) throws IOException {
    int n = c.size();
    String[] titles = new String[n];
    int[] years = new int[n];
    String[] genres = new String[n];
    String[] imdb = new String[n];
    String[] tmdb = new String[n];
    int[] hasMeta = new int[n];
    for (int i = 0; i < n; i++) {
      titles[i] = c.title(i);
      years[i] = c.year(i);
      genres[i] = String.join("|", c.genres(i));
      imdb[i] = c.imdbId(i);
      tmdb[i] = c.tmdbId(i);
      hasMeta[i] = c.hasMetadata(i) ? 1 : 0;
    }
    w.putStrings("catalog.titles", titles);
    w.putInts("catalog.years", years);
    w.putStrings("catalog.genres", genres);
    w.putStrings("catalog.imdb", imdb);
    w.putStrings("catalog.tmdb", tmdb);
    w.putInts("catalog.has_metadata", hasMeta);
  }

  private static Catalog readCatalog(ModelReader r) {
    String[] titles = r.strings("catalog.titles");
    int[] years = r.ints("catalog.years");
    String[] genres = r.strings("catalog.genres");
    String[] imdb = r.strings("catalog.imdb");
    String[] tmdb = r.strings("catalog.tmdb");
    int[] hasMeta = r.ints("catalog.has_metadata");
    String[] ids = r.items().ids();
    Catalog.Builder b = Catalog.builder();
    for (int i = 0; i < titles.length; i++) {
      if (hasMeta[i] == 0) {
        b.addPlaceholder(ids[i]);
      } else {
        b.add(titles[i], years[i], genres[i].isEmpty() ? new String[0] : genres[i].split("\\|"), imdb[i], tmdb[i]);
      }
    }
    return b.build();
  }

  private static String readUtf(ByteBuffer buf) {
    byte[] b = new byte[Short.toUnsignedInt(buf.getShort())];
    buf.get(b);
    return new String(b, StandardCharsets.UTF_8);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

}
