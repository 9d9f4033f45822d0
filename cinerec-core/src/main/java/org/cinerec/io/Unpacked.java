package org.cinerec.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.cinerec.CinerecException;
import org.cinerec.Progress;

/**
 * Data given as a zip or gzip file (a dataset downloaded by hand: GroupLens's {@code ml-latest-small.zip},
 * Kaggle's {@code archive.zip}, a {@code ratings.csv.gz}) is unpacked once into the cache,
 * {@code <cache>/unpacked/<name>-<first 12 hex of the file's sha256>/}, and read from there: the same file
 * unpacks to the same folder, so a second read (or a model's {@code evaluate}) unpacks nothing. A folder is
 * complete only with its {@link #MARKER}, written last; entries that would land outside it are refused.
 */
public final class Unpacked {
  /** Written into an unpacked folder last. */
  static final String MARKER = ".cinerec-unpacked";

  // the sha256 of each packed file by path, size and time: one hash per file per process, not one per look
  private static final java.util.Map<String, String> HASHES = new java.util.concurrent.ConcurrentHashMap<>();

  private Unpacked() {}

  private static String sha256(Path path) {
    try {
      return Downloader.sha256(path);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** What to read: {@code path} itself, or what it unpacked to with a note for the report. */
  public record Result(Path path, String note) {}

  /** {@code path} unpacked into {@link DataCache#dir()} when it is a zip or gzip file, else itself. */
  public static Result of(Path path) {
    return of(path, DataCache.dir(), Progress.NONE);
  }

  /** {@code path} unpacked into {@code cache} when it is a zip or gzip file, else itself. */
  public static Result of(Path path, Path cache) {
    return of(path, cache, Progress.NONE);
  }

  /**
   * {@code path} unpacked into {@code cache} when it is a zip or gzip file, else itself; {@code progress} shows
   * the unpacking (the packed bytes read), when there is any to do.
   */
  public static Result of(Path path, Path cache, Progress progress) {
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      return new Result(path, null);
    }
    String kind;
    try {
      kind = TextFiles.archiveKind(TextFiles.head(path, 4));
    } catch (IOException e) {
      return new Result(path, null); // the reader says why it cannot read it
    }
    if (!"zip".equals(kind) && !"gzip".equals(kind)) {
      return new Result(path, null);
    }
    String file = path.getFileName().toString();
    String base = file.replaceFirst("(?i)\\.(zip|gz|gzip)$", "");
    try {
      String key = path.toAbsolutePath().normalize() + "|" + Files.size(path) + "|" + Files.getLastModifiedTime(path);
      String sha = HASHES.computeIfAbsent(key, k -> sha256(path));
      Path target = cache.resolve("unpacked").resolve(base.replaceAll("[^A-Za-z0-9._-]", "_") + "-"
          + sha.substring(0, 12));
      boolean fresh = !Files.isRegularFile(target.resolve(MARKER));
      if (fresh) {
        Files.createDirectories(target.getParent());
        Path tmp = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".");
        progress.start("Unpacking " + file, -1);
        try {
          if (kind.equals("zip")) {
            unzip(path, tmp, path.toString(), CinerecException::new);
          } else {
            try (InputStream in = new GZIPInputStream(Files.newInputStream(path), 1 << 16)) {
              Files.copy(in, tmp.resolve(base.isEmpty() ? "data" : base));
            }
          }
          progress.finish();
          AtomicFiles.writeString(tmp.resolve(MARKER), "source=" + path.toAbsolutePath() + "\nsha256=" + sha + "\n");
          install(tmp, target);
        } finally {
          deleteTree(tmp);
        }
      }
      Path read = inside(target);
      // the same note whether unpacked now or by an earlier read: a report does not depend on what ran before
      return new Result(read, file + " (" + kind + ") is read from its copy unpacked into " + target);
    } catch (ZipException | java.io.EOFException e) {
      throw new CinerecException(path + ": is not a readable " + kind + " file (" + e.getMessage() + ")", e);
    } catch (java.io.UncheckedIOException e) {
      throw new CinerecException(path + ": cannot read: " + AtomicFiles.describe(e.getCause()), e);
    } catch (IOException e) {
      if (e.getMessage() != null && e.getMessage().startsWith("Not in GZIP format")) {
        throw new CinerecException(path + ": is not a readable gzip file (" + e.getMessage() + ")", e);
      }
      throw new CinerecException(path + ": cannot unpack it into " + cache.resolve("unpacked") + ": "
          + AtomicFiles.describe(e), e);
    }
  }

  /**
   * What to read in an unpacked folder: the one folder or file it holds (GroupLens zips hold one folder, a
   * gzip one file), else the folder itself (Kaggle's zips hold the files). macOS's {@code __MACOSX} and hidden
   * entries do not count.
   */
  static Path inside(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      List<Path> shown = s.filter(p -> !p.getFileName().toString().startsWith(".")
          && !p.getFileName().toString().equals("__MACOSX")).toList();
      return shown.size() == 1 ? shown.get(0) : dir;
    }
  }

  /** Unpacks {@code zip} into {@code dir}; errors name the zip as {@code name}, made by {@code error}. */
  static void unzip(Path zip, Path dir, String name, java.util.function.Function<String, CinerecException> error)
      throws IOException {
    try (ZipFile z = new ZipFile(zip.toFile())) {
      var entries = z.entries();
      while (entries.hasMoreElements()) {
        ZipEntry e = entries.nextElement();
        String shown = TextFiles.shown(e.getName());
        Path out;
        try {
          out = dir.resolve(e.getName()).normalize();
        } catch (java.nio.file.InvalidPathException bad) {
          throw error.apply(name + ": entry \"" + shown + "\" is not a file name here (" + bad.getReason()
              + "); refusing to unpack it");
        }
        if (!out.startsWith(dir) || out.equals(dir) || e.getName().startsWith("/")) {
          throw error.apply(name + ": entry \"" + shown + "\" points outside the archive's folder; refusing to "
              + "unpack it");
        }
        if (e.isDirectory()) {
          Files.createDirectories(out);
          continue;
        }
        Files.createDirectories(out.getParent());
        try (InputStream in = z.getInputStream(e)) {
          Files.copy(in, out, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  /**
   * Renames the complete folder into place. Another reader of the same file that got there first left the
   * same bytes, marker included: then this copy is dropped (Linux says "Directory not empty", as a plain
   * FileSystemException).
   */
  private static void install(Path tmp, Path target) throws IOException {
    try {
      try {
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, target);
      }
    } catch (IOException e) {
      if (!Files.isRegularFile(target.resolve(MARKER))) {
        throw e;
      }
    }
  }

  private static void deleteTree(Path p) {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(q);
      }
    } catch (IOException ignored) {
      // a temporary folder left in the cache is harmless: it is never taken for a complete one
    }
  }
}
