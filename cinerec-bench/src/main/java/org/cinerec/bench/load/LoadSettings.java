package org.cinerec.bench.load;

import java.net.URI;

/**
 * How a run sends: where, at what rate, for how long, over how many connections.
 *
 * @param url             base URL, {@code http://host:port} (a path in it is ignored: requests carry theirs)
 * @param rate            scheduled requests (slots) per second, &gt; 0
 * @param warmupSeconds   seconds of slots sent before the measurement, not counted in its figures, &ge; 0
 * @param durationSeconds seconds of measured slots, &gt; 0
 * @param connections     connections, each with at most one request in flight, 1..4096
 * @param timeoutSeconds  connect timeout and the longest wait for each read, &gt; 0
 * @param drainSeconds    after the last slot's scheduled time, how long the client may still be sending
 *                        late slots before it counts the rest as unsent, &ge; 0
 */
public record LoadSettings(URI url, double rate, double warmupSeconds, double durationSeconds, int connections,
    double timeoutSeconds, double drainSeconds) {

  public LoadSettings {
    if (url == null || !"http".equals(url.getScheme()) || url.getHost() == null) {
      throw new IllegalArgumentException("--url must be http://HOST[:PORT], got " + url);
    }
    check(rate > 0 && rate <= 1e6, "--rate must be in (0, 1000000] requests/s, got " + rate);
    check(warmupSeconds >= 0, "--warmup must be >= 0 seconds, got " + warmupSeconds);
    check(durationSeconds > 0, "--duration must be > 0 seconds, got " + durationSeconds);
    check(connections >= 1 && connections <= 4096, "--connections must be in 1..4096, got " + connections);
    check(timeoutSeconds > 0, "--timeout must be > 0 seconds, got " + timeoutSeconds);
    check(drainSeconds >= 0, "--drain must be >= 0 seconds, got " + drainSeconds);
  }

  /** Defaults: 10 s timeout, 10 s drain. */
  public static LoadSettings of(String url, double rate, double warmupSeconds, double durationSeconds,
      int connections) {
    return new LoadSettings(URI.create(url), rate, warmupSeconds, durationSeconds, connections, 10, 10);
  }

  /** The port, 80 when the URL names none. */
  public int port() {
    return url.getPort() < 0 ? 80 : url.getPort();
  }

  /** Slots in the warm-up. */
  public long warmupSlots() {
    return Math.round(rate * warmupSeconds);
  }

  /** Slots measured. */
  public long measuredSlots() {
    return Math.max(1, Math.round(rate * durationSeconds));
  }

  /** Nanoseconds from the first slot to slot {@code i}. */
  public long offsetNanos(long i) {
    return (long) (i * (1e9 / rate));
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
