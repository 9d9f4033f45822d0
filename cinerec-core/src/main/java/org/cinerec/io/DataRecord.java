package org.cinerec.io;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.cinerec.CinerecException;
import org.cinerec.data.DataFingerprint;
import org.cinerec.data.Dataset;

/**
 * What a model file remembers about the data it was trained on, so that {@code evaluate MODEL} can read
 * the same data the same way with no flags, from any folder, and tell when it is not the same data.
 *
 * @param path         DATA as the user gave it (credentials removed: see {@link #redact})
 * @param absolutePath DATA resolved against the working folder when it was read (credentials removed)
 * @param read         every reader setting: the format (as detected, so the next read does not depend on
 *                     detection), strictness, --require-metadata, the column mapping, and the scale when
 *                     the user gave one (a format's own or an inferred scale comes back by itself)
 * @param fingerprint  {@link DataFingerprint} of all the data read (before any split)
 * @param ratings      ratings kept from all the data
 */
public record DataRecord(String path, String absolutePath, LoadOptions read, long fingerprint, long ratings) {

  private static final Pattern USER_INFO = Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]*://)[^/@]*@");
  private static final Pattern SECRET_PARAM = Pattern.compile(
      "(?i)([?&;])(password|passwd|pwd|pass|secret|token|apikey|api_key|key|user|username|sslpassword)=[^&;]*");

  public DataRecord {
    path = redact(path);
    absolutePath = redact(absolutePath);
  }

  /** The record of data read from {@code given} with {@code options}, the working folder resolving it. */
  public static DataRecord of(Path given, LoadOptions options, Dataset data) {
    return of(given.toString(), given, options, data);
  }

  /**
   * The record of data given as {@code given} (as typed: a path, or a downloaded dataset's name) and read
   * from {@code resolved} with {@code options}.
   */
  public static DataRecord of(String given, Path resolved, LoadOptions options, Dataset data) {
    String absolute = isUrl(given) ? given : resolved.toAbsolutePath().normalize().toString();
    LoadOptions o = options == null ? LoadOptions.defaults() : options;
    // a ratings store (provenance format "cinerec-store") is read by the service's module, not by a reader
    boolean store = "cinerec-store".equals(data.provenance().format());
    String format = store ? null : Files.exists(resolved) ? DataSources.formatOf(resolved, o).id() : o.format();
    return new DataRecord(given, absolute, o.withFormat(format), DataFingerprint.of(data), data.ratings().size());
  }

  /**
   * Removes credentials from a path or URL: user information ({@code scheme://user:secret@host} →
   * {@code scheme://host}) and query parameters that carry them ({@code password=}, {@code token=}, ...).
   */
  public static String redact(String text) {
    if (text == null) {
      return null;
    }
    String s = USER_INFO.matcher(text).replaceFirst("$1");
    s = SECRET_PARAM.matcher(s).replaceAll("");
    if (s.contains("://") && !s.contains("?") && s.contains("&")) {
      s = s.replaceFirst("&", "?");
    }
    return s;
  }

  private static boolean isUrl(String text) {
    return text.matches("^[A-Za-z][A-Za-z0-9+.-]+://.*");
  }

  /**
   * Where the data is now: the path as given, tried against the working folder, then against
   * {@code modelFolder} (the folder of the model file), then the recorded absolute path; an error naming
   * every place looked at when it is in none.
   */
  public Path locate(Path modelFolder) {
    Set<Path> tried = new LinkedHashSet<>();
    for (Path p : candidates(modelFolder)) {
      if (Files.exists(p)) {
        return p;
      }
      tried.add(p.toAbsolutePath().normalize());
    }
    List<String> where = new ArrayList<>();
    tried.forEach(p -> where.add(p.toString()));
    throw new CinerecException("the data the model was trained on (" + path + ") is not found; looked at "
        + String.join(", ", where) + "; pass --data DATA to read it from elsewhere");
  }

  private List<Path> candidates(Path modelFolder) {
    List<Path> out = new ArrayList<>();
    try {
      Path given = Path.of(path);
      out.add(given);
      if (!given.isAbsolute() && modelFolder != null) {
        out.add(modelFolder.resolve(given));
      }
    } catch (InvalidPathException e) {
      // a URL: only the absolute form below
    }
    try {
      out.add(Path.of(absolutePath));
    } catch (InvalidPathException e) {
      // not a path on this system
    }
    return out;
  }
}
