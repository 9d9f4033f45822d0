package org.cinerec.spark;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.cinerec.CinerecException;
import org.cinerec.data.Provenance;
import org.cinerec.io.Format;
import org.cinerec.io.FormatParts;
import org.cinerec.io.RatingsCsv;
import org.cinerec.prep.PrepReport;

/**
 * The input of {@code prepare} on a Hadoop-compatible path: its format (given, or detected by the core's
 * rules from the names a folder holds or a file's name and first line; {@code parquet} for Parquet), the
 * ratings file and its first line, size and sha256 (read once on the driver), and the side files read by
 * the core on the driver ({@link FormatParts#catalogue}): in place on a local file system, else copied to
 * a temporary folder first (catalogues are small).
 */
final class PrepareInput {
  /** The format id of Parquet input (Spark only: the core reads no Parquet). */
  static final String PARQUET = "parquet";

  final String given;
  final Path path;
  final boolean folder;
  final FileSystem fs;
  /** Null for Parquet. */
  final Format format;
  /** The ratings file (for Parquet: the path given). */
  final Path ratings;
  /** The first line without BOM and CR; for Parquet none. */
  String firstLine;
  /** The core's note when the input was a local zip or gzip read through its unpacked copy, else null. */
  String unpackedNote;
  /**
   * The core's note when a lone ratings CSV goes to the CSV reader ({@link RatingsCsv#needsCsvReader}), else
   * null.
   */
  String routedNote;
  Provenance.SourceFile ratingsSource;

  private PrepareInput(String given, Path path, boolean folder, FileSystem fs, Format format, Path ratings) {
    this.given = given;
    this.path = path;
    this.folder = folder;
    this.fs = fs;
    this.format = format;
    this.ratings = ratings;
  }

  boolean parquet() {
    return format == null;
  }

  /** The name messages and examples use: the ratings file's name. */
  String name() {
    return ratings.getName();
  }

  /** {@code mapping}: column flags were given, so a file whose format is not given is a generic CSV (as in the core). */
  static PrepareInput resolve(String given, String formatGiven, boolean mapping, Configuration conf) {
    Path asGiven = new Path(given);
    String input = given;
    try {
      FileSystem fs = asGiven.getFileSystem(conf);
      if (!fs.exists(asGiven)) {
        throw new CinerecException(input + ": no such file or folder");
      }
      java.nio.file.Path unpacked = null;
      String note = null;
      if ("file".equals(fs.getUri().getScheme())) { // a local zip or gzip: read what the core unpacks it to
        java.nio.file.Path local = java.nio.file.Path.of(fs.makeQualified(asGiven).toUri());
        org.cinerec.io.Unpacked.Result u = org.cinerec.io.Unpacked.of(local);
        if (u.note() != null) {
          unpacked = u.path();
          note = u.note();
          input = unpacked.toString();
        }
      }
      Path path = unpacked == null ? asGiven : new Path(unpacked.toString());
      boolean folder = fs.getFileStatus(path).isDirectory();
      String f = formatGiven == null || formatGiven.isBlank() || formatGiven.equalsIgnoreCase("auto") ? null
          : formatGiven.toLowerCase(java.util.Locale.ROOT);
      if (PARQUET.equals(f) || (f == null && isParquet(fs, path, folder))) {
        PrepareInput in = new PrepareInput(input, path, folder, fs, null, path);
        in.unpackedNote = note;
        in.ratingsSource = parquetSource(fs, path, folder, input);
        return in;
      }
      Format format;
      if (f != null) {
        format = Format.of(f);
      } else if (mapping && !folder) {
        format = Format.CSV;
      } else if (folder) {
        format = FormatParts.detectFolder(input, n -> isFile(fs, new Path(path, n)), () -> names(fs, path));
      } else {
        format = FormatParts.detectFile(path.getName(), head(fs, path, input, false).firstLine);
      }
      if (format == Format.DATASET) {
        throw CinerecException.usage(input + ": a cinerec dataset file is prepared already");
      }
      if (format == Format.JSONL || (format == Format.CSV && !folder
          && head(fs, path, input, false).firstLine.stripLeading().startsWith("{"))) {
        throw CinerecException.usage(input + ": the Spark jobs do not read JSON lines; read it with cinerec on one "
            + "machine (cinerec prepare, train)");
      }
      if (format == Format.NETFLIX_PRIZE) {
        throw CinerecException.usage(input + ": the Netflix Prize layout cannot be cut into partitions (a rating's "
            + "movie is the \"MovieID:\" line above it); read it with cinerec on one machine "
            + "(cinerec prepare, train: the whole release, 100 million ratings, fits in memory)");
      }
      if ((format == Format.MOVIELENS_CSV || format == Format.KAGGLE_MOVIES) && !folder) {
        throw CinerecException.usage(input + ": format " + format.id() + " needs the folder holding its files, not a file");
      }
      Path ratings = folder ? new Path(path, FormatParts.ratingsFileName(format, n -> isFile(fs, new Path(path, n))))
          : path;
      String routed = null;
      if (format == Format.RATINGS_CSV) { // as the core: text, quoted or 64-bit ids go to the CSV reader
        String why = RatingsCsv.needsCsvReader(ratings.getName(), firstBytes(fs, ratings, RatingsCsv.HEAD_BYTES));
        if (why != null) {
          format = Format.CSV;
          routed = why + ": read as text ids (format csv)"
              + (folder && isFile(fs, new Path(path, "users.csv")) ? "; users.csv not read" : "");
        }
      }
      PrepareInput in = new PrepareInput(input, path, folder, fs, format, ratings);
      in.unpackedNote = note;
      in.routedNote = routed;
      Head h = head(fs, ratings, ratings.toString(), true);
      in.firstLine = h.firstLine;
      in.ratingsSource = new Provenance.SourceFile(ratings.toString(), h.sha256, h.bytes);
      return in;
    } catch (IOException e) {
      throw new CinerecException(input + ": cannot read: " + e.getMessage(), e);
    }
  }

  /**
   * Reads the side files through the core, adding their notes and skipped records to {@code report};
   * returns the catalogue (null: none) and the provenance of every file read, ratings first.
   */
  Side catalogue(PrepReport report) {
    try {
      boolean local = "file".equals(fs.getUri().getScheme());
      java.nio.file.Path localRatings;
      java.nio.file.Path tmp = null;
      if (local) {
        localRatings = java.nio.file.Path.of(fs.makeQualified(ratings).toUri());
      } else {
        tmp = Files.createTempDirectory("cinerec-prepare");
        localRatings = tmp.resolve(ratings.getName());
        Files.createFile(localRatings); // only its name and folder are used
        Path dir = ratings.getParent();
        for (String side : new String[] {"movies.csv", "links.csv", "links_small.csv", "movies_metadata.csv",
            "u.item", "u.user", "movies.dat", "users.dat", "users.csv"}) {
          Path p = new Path(dir, side);
          if (folder && isFile(fs, p)) {
            try (InputStream in = fs.open(p)) {
              Files.copy(in, tmp.resolve(side));
            }
          }
        }
        for (String seen : new String[] {"tags.csv", "ratings.csv"}) { // only their presence is noted
          if (folder && isFile(fs, new Path(dir, seen)) && !Files.exists(tmp.resolve(seen))) {
            Files.createFile(tmp.resolve(seen));
          }
        }
      }
      try {
        FormatParts.Catalogue c = FormatParts.catalogue(format, localRatings, folder, report);
        List<Provenance.SourceFile> sources = new ArrayList<>(List.of(ratingsSource));
        for (java.nio.file.Path f : c.files().subList(1, c.files().size())) {
          Path p = new Path(ratings.getParent(), f.getFileName().toString());
          Head h = head(fs, p, p.toString(), true);
          sources.add(new Provenance.SourceFile(p.toString(), h.sha256, h.bytes));
        }
        return new Side(c, sources);
      } finally {
        if (tmp != null) {
          try (var list = Files.list(tmp)) {
            for (java.nio.file.Path p : list.toList()) {
              Files.deleteIfExists(p);
            }
          }
          Files.deleteIfExists(tmp);
        }
      }
    } catch (IOException e) {
      throw new CinerecException(given + ": cannot read the catalogue: " + e.getMessage(), e);
    }
  }

  /** The catalogue and the provenance entries of every file read. */
  record Side(FormatParts.Catalogue catalogue, List<Provenance.SourceFile> sources) {}

  private static boolean isParquet(FileSystem fs, Path path, boolean folder) throws IOException {
    if (!folder) {
      return path.getName().endsWith(".parquet");
    }
    for (FileStatus s : fs.listStatus(path)) {
      if (s.isFile() && s.getPath().getName().endsWith(".parquet")) {
        return true;
      }
    }
    return false;
  }

  private static Provenance.SourceFile parquetSource(FileSystem fs, Path path, boolean folder, String input)
      throws IOException {
    if (!folder) {
      Head h = head(fs, path, input, true);
      return new Provenance.SourceFile(path.toString(), h.sha256, h.bytes);
    }
    // a folder of parts: the sha256 of the parts' bytes in name order, the sum of their sizes
    List<Path> parts = new ArrayList<>();
    for (FileStatus s : fs.listStatus(path)) {
      String n = s.getPath().getName();
      if (s.isFile() && n.endsWith(".parquet") && !n.startsWith(".") && !n.startsWith("_")) {
        parts.add(s.getPath());
      }
    }
    parts.sort(null);
    MessageDigest sha = sha256();
    long bytes = 0;
    byte[] buf = new byte[1 << 20];
    for (Path p : parts) {
      try (InputStream in = fs.open(p)) {
        int n;
        while ((n = in.read(buf)) > 0) {
          sha.update(buf, 0, n);
          bytes += n;
        }
      }
    }
    return new Provenance.SourceFile(path.toString(), HexFormat.of().formatHex(sha.digest()), bytes);
  }

  private static byte[] firstBytes(FileSystem fs, Path p, int n) throws IOException {
    try (InputStream in = fs.open(p)) {
      return in.readNBytes(n);
    }
  }

  private static boolean isFile(FileSystem fs, Path p) {
    try {
      return fs.exists(p) && fs.getFileStatus(p).isFile();
    } catch (IOException e) {
      return false;
    }
  }

  private static String[] names(FileSystem fs, Path dir) {
    try {
      return Arrays.stream(fs.listStatus(dir)).map(s -> s.getPath().getName()).sorted().limit(12)
          .toArray(String[]::new);
    } catch (IOException e) {
      throw new CinerecException(dir + ": cannot list the folder: " + e.getMessage(), e);
    }
  }

  /** The first line (no BOM, no CR), size and sha256 of a file; {@code whole}: read it all for the sha256. */
  record Head(String firstLine, long bytes, String sha256) {}

  static Head head(FileSystem fs, Path path, String shown, boolean whole) {
    try {
      if (fs.getFileStatus(path).isDirectory()) {
        throw CinerecException.usage(shown + ": give the ratings file itself, not a folder");
      }
      MessageDigest sha = sha256();
      ByteArrayOutputStream first = new ByteArrayOutputStream();
      boolean inFirst = true;
      long bytes = 0;
      byte[] buf = new byte[1 << 20];
      try (InputStream in = fs.open(path)) {
        int n;
        while ((n = in.read(buf)) > 0) {
          sha.update(buf, 0, n);
          bytes += n;
          boolean wasFirst = inFirst;
          for (int i = 0; i < n && inFirst; i++) {
            if (buf[i] == '\n') {
              inFirst = false;
            } else if (first.size() < 1 << 16) {
              first.write(buf[i]);
            }
          }
          if (!whole && wasFirst && !inFirst) {
            break; // the first line is all that was asked for
          }
        }
      }
      String line = first.toString(StandardCharsets.UTF_8);
      if (line.endsWith("\r")) {
        line = line.substring(0, line.length() - 1);
      }
      if (line.startsWith("\uFEFF")) {
        line = line.substring(1);
      }
      return new Head(line, bytes, HexFormat.of().formatHex(sha.digest()));
    } catch (IOException e) {
      throw new CinerecException(shown + ": cannot read: " + e.getMessage(), e);
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
