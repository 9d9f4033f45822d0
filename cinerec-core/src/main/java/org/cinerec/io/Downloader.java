package org.cinerec.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.cinerec.CinerecException;
import org.cinerec.Progress;

/**
 * Downloads a MovieLens {@link Archive} into the {@link DataCache}, so that no half file is ever visible:
 * the zip is streamed to a temporary file in the cache folder while its MD5 is computed, checked against
 * the known (or the mirror's published) MD5, unpacked into a temporary folder, checked file by file
 * where sha256 values are known, marked complete, and only then renamed to {@code <cache>/<name>}. On any
 * failure the temporary files are deleted and the cache is as it was.
 *
 * <p>The mirror is an http(s) URL or a local folder ({@code file:///path/} or a plain path): a folder
 * holding {@code <name>.zip} (and {@code <name>.zip.md5} where the MD5 is not fixed) works offline, with
 * the same checks as a download.
 */
public final class Downloader {
  /** GroupLens's archive folder. */
  public static final String DEFAULT_MIRROR = "https://files.grouplens.org/datasets/movielens/";
  private static final Pattern MD5 = Pattern.compile("\\b([0-9a-fA-F]{32})\\b");

  private final URI mirror;
  private final Path cache;
  private final HttpClient http;

  /**
   * {@code mirror}: base URL holding {@code <name>.zip} (null = system property cinerec.mirror, else
   * GroupLens): http://, https://, file:/// or a plain folder path.
   */
  public Downloader(String mirror, Path cache) {
    String base = mirror != null ? mirror : System.getProperty("cinerec.mirror", DEFAULT_MIRROR);
    this.mirror = mirrorUri(base);
    this.cache = cache != null ? cache : DataCache.dir();
    this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL)
        .connectTimeout(Duration.ofSeconds(30)).build();
  }

  /** The mirror as a URI ending in "/": a URL as given, a plain path as a file: URI of the absolute folder. */
  static URI mirrorUri(String base) {
    boolean plainPath = !base.matches("(?i)[a-z][a-z0-9+.-]*:.*") || base.matches("(?i)[a-z]:[\\\\/].*");
    URI uri;
    try {
      uri = plainPath ? Path.of(base).toAbsolutePath().normalize().toUri()
          : new URI(base.endsWith("/") ? base : base + "/");
    } catch (java.net.URISyntaxException | java.nio.file.InvalidPathException e) {
      throw CinerecException.usage("--mirror \"" + base + "\" is not a URL or a folder: " + e.getMessage());
    }
    if (!uri.toString().endsWith("/")) {
      uri = URI.create(uri + "/");
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (scheme.equals("file") && (uri.isOpaque() || uri.getAuthority() != null && !uri.getAuthority().isEmpty())) {
      throw CinerecException.usage("--mirror \"" + base + "\" must name a local folder as file:///absolute/path/");
    }
    if (!scheme.equals("http") && !scheme.equals("https") && !scheme.equals("file")) {
      throw CinerecException.usage("--mirror \"" + base + "\" must be an http://, https:// or file:/// URL, or a folder");
    }
    return uri;
  }

  /** The URL the archive is fetched from. */
  public URI url(Archive archive) {
    return file(archive.zipName());
  }

  /** A file in the mirror (appended, not resolved: a file:/// URL keeps its three slashes in messages). */
  private URI file(String name) {
    return URI.create(mirror + name);
  }

  /**
   * The folder of the unpacked archive in the cache, downloading it first unless a complete download
   * is there already (or {@code force}).
   */
  public Path fetch(Archive archive, boolean force, Progress progress) {
    Path target = cache.resolve(archive.name());
    if (!force && DataCache.find(cache, archive.name()).isPresent()) {
      return target;
    }
    Path zip = null;
    Path unpacked = null;
    try {
      Files.createDirectories(cache);
      zip = Files.createTempFile(cache, "." + archive.name() + ".", ".zip.part");
      String actual = download(url(archive), zip, progress);
      String expected = archive.md5() != null ? archive.md5() : publishedMd5(archive);
      if (!actual.equalsIgnoreCase(expected)) {
        throw CinerecException.failure(archive.zipName() + " from " + url(archive) + " is damaged or not the expected "
            + "file: its MD5 is " + actual + ", expected " + expected + "; nothing was kept in " + cache, null);
      }
      unpacked = Files.createTempDirectory(cache, "." + archive.name() + ".");
      Path root = unzip(zip, unpacked, archive);
      verifyMembers(archive, root);
      AtomicFiles.writeString(root.resolve(DataCache.MARKER), "url=" + url(archive) + "\nmd5=" + actual
          + "\ndownloaded=" + Instant.now() + "\n");
      install(root, target);
      return target;
    } catch (IOException e) {
      throw CinerecException.failure("cannot download " + archive.name() + " into " + cache + ": "
          + AtomicFiles.describe(e), e);
    } finally {
      deleteQuietly(zip);
      deleteQuietly(unpacked);
    }
  }

  /**
   * An opened URL: its status (HTTP's; a local file answers 200, or 404 when it is not there), its length
   * in bytes (-1 when unknown) and its body.
   */
  private record Opened(int status, long length, InputStream body) {
    String describe() {
      return status == 404 ? "not found" : "HTTP " + status;
    }
  }

  private Opened open(URI url) throws IOException {
    if ("file".equalsIgnoreCase(url.getScheme())) {
      Path file = Path.of(url);
      if (!Files.isRegularFile(file)) {
        return new Opened(404, -1, InputStream.nullInputStream());
      }
      return new Opened(200, Files.size(file), Files.newInputStream(file));
    }
    HttpResponse<InputStream> r = send(url);
    return new Opened(r.statusCode(), r.headers().firstValueAsLong("Content-Length").orElse(-1), r.body());
  }

  private String download(URI url, Path to, Progress progress) throws IOException {
    Opened response = open(url);
    try (InputStream body = response.body()) {
      if (response.status() != 200) {
        throw CinerecException.failure("cannot download " + url + ": " + (response.status() == 404
            ? (url.getScheme().equalsIgnoreCase("file") ? "no such file" : "HTTP 404")
                + " (not found; check the name or --mirror)" : response.describe()), null);
      }
      long total = response.length();
      MessageDigest md5 = md5();
      progress.start("downloading " + url.getPath().substring(url.getPath().lastIndexOf('/') + 1), total);
      long done = 0;
      try (InputStream in = new DigestInputStream(body, md5); OutputStream out = Files.newOutputStream(to)) {
        byte[] buf = new byte[1 << 16];
        for (int n; (n = in.read(buf)) > 0; ) {
          out.write(buf, 0, n);
          done += n;
          progress.update(done);
        }
      }
      progress.finish();
      if (total >= 0 && done != total) {
        throw CinerecException.failure("download of " + url + " stopped after " + done + " of " + total + " bytes", null);
      }
      return HexFormat.of().formatHex(md5.digest());
    }
  }

  private String publishedMd5(Archive archive) {
    URI url = file(archive.zipName() + ".md5");
    try {
      Opened response = open(url);
      try (InputStream body = response.body()) {
        String text = new String(body.readNBytes(4096), StandardCharsets.US_ASCII);
        Matcher m = MD5.matcher(text);
        if (response.status() == 200 && m.find()) {
          return m.group(1).toLowerCase(Locale.ROOT);
        }
        boolean file = url.getScheme().equalsIgnoreCase("file");
        throw CinerecException.failure("no checksum for " + archive.zipName() + ": " + url
            + (response.status() == 200 ? " holds no MD5" : file ? " is not there (put the .md5 file GroupLens "
                + "publishes beside the zip)" : " gave " + response.describe())
            + "; an unverified download is not kept", null);
      }
    } catch (IOException e) {
      throw CinerecException.failure("no checksum for " + archive.zipName() + ": cannot fetch " + url + ": "
          + AtomicFiles.describe(e) + "; an unverified download is not kept", e);
    }
  }

  private HttpResponse<InputStream> send(URI url) throws IOException {
    try {
      return http.send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw CinerecException.failure("download of " + url + " interrupted", e);
    } catch (IOException e) {
      String why = switch (e.getClass().getSimpleName()) {
        case "ConnectException" -> "connection refused or no network";
        case "UnknownHostException" -> "unknown host " + url.getHost();
        case "HttpConnectTimeoutException", "HttpTimeoutException" -> "timed out";
        default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      };
      throw CinerecException.failure("cannot download " + url + ": " + why
          + "; check the network, or use --mirror URL with a copy of the GroupLens files", e);
    }
  }

  /** Unpacks into {@code dir}; returns the archive's folder ({@code dir/<name>} when the zip has one). */
  private static Path unzip(Path zip, Path dir, Archive archive) throws IOException {
    try {
      Unpacked.unzip(zip, dir, archive.zipName(), why -> CinerecException.failure(why, null));
    } catch (java.util.zip.ZipException e) {
      throw CinerecException.failure(archive.zipName() + " is not a readable zip archive: " + e.getMessage(), e);
    }
    Path inner = dir.resolve(archive.name());
    return Files.isDirectory(inner) ? inner : dir;
  }

  private static void verifyMembers(Archive archive, Path root) throws IOException {
    for (Map.Entry<String, String> m : archive.memberSha256().entrySet()) {
      Path file = root.resolve(m.getKey());
      if (!Files.isRegularFile(file)) {
        throw CinerecException.failure(archive.zipName() + " has no " + archive.name() + "/" + m.getKey(), null);
      }
      String actual = sha256(file);
      if (!actual.equalsIgnoreCase(m.getValue())) {
        throw CinerecException.failure(archive.zipName() + ": " + m.getKey() + " has sha256 " + actual + ", expected "
            + m.getValue() + " (the release cinerec's tests count on); nothing was kept", null);
      }
    }
  }

  /** Renames the complete folder into place (replacing an older download). */
  private static void install(Path root, Path target) throws IOException {
    Path old = null;
    if (Files.exists(target)) {
      old = Files.createTempDirectory(target.getParent(), "." + target.getFileName() + ".old.");
      Files.delete(old);
      move(target, old);
    }
    move(root, target);
    deleteQuietly(old);
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to);
    }
  }

  /** Hex sha256 of a file. */
  public static String sha256(Path file) throws IOException {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      try (InputStream in = new DigestInputStream(Files.newInputStream(file), d)) {
        in.transferTo(OutputStream.nullOutputStream());
      }
      return HexFormat.of().formatHex(d.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void deleteQuietly(Path path) {
    if (path == null || !Files.exists(path)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(path)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException ignored) {
      // best effort: temporary names start with a dot
    }
  }
}
