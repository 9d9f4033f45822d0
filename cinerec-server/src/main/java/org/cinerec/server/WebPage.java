package org.cinerec.server;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The web page: the files of the classpath folder {@code org/cinerec/server/web/}, read into memory once when
 * the server starts. {@code GET /} and the page's own URLs ({@link #PAGE_URLS}) answer {@code index.html} (the
 * page routes itself with {@code history.pushState}); {@code GET /assets/{file}} answers one file of the
 * folder.
 *
 * <p>Only files found at start are served, looked up by name in that index: a request never becomes a path on
 * disk, so {@code ..}, encoded slashes and absolute paths cannot reach anything else. Only the folder's top
 * level is indexed, and only files with a known type ({@link #TYPES}); anything else is a JSON 404.
 *
 * <p>Every answer carries the page's Content-Security-Policy ({@link #CSP}: scripts, styles, images and
 * requests from this server only; no inline script or style; no framing), {@code X-Content-Type-Options:
 * nosniff}, {@code Referrer-Policy: no-referrer}, and {@code Cache-Control: no-cache} with a strong ETag (the
 * start of the file's SHA-256): the browser may keep a file but asks each time, and gets 304 while it is the
 * same.
 */
final class WebPage {
  /** The classpath folder of the page's files, beside this class. */
  static final String FOLDER = "web/";
  /** The page's Content-Security-Policy. */
  static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
      + "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
  /** The page's own URLs (besides {@code /}): each answers index.html. */
  static final List<String> PAGE_URLS = List.of("/start", "/movie/{movieId}", "/search", "/my-ratings",
      "/compare", "/insights", "/user/{userId}");
  /** The content type of each file extension served; other files are not served. */
  static final Map<String, String> TYPES = Map.ofEntries(
      Map.entry("html", "text/html; charset=utf-8"),
      Map.entry("js", "text/javascript; charset=utf-8"),
      Map.entry("mjs", "text/javascript; charset=utf-8"),
      Map.entry("css", "text/css; charset=utf-8"),
      Map.entry("json", "application/json"),
      Map.entry("map", "application/json"),
      Map.entry("txt", "text/plain; charset=utf-8"),
      Map.entry("svg", "image/svg+xml"),
      Map.entry("png", "image/png"),
      Map.entry("jpg", "image/jpeg"),
      Map.entry("jpeg", "image/jpeg"),
      Map.entry("webp", "image/webp"),
      Map.entry("ico", "image/x-icon"),
      Map.entry("woff2", "font/woff2"),
      Map.entry("woff", "font/woff"));

  /** One file of the page, held in memory. */
  record File(String name, byte[] bytes, String type, String etag) {}

  private final Map<String, File> files;

  private WebPage(Map<String, File> files) {
    this.files = Collections.unmodifiableMap(files);
  }

  /** Reads the page's files from the classpath (none when the folder is missing: the page then 404s). */
  static WebPage load() {
    return load(WebPage.class.getResource(FOLDER + "index.html"));
  }

  /**
   * Reads the files beside {@code index} (a {@code file:} URL in a build's classes folder, or a {@code jar:}
   * URL in a jar such as the CLI's runnable one): the folder's top level, files of the {@link #TYPES} only.
   */
  static WebPage load(URL index) {
    Map<String, File> out = new TreeMap<>();
    if (index == null) {
      return new WebPage(out);
    }
    try {
      if ("jar".equals(index.getProtocol())) {
        JarURLConnection c = (JarURLConnection) index.openConnection();
        c.setUseCaches(false);
        String prefix = c.getEntryName().substring(0, c.getEntryName().length() - "index.html".length());
        try (JarFile jar = c.getJarFile()) {
          for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
            JarEntry entry = e.nextElement();
            String rest = entry.getName().startsWith(prefix) ? entry.getName().substring(prefix.length()) : "";
            if (!entry.isDirectory() && !rest.isEmpty() && !rest.contains("/")) {
              try (InputStream in = jar.getInputStream(entry)) {
                add(out, rest, in.readAllBytes());
              }
            }
          }
        }
      } else {
        Path dir = Path.of(index.toURI()).getParent();
        try (var stream = Files.list(dir)) {
          for (Path p : (Iterable<Path>) stream.sorted()::iterator) {
            if (Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
              add(out, p.getFileName().toString(), Files.readAllBytes(p));
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the web page's files from the classpath: " + e.getMessage(), e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    return new WebPage(out);
  }

  private static void add(Map<String, File> out, String name, byte[] bytes) {
    String type = typeOf(name);
    if (type != null) {
      out.put(name, new File(name, bytes, type, etag(bytes)));
    }
  }

  /** The content type of a file name by its extension, or null when such files are not served. */
  static String typeOf(String name) {
    int dot = name.lastIndexOf('.');
    return dot <= 0 ? null : TYPES.get(name.substring(dot + 1).toLowerCase(Locale.ROOT));
  }

  /** A strong ETag: the first 16 hex digits of the SHA-256, quoted. */
  static String etag(byte[] bytes) {
    try {
      return "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 8) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The names of the files served under /assets/, sorted. */
  List<String> names() {
    return List.copyOf(files.keySet());
  }

  /** GET / and the page's URLs: index.html. */
  void index(Context ctx) {
    File f = files.get("index.html");
    if (f == null) {
      throw ApiException.notFound("this build of cinerec has no web page (org/cinerec/server/web/index.html is "
          + "missing from the classpath); the API is described at /api/v1/openapi.json");
    }
    send(ctx, f);
  }

  /** GET /assets/{file}: one file of the page's folder. */
  void asset(Context ctx) {
    String name = ctx.pathParam("file");
    File f = files.get(name);
    if (f == null) {
      throw ApiException.notFound("no such file of the web page: " + clip(name));
    }
    send(ctx, f);
  }

  /** Writes a file (or 304 when the browser holds this version) with the page's headers. */
  static void send(Context ctx, File f) {
    pageHeaders(ctx);
    ctx.header("Cache-Control", "no-cache");
    ctx.header("ETag", f.etag());
    if (matches(ctx.header("If-None-Match"), f.etag())) {
      ctx.status(304);
      return;
    }
    ctx.contentType(f.type()).result(f.bytes());
  }

  /** The security headers of the page's answers. */
  static void pageHeaders(Context ctx) {
    ctx.header("Content-Security-Policy", CSP);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "no-referrer");
    ctx.header("X-Frame-Options", "DENY");
  }

  private static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String t : ifNoneMatch.split(",")) {
      String s = t.strip();
      if (s.equals("*") || s.equals(etag) || s.equals("W/" + etag)) {
        return true;
      }
    }
    return false;
  }

  private static String clip(String s) {
    String c = s.length() > 80 ? s.substring(0, 80) + "..." : s;
    return "\"" + c + "\"";
  }
}
