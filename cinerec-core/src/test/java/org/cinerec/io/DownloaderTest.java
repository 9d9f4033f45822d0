package org.cinerec.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.cinerec.CinerecException;
import org.cinerec.Progress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The downloader against a real HTTP server on 127.0.0.1 serving archives built here. */
class DownloaderTest {
  static final byte[] RATINGS = "userId,movieId,rating,timestamp\n1,1,4.0,964982703\n".getBytes(StandardCharsets.UTF_8);
  static final byte[] MOVIES = "movieId,title,genres\n1,Toy Story (1995),Animation\n".getBytes(StandardCharsets.UTF_8);

  @TempDir
  Path cache;
  HttpServer server;
  final Map<String, byte[]> files = new ConcurrentHashMap<>();
  final AtomicInteger requests = new AtomicInteger();
  String mirror;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      requests.incrementAndGet();
      byte[] body = files.get(exchange.getRequestURI().getPath());
      if (body == null) {
        exchange.sendResponseHeaders(404, -1);
      } else {
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
      exchange.close();
    });
    server.start();
    mirror = "http://127.0.0.1:" + server.getAddress().getPort() + "/movielens";
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  static byte[] zip(Map<String, byte[]> entries) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(bytes)) {
      for (var e : entries.entrySet()) {
        z.putNextEntry(new ZipEntry(e.getKey()));
        z.write(e.getValue());
        z.closeEntry();
      }
    }
    return bytes.toByteArray();
  }

  static byte[] testZip() throws IOException {
    return zip(Map.of("ml-test/ratings.csv", RATINGS, "ml-test/movies.csv", MOVIES));
  }

  static String hex(String algorithm, byte[] data) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
  }

  List<String> cacheEntries() throws IOException {
    try (Stream<Path> s = Files.list(cache)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  /** Records the progress calls. */
  static final class Recorder implements Progress {
    final List<String> calls = new ArrayList<>();

    @Override
    public void start(String task, long total) {
      calls.add("start " + task + " " + total);
    }

    @Override
    public void update(long done) {
      calls.add("update " + done);
    }

    @Override
    public void finish() {
      calls.add("finish");
    }
  }

  @Test
  void downloadsVerifiesAndUnpacksIntoTheCacheWithProgress() throws Exception {
    byte[] zip = testZip();
    files.put("/movielens/ml-test.zip", zip);
    Archive archive = new Archive("ml-test", hex("MD5", zip), "1 KB", Map.of("ratings.csv", hex("SHA-256", RATINGS)));
    Recorder progress = new Recorder();
    Path dir = new Downloader(mirror, cache).fetch(archive, false, progress);
    assertEquals(cache.resolve("ml-test"), dir);
    assertArrayEquals(RATINGS, Files.readAllBytes(dir.resolve("ratings.csv")));
    assertArrayEquals(MOVIES, Files.readAllBytes(dir.resolve("movies.csv")));
    assertTrue(DataCache.find(cache, "ml-test").isPresent());
    assertEquals(List.of("ml-test"), cacheEntries(), "no temporary files are left");
    assertEquals("start downloading ml-test.zip " + zip.length, progress.calls.get(0));
    assertEquals("update " + zip.length, progress.calls.get(progress.calls.size() - 2));
    assertEquals("finish", progress.calls.get(progress.calls.size() - 1));
  }

  @Test
  void aCompleteDownloadIsReusedWithoutTheNetworkUnlessForced() throws Exception {
    byte[] zip = testZip();
    files.put("/movielens/ml-test.zip", zip);
    Archive archive = new Archive("ml-test", hex("MD5", zip), "1 KB", Map.of());
    Downloader d = new Downloader(mirror, cache);
    d.fetch(archive, false, Progress.NONE);
    int after = requests.get();
    d.fetch(archive, false, Progress.NONE);
    assertEquals(after, requests.get());
    d.fetch(archive, true, Progress.NONE);
    assertEquals(after + 1, requests.get());
    assertEquals(List.of("ml-test"), cacheEntries());
  }

  @Test
  void withoutAKnownChecksumTheMirrorsPublishedMd5IsUsed() throws Exception {
    byte[] zip = testZip();
    files.put("/movielens/ml-test.zip", zip);
    files.put("/movielens/ml-test.zip.md5", ("MD5 (ml-test.zip) = " + hex("MD5", zip) + "\n").getBytes(StandardCharsets.US_ASCII));
    Path dir = new Downloader(mirror, cache).fetch(new Archive("ml-test", null, "1 KB", Map.of()), false, Progress.NONE);
    assertTrue(Files.exists(dir.resolve("ratings.csv")));
  }

  @Test
  void aCorruptArchiveIsAClearErrorAndLeavesNothingInTheCache() throws Exception {
    byte[] zip = testZip();
    String md5 = hex("MD5", zip);
    zip[zip.length / 2] ^= 1;
    files.put("/movielens/ml-test.zip", zip);
    CinerecException e = assertThrows(CinerecException.class,
        () -> new Downloader(mirror, cache).fetch(new Archive("ml-test", md5, "1 KB", Map.of()), false, Progress.NONE));
    assertTrue(e.getMessage().startsWith("ml-test.zip from " + mirror + "/ml-test.zip is damaged or not the expected file: "
        + "its MD5 is "), e.getMessage());
    assertTrue(e.getMessage().contains("expected " + md5 + "; nothing was kept in " + cache), e.getMessage());
    assertEquals(List.of(), cacheEntries());
  }

  @Test
  void aMissingArchiveIsA404ErrorAndLeavesNothingInTheCache() throws IOException {
    CinerecException e = assertThrows(CinerecException.class,
        () -> new Downloader(mirror, cache).fetch(Archive.ML_100K, false, Progress.NONE));
    assertEquals("cannot download " + mirror + "/ml-100k.zip: HTTP 404 (not found; check the name or --mirror)",
        e.getMessage());
    assertEquals(List.of(), cacheEntries());
  }

  @Test
  void aFileInsideTheArchiveWithTheWrongContentIsRejected() throws Exception {
    byte[] zip = testZip();
    files.put("/movielens/ml-test.zip", zip);
    Archive archive = new Archive("ml-test", hex("MD5", zip), "1 KB", Map.of("ratings.csv", "00".repeat(32)));
    CinerecException e = assertThrows(CinerecException.class,
        () -> new Downloader(mirror, cache).fetch(archive, false, Progress.NONE));
    assertTrue(e.getMessage().startsWith("ml-test.zip: ratings.csv has sha256 " + hex("SHA-256", RATINGS)), e.getMessage());
    assertEquals(List.of(), cacheEntries());
  }

  @Test
  void anEntryPointingOutsideTheFolderIsRefused() throws Exception {
    byte[] zip = zip(Map.of("../evil.txt", RATINGS));
    files.put("/movielens/ml-test.zip", zip);
    CinerecException e = assertThrows(CinerecException.class, () -> new Downloader(mirror, cache)
        .fetch(new Archive("ml-test", hex("MD5", zip), "1 KB", Map.of()), false, Progress.NONE));
    assertTrue(e.getMessage().contains("points outside"), e.getMessage());
    assertEquals(List.of(), cacheEntries());
    assertFalse(Files.exists(cache.resolve("../evil.txt").normalize()));
  }

  @Test
  void anUnreachableMirrorOrABadOneIsAOneLineError() {
    int port = server.getAddress().getPort();
    server.stop(0);
    CinerecException e = assertThrows(CinerecException.class, () -> new Downloader("http://127.0.0.1:" + port, cache)
        .fetch(Archive.ML_1M, false, Progress.NONE));
    assertTrue(e.getMessage().startsWith("cannot download http://127.0.0.1:" + port + "/ml-1m.zip: "), e.getMessage());
    assertTrue(e.getMessage().endsWith("check the network, or use --mirror URL with a copy of the GroupLens files"));
    assertEquals(CinerecException.Kind.USAGE,
        assertThrows(CinerecException.class, () -> new Downloader("ftp://x/", cache)).kind());
  }

  @Test
  void knownArchivesAreFoundByNameAndUnknownOnesListTheKnown() {
    assertEquals(Archive.ML_LATEST_SMALL, Archive.byName("ml-latest-small"));
    assertEquals(Archive.ML_25M, Archive.byName("ML-25M.zip"));
    assertEquals("unknown dataset \"ml-2m\"; use one of ml-latest-small, ml-100k, ml-1m, ml-25m, ml-32m",
        assertThrows(CinerecException.class, () -> Archive.byName("ml-2m")).getMessage());
    assertEquals("https://files.grouplens.org/datasets/movielens/ml-100k.zip",
        new Downloader(Downloader.DEFAULT_MIRROR, cache).url(Archive.ML_100K).toString());
  }
  @Test
  void aLocalFolderIsAMirrorWithTheSameChecksAsHttp(@TempDir Path folder) throws Exception {
    byte[] zip = testZip();
    Files.write(folder.resolve("ml-test.zip"), zip);
    Archive archive = new Archive("ml-test", hex("MD5", zip), "1 KB", Map.of("ratings.csv", hex("SHA-256", RATINGS)));
    Recorder progress = new Recorder();
    Downloader d = new Downloader(folder.toUri().toString(), cache);
    assertEquals(folder.toUri() + "ml-test.zip", d.url(archive).toString());
    Path dir = d.fetch(archive, false, progress);
    assertArrayEquals(RATINGS, Files.readAllBytes(dir.resolve("ratings.csv")));
    assertEquals("start downloading ml-test.zip " + zip.length, progress.calls.get(0));
    assertEquals(List.of("ml-test"), cacheEntries());
    assertEquals(0, requests.get(), "no network");
    Path again = new Downloader(folder.toString(), cache).fetch(archive, true, Progress.NONE); // a plain path
    assertEquals(dir, again);
  }

  @Test
  void aLocalMirrorChecksTheMd5AndNamesWhatIsMissing(@TempDir Path folder) throws Exception {
    byte[] zip = testZip();
    Files.write(folder.resolve("ml-test.zip"), zip);
    String url = folder.toUri().toString();
    CinerecException e = assertThrows(CinerecException.class, () -> new Downloader(url, cache)
        .fetch(new Archive("ml-test", "0".repeat(32), "1 KB", Map.of()), false, Progress.NONE));
    assertTrue(e.getMessage().startsWith("ml-test.zip from " + url + "ml-test.zip is damaged or not the expected file"),
        e.getMessage());
    e = assertThrows(CinerecException.class, () -> new Downloader(url, cache)
        .fetch(new Archive("ml-test", null, "1 KB", Map.of()), false, Progress.NONE));
    assertEquals("no checksum for ml-test.zip: " + url + "ml-test.zip.md5 is not there (put the .md5 file GroupLens "
        + "publishes beside the zip); an unverified download is not kept", e.getMessage());
    Files.writeString(folder.resolve("ml-test.zip.md5"), hex("MD5", zip) + "  ml-test.zip\n");
    assertTrue(Files.exists(new Downloader(url, cache).fetch(new Archive("ml-test", null, "1 KB", Map.of()), false,
        Progress.NONE).resolve("movies.csv")));
    e = assertThrows(CinerecException.class, () -> new Downloader(url, cache).fetch(Archive.ML_1M, false, Progress.NONE));
    assertEquals("cannot download " + url + "ml-1m.zip: no such file (not found; check the name or --mirror)",
        e.getMessage());
    assertEquals(List.of("ml-test"), cacheEntries());
  }

  @Test
  void aMirrorMustBeHttpOrALocalFolder() {
    assertEquals(CinerecException.Kind.USAGE,
        assertThrows(CinerecException.class, () -> new Downloader("file://host/share/", cache)).kind());
    assertEquals(CinerecException.Kind.USAGE,
        assertThrows(CinerecException.class, () -> new Downloader("file:relative", cache)).kind());
    assertEquals("https://example.org/ml/", Downloader.mirrorUri("https://example.org/ml").toString());
    assertTrue(Downloader.mirrorUri("some/folder").toString().matches("file:///.*/some/folder/"),
        Downloader.mirrorUri("some/folder").toString());
  }
}
