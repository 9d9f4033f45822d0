package org.cinerec.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.cinerec.Progress;
import org.cinerec.data.Catalog;
import org.cinerec.data.Dataset;
import org.cinerec.data.IdIndex;
import org.cinerec.data.Ratings;
import org.cinerec.data.UserAttributes;

/**
 * Writes a dataset as MovieLens CSV files (the ml-latest / ml-25m layout, UTF-8, LF line endings), each
 * atomically: {@code ratings.csv} ({@code userId,movieId,rating,timestamp}) and {@code movies.csv}
 * ({@code movieId,title,genres}, title with its year, RFC 4180 quoting, genres joined by {@code |} or
 * {@code (no genres listed)}). Ratings are formatted by hand into a byte buffer (no per-row strings), so
 * 25M rows take seconds; half-star ratings print as MovieLens prints them ({@code 4.0}, {@code 3.5}). User
 * attributes, when the data has them, go to {@code users.csv}.
 *
 * <p>Or in the {@code ::} layout of MovieLens 1M/10M and MovieTweetings ({@link #writeDat}):
 * {@code ratings.dat} ({@code user::movie::rating::timestamp}, whole ratings as integers, movie ids in their
 * canonical form {@link IdIndex#key(int)}) and {@code movies.dat} ({@code id::Title (year)::Genre|Genre},
 * ids as the vocabulary spells them, e.g. zero-padded).
 */
public final class MovieLensWriter {
  private static final byte[] RATINGS_HEADER = "userId,movieId,rating,timestamp\n".getBytes(StandardCharsets.US_ASCII);
  private static final int BUFFER = 1 << 20;

  private MovieLensWriter() {}

  /**
   * Writes {@code dir/ratings.csv} and {@code dir/movies.csv}, and {@code dir/users.csv} when the data has user
   * attributes ({@link #writeUsers}).
   */
  public static void writeDataset(Path dir, Dataset data, Progress progress) {
    writeMovies(dir.resolve("movies.csv"), data.catalog(), data.items());
    writeRatings(dir.resolve("ratings.csv"), data.ratings(), data.users(), data.items(), progress);
    if (!data.userAttributes().isEmpty()) {
      writeUsers(dir.resolve("users.csv"), data.userAttributes(), data.users());
    }
  }

  /**
   * Writes the users' attributes as {@code userId,NAME,...} (e.g. {@code userId,age,gender,occupation}), one
   * row per user in index order, an unknown value as an empty field, RFC 4180 quoting: the {@code users.csv}
   * the readers take beside a ratings.csv.
   */
  public static void writeUsers(Path file, UserAttributes attributes, IdIndex users) {
    if (attributes.numUsers() != users.size()) {
      throw new IllegalArgumentException("attributes of " + attributes.numUsers() + " users for an index of "
          + users.size());
    }
    AtomicFiles.write(file, out -> {
      StringBuilder sb = new StringBuilder(1 << 16);
      sb.append("userId");
      for (String n : attributes.names()) {
        sb.append(',');
        quote(sb, n);
      }
      sb.append('\n');
      int attrs = attributes.names().size();
      for (int u = 0; u < users.size(); u++) {
        quote(sb, users.id(u));
        for (int a = 0; a < attrs; a++) {
          sb.append(',');
          String v = attributes.value(u, a);
          if (v != null) {
            quote(sb, v);
          }
        }
        sb.append('\n');
        if (sb.length() > 1 << 16) {
          flush(out, sb);
        }
      }
      flush(out, sb);
    });
  }

  /** Writes {@code dir/ratings.dat} and {@code dir/movies.dat} (the {@code ::} layout). */
  public static void writeDat(Path dir, Dataset data, Progress progress) {
    AtomicFiles.write(dir.resolve("movies.dat"), out -> {
      StringBuilder sb = new StringBuilder(1 << 16);
      Catalog catalog = data.catalog();
      for (int i = 0; i < data.items().size(); i++) {
        sb.append(data.items().id(i)).append("::").append(catalog.displayTitle(i)).append("::")
            .append(String.join("|", catalog.genres(i))).append('\n');
        if (sb.length() > 1 << 16) {
          flush(out, sb);
        }
      }
      flush(out, sb);
    });
    writeRatings(dir.resolve("ratings.dat"), data.ratings(), data.users(), data.items(), "::", false, progress);
  }

  /** Writes the ratings with external ids, in row order. */
  public static void writeRatings(Path file, Ratings ratings, IdIndex users, IdIndex items, Progress progress) {
    writeRatings(file, ratings, users, items, ",", true, progress);
  }

  /**
   * Writes the ratings, fields separated by {@code delimiter}; with {@code header} the MovieLens CSV
   * header and ids as spelled, else no header and canonical movie ids.
   */
  private static void writeRatings(Path file, Ratings ratings, IdIndex users, IdIndex items, String delimiter,
      boolean header, Progress progress) {
    byte[] sep = delimiter.getBytes(StandardCharsets.US_ASCII);
    boolean csv = delimiter.equals(",");
    byte[][] userIds = ascii(users, false, csv);
    byte[][] itemIds = ascii(items, !header, csv);
    int n = ratings.size();
    int[] u = ratings.users();
    int[] it = ratings.items();
    float[] r = ratings.ratings();
    int[] t = ratings.packedTimestamps();
    progress.start("exporting " + file.getFileName(), n); // rows, not bytes
    AtomicFiles.write(file, out -> {
      byte[] buf = new byte[BUFFER];
      int len = 0;
      if (header) {
        out.write(RATINGS_HEADER);
      }
      for (int k = 0; k < n; k++) {
        int line = userIds[u[k]].length + itemIds[it[k]].length + 3 * sep.length + 64; // rating, time: < 64
        if (len + line > buf.length) {
          out.write(buf, 0, len);
          len = 0;
          progress.update(k);
          if (line > buf.length) {
            buf = new byte[line]; // ids longer than the buffer: one line at a time
          }
        }
        len = put(buf, len, userIds[u[k]]);
        len = put(buf, len, sep);
        len = put(buf, len, itemIds[it[k]]);
        len = put(buf, len, sep);
        len = header ? putRating(buf, len, r[k]) : putPlainRating(buf, len, r[k]);
        len = put(buf, len, sep);
        len = putLong(buf, len, Integer.toUnsignedLong(t[k]));
        buf[len++] = '\n';
      }
      out.write(buf, 0, len);
    });
    progress.update(n);
    progress.finish();
  }

  /** Writes the catalog as movies.csv (every item of the vocabulary, in index order). */
  public static void writeMovies(Path file, Catalog catalog, IdIndex items) {
    AtomicFiles.write(file, out -> {
      StringBuilder sb = new StringBuilder(1 << 16);
      sb.append("movieId,title,genres\n");
      for (int i = 0; i < items.size(); i++) {
        quote(sb, items.id(i));
        sb.append(',');
        quote(sb, catalog.displayTitle(i));
        sb.append(',');
        String[] g = catalog.genres(i);
        quote(sb, g.length == 0 ? "(no genres listed)" : String.join("|", g));
        sb.append('\n');
        if (sb.length() > 1 << 16) {
          flush(out, sb);
        }
      }
      flush(out, sb);
    });
  }

  private static void flush(OutputStream out, StringBuilder sb) throws IOException {
    out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    sb.setLength(0);
  }

  /** Appends a CSV field, quoted when it holds a comma, quote or line break (RFC 4180). */
  public static void quote(StringBuilder sb, String field) {
    if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
      sb.append(field);
      return;
    }
    sb.append('"').append(field.replace("\"", "\"\"")).append('"');
  }

  /** Each id's bytes; for a CSV quoted where it holds a comma, quote or line break ({@link #quote}). */
  private static byte[][] ascii(IdIndex index, boolean canonical, boolean csv) {
    byte[][] out = new byte[index.size()][];
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < out.length; i++) {
      String id = canonical ? index.key(i) : index.id(i);
      if (csv) {
        sb.setLength(0);
        quote(sb, id);
        id = sb.toString();
      }
      out[i] = id.getBytes(StandardCharsets.UTF_8);
    }
    return out;
  }

  /** Whole ratings as integers ({@code 7}), others as {@link #putRating} does ({@code 3.5}). */
  private static int putPlainRating(byte[] buf, int len, float r) {
    return r == Math.rint(r) && r >= 0 && r < 1000 ? putLong(buf, len, (long) r) : putRating(buf, len, r);
  }

  private static int put(byte[] buf, int len, byte[] s) {
    System.arraycopy(s, 0, buf, len, s.length);
    return len + s.length;
  }

  /** Half-star values as "4.0"/"3.5"; anything else through Float.toString. */
  private static int putRating(byte[] buf, int len, float r) {
    float twice = r * 2;
    if (twice == Math.rint(twice) && r >= 0 && r < 1000) {
      int whole = (int) r;
      len = putLong(buf, len, whole);
      buf[len++] = '.';
      buf[len++] = (byte) (r - whole == 0.5f ? '5' : '0');
      return len;
    }
    byte[] s = Float.toString(r).getBytes(StandardCharsets.US_ASCII);
    return put(buf, len, s);
  }

  private static int putLong(byte[] buf, int len, long v) {
    if (v == 0) {
      buf[len++] = '0';
      return len;
    }
    int digits = 0;
    for (long x = v; x > 0; x /= 10) {
      digits++;
    }
    int end = len + digits;
    for (int p = end - 1; p >= len; p--) {
      buf[p] = (byte) ('0' + v % 10);
      v /= 10;
    }
    return end;
  }
}
