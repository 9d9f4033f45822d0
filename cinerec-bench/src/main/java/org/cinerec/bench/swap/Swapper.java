package org.cinerec.bench.swap;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Swaps the served model while the load runs: at each scheduled time it puts the next of the version files
 * in place of the served file (a copy beside it, then an atomic rename, so the server never reads half a
 * file), then either asks the server to reload ({@code POST /api/v1/admin/reload}, answered once the new
 * model is warmed and swapped in) or waits for the server's file watcher to swap it in (polling
 * {@code GET /api/v1/models/NAME} until its generation grows). Each swap is recorded.
 */
final class Swapper {
  /** How the server learns of a new file. */
  enum Via { RELOAD, WATCH }

  /**
   * One swap.
   *
   * @param index      0, 1, ...
   * @param atSeconds  when it began, seconds from the start of the run
   * @param file       the version file put in place
   * @param status     the reload's HTTP status (WATCH: 200 once the new generation shows), or 0 when none came
   * @param generation the generation served after it, or -1
   * @param millis     from the rename to the new model being served
   * @param error      what went wrong, or null
   */
  record Swap(int index, double atSeconds, Path file, int status, long generation, double millis, String error) {
    boolean ok() {
      return error == null && status / 100 == 2 && generation > 0;
    }
  }

  private static final Pattern GENERATION = Pattern.compile("\"generation\"\\s*:\\s*(\\d+)");

  private final String url;
  private final Path served;
  private final String name;
  private final List<Path> versions;
  private final Via via;
  private final String token;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();
  private final List<Swap> done = new ArrayList<>();

  Swapper(String url, Path served, String name, List<Path> versions, Via via, String token) {
    this.url = url;
    this.served = served;
    this.name = name;
    this.versions = versions;
    this.via = via;
    this.token = token;
  }

  /** The generation served now, from {@code GET /api/v1/models/NAME}. */
  long generation() throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/models/" + name))
        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException("GET /api/v1/models/" + name + " answered " + r.statusCode() + ": " + r.body());
    }
    return generationIn(r.body());
  }

  private static long generationIn(String json) {
    Matcher m = GENERATION.matcher(json);
    return m.find() ? Long.parseLong(m.group(1)) : -1;
  }

  /**
   * Runs {@code count} swaps, swap {@code i} at {@code startNanos + offset(i)}, on the calling thread; swap
   * {@code i} puts version {@code (i + 1) % versions} in place (the server started with version 0).
   */
  List<Swap> run(int count, long startNanos, java.util.function.IntToLongFunction offsetNanos) {
    for (int i = 0; i < count; i++) {
      long due = startNanos + offsetNanos.applyAsLong(i);
      long wait = due - System.nanoTime();
      if (wait > 0) {
        java.util.concurrent.locks.LockSupport.parkNanos(wait);
      }
      Path file = versions.get((i + 1) % versions.size());
      double at = (System.nanoTime() - startNanos) / 1e9;
      done.add(swap(i, at, file));
    }
    return List.copyOf(done);
  }

  private Swap swap(int i, double at, Path file) {
    long before = -1;
    long t0 = 0;
    try {
      before = generation();
      Path tmp = served.resolveSibling(served.getFileName() + ".swap-tmp");
      Files.copy(file, tmp, StandardCopyOption.REPLACE_EXISTING);
      t0 = System.nanoTime();
      Files.move(tmp, served, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      if (via == Via.RELOAD) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url + "/api/v1/admin/reload"))
            .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"models\": [\"" + name + "\"]}"));
        if (token != null) {
          b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        double ms = (System.nanoTime() - t0) / 1e6;
        long g = r.statusCode() == 200 ? generationIn(r.body()) : -1;
        String error = r.statusCode() != 200 ? "reload answered " + r.statusCode() + ": " + r.body()
            : g <= before ? "the generation did not grow: " + before + " then " + g : null;
        return new Swap(i, at, file, r.statusCode(), g, ms, error);
      }
      long deadline = System.nanoTime() + 30_000_000_000L;
      while (System.nanoTime() < deadline) {
        long g = generation();
        if (g > before) {
          return new Swap(i, at, file, 200, g, (System.nanoTime() - t0) / 1e6, null);
        }
        Thread.sleep(20);
      }
      return new Swap(i, at, file, 0, before, (System.nanoTime() - t0) / 1e6, "the watcher did not swap the "
          + "new file in within 30 s");
    } catch (IOException e) {
      return new Swap(i, at, file, 0, -1, t0 == 0 ? 0 : (System.nanoTime() - t0) / 1e6, e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Swap(i, at, file, 0, -1, 0, "interrupted");
    }
  }

  /** One line per swap. */
  static String table(List<Swap> swaps) {
    StringBuilder b = new StringBuilder();
    for (Swap s : swaps) {
      b.append(String.format(Locale.ROOT, "  swap %2d at %6.2f s: %s -> generation %d in %.0f ms%s%n", s.index() + 1,
          s.atSeconds(), s.file().getFileName(), s.generation(), s.millis(), s.ok() ? "" : "  FAILED: " + s.error()));
    }
    return b.toString();
  }
}
