package org.cinerec.server;

import io.javalin.http.Context;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.cinerec.CinerecException;
import org.cinerec.data.IdIndex;

/**
 * A folder of local poster images ({@code cinerec serve --posters DIR}), indexed once at start: a file named
 * {@code <movieId>.jpg}, {@code .jpeg}, {@code .png} or {@code .webp} (the extension in any case) is that
 * movie's poster, served at {@code /posters/<file>}; every tile's {@code poster} field names it, or is null.
 * Nothing is ever fetched from the internet.
 *
 * <p>Only what the index holds is served, looked up by the exact file name: a request never becomes a path,
 * so {@code ..}, encoded slashes and absolute paths reach nothing. A movie id with a character outside
 * {@code [A-Za-z0-9._-]} never matches; sub-folders are not read; a symbolic link is served only when its
 * target is a file inside the folder (a link out of it is left out, and so is a file over
 * {@value #MAX_BYTES} bytes). Two files for one movie: the first of jpg, jpeg, png, webp. Ids are compared as
 * the catalogue compares them ({@link IdIndex#key}: {@code 0042.jpg} is movie 42's).
 */
final class Posters {
  /** The largest poster file served. */
  static final long MAX_BYTES = 20L * 1024 * 1024;
  /** Image types by extension, in order of preference. */
  static final Map<String, String> TYPES = orderedTypes();
  private static final Pattern STEM = Pattern.compile("[A-Za-z0-9._-]{1,200}");
  /** No folder given: every poster is null. */
  static final Posters NONE = new Posters(null, Map.of(), Map.of(), 0);

  /** A poster: its file in the folder (resolved, inside it) and its content type. */
  record File(Path path, String type) {}

  private final Path dir;
  private final Map<String, File> byName;
  private final Map<String, String> byMovie;
  private final int ignored;

  private Posters(Path dir, Map<String, File> byName, Map<String, String> byMovie, int ignored) {
    this.dir = dir;
    this.byName = byName;
    this.byMovie = byMovie;
    this.ignored = ignored;
  }

  private static Map<String, String> orderedTypes() {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    m.put("jpg", "image/jpeg");
    m.put("jpeg", "image/jpeg");
    m.put("png", "image/png");
    m.put("webp", "image/webp");
    return Collections.unmodifiableMap(m);
  }

  /** Indexes the folder; a usage error naming {@code --posters} when it is not a readable folder. */
  static Posters index(Path folder) {
    if (folder == null) {
      return NONE;
    }
    if (!Files.isDirectory(folder)) {
      throw CinerecException.usage("--posters " + folder + ": not a folder (give the folder holding "
          + "<movieId>.jpg, .jpeg, .png or .webp files)");
    }
    Path real;
    try {
      real = folder.toRealPath();
    } catch (IOException e) {
      throw CinerecException.usage("--posters " + folder + ": cannot read the folder: " + e.getMessage());
    }
    Map<String, File> byName = new TreeMap<>();
    Map<String, String> byMovie = new HashMap<>();
    Map<String, Integer> rank = new HashMap<>();
    List<String> order = List.copyOf(TYPES.keySet());
    int ignored = 0;
    try (DirectoryStream<Path> files = Files.newDirectoryStream(real)) {
      for (Path p : files) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
        String stem = dot < 0 ? name : name.substring(0, dot);
        if (!TYPES.containsKey(ext) || !STEM.matcher(stem).matches()) {
          continue; // not a poster's name: not counted
        }
        Path target = inside(real, p);
        if (target == null) {
          ignored++;
          continue;
        }
        String movie = IdIndex.key(stem);
        int r = order.indexOf(ext);
        if (rank.containsKey(movie) && rank.get(movie) <= r) {
          continue;
        }
        String had = byMovie.put(movie, name);
        if (had != null) {
          byName.remove(had);
        }
        rank.put(movie, r);
        byName.put(name, new File(target, TYPES.get(ext)));
      }
    } catch (IOException e) {
      throw CinerecException.usage("--posters " + folder + ": cannot list the folder: " + e.getMessage());
    }
    return new Posters(real, Collections.unmodifiableMap(byName), Map.copyOf(byMovie), ignored);
  }

  /**
   * The file a folder entry stands for when it may be served: a regular file of at most {@link #MAX_BYTES}
   * whose real path is directly in the folder (a link within the folder is followed); null otherwise.
   */
  private static Path inside(Path realDir, Path entry) {
    try {
      Path target = entry.toRealPath();
      if (!realDir.equals(target.getParent()) || !Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)
          || Files.size(target) > MAX_BYTES) {
        return null;
      }
      return target;
    } catch (IOException e) {
      return null; // a dangling link, a file gone meanwhile
    }
  }

  /** The poster's URL for a movie id ({@code /posters/<file>}), or null. */
  String url(String movieId) {
    if (byMovie.isEmpty() || movieId == null) {
      return null;
    }
    String file = byMovie.get(IdIndex.key(movieId));
    return file == null ? null : "/posters/" + file;
  }

  /** How many posters are indexed. */
  int size() {
    return byName.size();
  }

  /** The log line of the index, or null without a folder. */
  String describe() {
    if (dir == null) {
      return null;
    }
    return String.format(Locale.ROOT, "posters: %,d in %s%s", byName.size(), dir, ignored == 0 ? ""
        : String.format(Locale.ROOT, " (%,d left out: links out of the folder, not regular files, or over %d MB)",
            ignored, MAX_BYTES >> 20));
  }

  /** GET /posters/{file}: an indexed poster, else a JSON 404. */
  void serve(Context ctx) {
    String name = ctx.pathParam("file");
    File f = byName.get(name);
    if (f == null) {
      throw ApiException.notFound("no poster " + (name.length() > 80 ? name.substring(0, 80) + "..." : name)
          + (dir == null ? ": the server was started without --posters" : ""));
    }
    byte[] bytes;
    try {
      try (var in = Files.newInputStream(f.path(), LinkOption.NOFOLLOW_LINKS)) { // never a link made since
        bytes = in.readNBytes((int) MAX_BYTES + 1);
      }
    } catch (IOException e) {
      throw ApiException.notFound("poster " + name + " can no longer be read");
    }
    if (bytes.length > MAX_BYTES) {
      throw ApiException.notFound("poster " + name + " has grown past " + (MAX_BYTES >> 20) + " MB");
    }
    ctx.header("Cache-Control", "max-age=3600");
    ctx.header("Content-Security-Policy", "default-src 'none'; sandbox");
    ctx.contentType(f.type()).result(bytes);
  }
}
