package org.cinerec.server;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import org.cinerec.CinerecException;
import org.cinerec.server.store.JdbcRatingStore;
import org.cinerec.server.store.StoredRating;

/**
 * Who may do what. Bound to a loopback address the server is a single-person demo: anyone on this machine may
 * act as any user and reload models. Bound elsewhere, admin routes need the admin token, a user created
 * through the API gets a secret key that their writes (and the listing of their ratings) must carry, and the
 * dataset's own users are read-only. In both modes a write must be JSON and come from the server's own origin
 * (no cross-site form posts from a browser), and on loopback every request must name a loopback host (no DNS
 * rebinding: a page on {@code evil.example} resolving to 127.0.0.1 sends {@code Host: evil.example}).
 *
 * <p>Keys and the token travel as {@code Authorization: Bearer ...}; the store keeps only a key's SHA-256 and
 * compares in constant time.
 */
final class Access {
  private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "127.0.0.1", "[::1]", "::1");
  /** 127.0.0.0/8 written as an address (not a name such as 127.0.0.1.evil.example). */
  private static final java.util.regex.Pattern LOOPBACK_V4 =
      java.util.regex.Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  private static final SecureRandom RANDOM = new SecureRandom();
  private final boolean demo;
  private final byte[] adminTokenHash;

  Access(String host, String adminToken) {
    this.demo = isLoopback(host);
    if (!demo && (adminToken == null || adminToken.isBlank())) {
      throw CinerecException.usage("bound to " + host + ", which is not a loopback address, the server needs an "
          + "admin token: set CINEREC_ADMIN_TOKEN or give --admin-token-file FILE (never on the command line)");
    }
    this.adminTokenHash = adminToken == null || adminToken.isBlank() ? null : sha256(adminToken.strip());
  }

  /** True for 127.0.0.0/8, ::1 and names resolving only there (localhost). */
  static boolean isLoopback(String host) {
    if (host == null) {
      return false;
    }
    if (LOOPBACK_NAMES.contains(host.toLowerCase(Locale.ROOT))) {
      return true;
    }
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** True when the server is a loopback demo (no keys, no token). */
  boolean demo() {
    return demo;
  }

  /** Checks every request: the Host on loopback; for writes the content type and the origin. */
  void check(Context ctx) {
    if (demo) {
      String host = hostName(ctx.header("Host"));
      if (host == null || !(LOOPBACK_NAMES.contains(host) || LOOPBACK_V4.matcher(host).matches())) {
        throw ApiException.forbidden("this server listens on a loopback address and answers only requests for "
            + "localhost or 127.0.0.1 (Host " + quoted(ctx.header("Host")) + " is refused: DNS rebinding)");
      }
    }
    if (!isWrite(ctx.method().name())) {
      return;
    }
    String site = ctx.header("Sec-Fetch-Site");
    if (site != null && site.equalsIgnoreCase("cross-site")) {
      throw ApiException.forbidden("cross-site writes are refused");
    }
    String origin = ctx.header("Origin");
    if (origin != null && !sameOrigin(origin, ctx.header("Host"))) {
      throw ApiException.forbidden("a write from origin " + quoted(origin) + " is refused: writes must come from "
          + "this server's own origin");
    }
    String coding = ctx.header("Content-Encoding");
    if (coding != null && !coding.strip().equalsIgnoreCase("identity")) {
      throw new ApiException(415, "unsupported_media_type", "a write's body must be sent as is (Content-Encoding "
          + quoted(coding) + " is not accepted)", 0);
    }
    String type = ctx.header("Content-Type");
    if (type == null || !type.toLowerCase(Locale.ROOT).strip().startsWith("application/json")) {
      throw new ApiException(415, "unsupported_media_type", "a write must be sent as Content-Type: "
          + "application/json (got " + quoted(type) + ")", 0);
    }
  }

  static boolean isWrite(String method) {
    return switch (method) {
      case "POST", "PUT", "PATCH", "DELETE" -> true;
      default -> false;
    };
  }

  private static boolean sameOrigin(String origin, String hostHeader) {
    if (hostHeader == null) {
      return false;
    }
    try {
      URI u = URI.create(origin.strip());
      if (u.getHost() == null || !(("http".equals(u.getScheme())) || "https".equals(u.getScheme()))) {
        return false;
      }
      String authority = u.getRawAuthority().toLowerCase(Locale.ROOT);
      String host = hostHeader.strip().toLowerCase(Locale.ROOT);
      if (authority.equals(host)) {
        return true;
      }
      // default ports may be left out on either side
      int defaultPort = "https".equals(u.getScheme()) ? 443 : 80;
      return strip(authority, defaultPort).equals(strip(host, defaultPort));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String strip(String authority, int port) {
    String suffix = ":" + port;
    return authority.endsWith(suffix) ? authority.substring(0, authority.length() - suffix.length()) : authority;
  }

  /** The host part of a Host header, lower case, without the port ("[::1]" keeps its brackets). */
  static String hostName(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String h = header.strip().toLowerCase(Locale.ROOT);
    if (h.startsWith("[")) {
      int end = h.indexOf(']');
      return end < 0 ? h : h.substring(0, end + 1);
    }
    int colon = h.indexOf(':');
    return colon < 0 ? h : h.substring(0, colon);
  }

  /** Admin routes: open in the demo, else the admin token. */
  void requireAdmin(Context ctx) {
    if (demo) {
      return;
    }
    if (!isAdmin(ctx)) {
      throw ApiException.unauthorized("this route needs the admin token (Authorization: Bearer TOKEN)");
    }
  }

  private boolean isAdmin(Context ctx) {
    String given = bearer(ctx);
    return given != null && adminTokenHash != null && MessageDigest.isEqual(adminTokenHash, sha256(given));
  }

  /**
   * May this request act as {@code user} (write their ratings, list them, delete them)? In the demo anyone
   * may; else the admin, or the holder of an API user's key; a dataset user is read-only.
   */
  void requireUser(Context ctx, JdbcRatingStore.User user) {
    if (demo || isAdmin(ctx)) {
      return;
    }
    if (user.origin() == StoredRating.Origin.DATASET) {
      throw ApiException.forbidden("user " + user.userId() + " comes from the dataset and is read-only on this "
          + "server; create a user with POST /api/v1/users");
    }
    String given = bearer(ctx);
    if (given == null) {
      throw ApiException.unauthorized("acting as user " + user.userId() + " needs their key (Authorization: "
          + "Bearer KEY, as returned when the user was created)");
    }
    if (user.keyHash() == null || !MessageDigest.isEqual(hex(sha256(given)).getBytes(StandardCharsets.US_ASCII),
        user.keyHash().getBytes(StandardCharsets.US_ASCII))) {
      throw ApiException.forbidden("the key given is not user " + user.userId() + "'s");
    }
  }

  private static String bearer(Context ctx) {
    String a = ctx.header("Authorization");
    if (a == null || !a.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return null;
    }
    String t = a.substring(7).strip();
    return t.isEmpty() ? null : t;
  }

  /** A new secret key: 32 random bytes, base64url. */
  static String newKey() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  /** A new user id for an API user: "web-" and 12 random hex digits (never a dataset id). */
  static String newUserId() {
    byte[] b = new byte[6];
    RANDOM.nextBytes(b);
    return "web-" + HexFormat.of().formatHex(b);
  }

  /** What the store keeps of a key: its SHA-256, hex. */
  static String keyHash(String key) {
    return hex(sha256(key));
  }

  private static String hex(byte[] b) {
    return HexFormat.of().formatHex(b);
  }

  private static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String quoted(String s) {
    if (s == null) {
      return "none";
    }
    String c = s.length() > 80 ? s.substring(0, 80) + "..." : s;
    return "\"" + c + "\"";
  }
}
