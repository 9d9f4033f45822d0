package org.cinerec.bench.load;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * One run's figures: the settings, the warm-up and measurement phases, a per-second timeline, and the
 * client's own counts; printable as text and as JSON (with the measured latency histogram encoded, so runs
 * can be merged later).
 *
 * @param settings          how the run sent
 * @param startedAtMillis   wall-clock start
 * @param warmup            the warm-up phase
 * @param measure           the measured phase: the figures to report
 * @param timeline          one point per second, warm-up included
 * @param connectionsOpened sockets opened, first ones included (more than the connections means reconnects)
 * @param retries           idempotent requests re-sent once after a kept-alive connection closed unanswered
 * @param firstMeasuredLagMs how late the first measured slot left: a large value means the warm-up ended with
 *                          a backlog that the measurement then paid for
 */
public record LoadResult(LoadSettings settings, long startedAtMillis, PhaseResult warmup, PhaseResult measure,
    List<TimelinePoint> timeline, long connectionsOpened, long retries, double firstMeasuredLagMs) {

  /**
   * The load generator's own CPU time per completed response over the measured seconds, in microseconds
   * (0 when the JVM does not report CPU time): {@code 1e6 / this} is how many responses a second one
   * core could drive.
   */
  public double clientCpuMicrosPerResponse() {
    double cpuMs = 0;
    long count = 0;
    for (TimelinePoint p : timeline) {
      if (!p.warmup()) {
        cpuMs += p.clientCpuMs();
        count += p.count();
      }
    }
    return count == 0 ? 0 : cpuMs * 1000 / count;
  }

  /** The load generator's mean CPU use over the measured seconds, in cores (1.0 is one core busy). */
  public double clientCores() {
    double cpuMs = 0;
    int seconds = 0;
    for (TimelinePoint p : timeline) {
      if (!p.warmup()) {
        cpuMs += p.clientCpuMs();
        seconds++;
      }
    }
    return seconds == 0 ? 0 : cpuMs / 1000 / seconds;
  }

  /** Several lines for a person: the measurement, the warm-up in brief, failures and the client's lateness. */
  public String report(String scenario) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "open loop: %s, %s, %.0f req/s scheduled, %d connections, "
        + "%.0f s warm-up + %.0f s measured; %d cores shared with the server if it runs here%n", settings.url(),
        scenario, settings.rate(), settings.connections(), settings.warmupSeconds(), settings.durationSeconds(),
        Runtime.getRuntime().availableProcessors()));
    b.append("measured: ").append(measure.summary()).append('\n');
    b.append(String.format(Locale.ROOT, "  latency from schedule, ms: p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f  "
        + "max %.3f  (%d responses)%n", measure.latencyMs(50), measure.latencyMs(90), measure.latencyMs(99),
        measure.latencyMs(99.9), measure.maxMs(), measure.latency().getTotalCount()));
    b.append(String.format(Locale.ROOT, "  service time (send to end), ms: p50 %.3f  p99 %.3f  max %.3f%n",
        PhaseResult.ms(measure.serviceTime(), 50), PhaseResult.ms(measure.serviceTime(), 99),
        measure.serviceTime().getTotalCount() == 0 ? 0 : measure.serviceTime().getMaxValue() / 1000.0));
    b.append(String.format(Locale.ROOT, "  send lag (schedule to send), ms: p50 %.3f  p99 %.3f  max %.3f%n",
        PhaseResult.ms(measure.sendLag(), 50), PhaseResult.ms(measure.sendLag(), 99),
        measure.sendLag().getTotalCount() == 0 ? 0 : measure.sendLag().getMaxValue() / 1000.0));
    if (!measure.statusCounts().isEmpty()) {
      b.append("  status: ").append(measure.statusCounts()).append('\n');
    }
    if (!measure.errorKinds().isEmpty()) {
      b.append("  errors: ").append(measure.errorKinds()).append('\n');
    }
    for (String m : measure.messages()) {
      b.append("  ").append(m).append('\n');
    }
    b.append(String.format(Locale.ROOT, "  client: %.1f us CPU per response, %.2f cores%n",
        clientCpuMicrosPerResponse(), clientCores()));
    b.append("warm-up: ").append(warmup.summary()).append('\n');
    if (firstMeasuredLagMs > 100) {
      b.append(String.format(Locale.ROOT, "warning: the first measured slot left %.0f ms late: the warm-up ended "
          + "with a backlog that the measurement paid for; use a longer --warmup%n", firstMeasuredLagMs));
    }
    if (connectionsOpened > settings.connections() || retries > 0) {
      b.append(String.format(Locale.ROOT, "client: %d sockets opened for %d connections, %d requests re-sent%n",
          connectionsOpened, settings.connections(), retries));
    }
    if (PhaseResult.ms(measure.sendLag(), 99) > 1) {
      b.append("note: p99 send lag above 1 ms: slots waited for a free connection (the server was slower than "
          + "connections/rate allows) or the client could not keep up; more --connections may help\n");
    }
    return b.toString();
  }

  /** The run as a JSON document. */
  public String toJson(String scenario) {
    JsonText j = new JsonText().open();
    j.key("tool").value("cinerec-openloop");
    j.key("startedAt").value(Instant.ofEpochMilli(startedAtMillis).toString());
    j.key("url").value(settings.url().toString());
    j.key("scenario").value(scenario);
    j.key("rate").value(settings.rate());
    j.key("warmupSeconds").value(settings.warmupSeconds());
    j.key("durationSeconds").value(settings.durationSeconds());
    j.key("connections").value(settings.connections());
    j.key("timeoutSeconds").value(settings.timeoutSeconds());
    j.key("cores").value(Runtime.getRuntime().availableProcessors());
    j.key("java").value(System.getProperty("java.version"));
    j.key("connectionsOpened").value(connectionsOpened);
    j.key("retries").value(retries);
    j.key("firstMeasuredLagMs").value(firstMeasuredLagMs);
    j.key("clientCpuMicrosPerResponse").value(clientCpuMicrosPerResponse());
    j.key("clientCores").value(clientCores());
    j.key("measure");
    phase(j, measure, true);
    j.key("warmup");
    phase(j, warmup, false);
    j.key("timeline").openArray();
    for (TimelinePoint p : timeline) {
      j.open().key("second").value(p.second()).key("warmup").value(p.warmup()).key("count").value(p.count())
          .key("p50Ms").value(p.p50Ms()).key("p99Ms").value(p.p99Ms()).key("maxMs").value(p.maxMs())
          .key("clientCpuMs").value(p.clientCpuMs()).close();
    }
    j.closeArray();
    return j.close().toString() + "\n";
  }

  /** Writes {@link #toJson} to {@code file}, creating its folder. */
  public void writeJson(Path file, String scenario) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, toJson(scenario));
  }

  private static void phase(JsonText j, PhaseResult p, boolean withHistogram) {
    j.open();
    j.key("slots").value(p.slots()).key("sent").value(p.sent()).key("completed").value(p.completed());
    j.key("ok").value(p.ok()).key("non2xx").value(p.non2xx()).key("errors").value(p.errors());
    j.key("unsent").value(p.unsent()).key("checkFailures").value(p.checkFailures());
    j.key("throughput").value(p.throughput()).key("seconds").value(p.seconds());
    j.key("latencyMs");
    percentiles(j, p.latency());
    j.key("serviceTimeMs");
    percentiles(j, p.serviceTime());
    j.key("sendLagMs");
    percentiles(j, p.sendLag());
    j.key("status").open();
    for (Map.Entry<Integer, Long> e : p.statusCounts().entrySet()) {
      j.key(Integer.toString(e.getKey())).value(e.getValue());
    }
    j.close();
    j.key("errorKinds").open();
    for (Map.Entry<String, Long> e : p.errorKinds().entrySet()) {
      j.key(e.getKey()).value(e.getValue());
    }
    j.close();
    j.key("messages").openArray();
    for (String m : p.messages()) {
      j.value(m);
    }
    j.closeArray();
    if (withHistogram) {
      j.key("latencyHistogramMicros").value(encode(p.latency()));
    }
    j.close();
  }

  private static void percentiles(JsonText j, Histogram h) {
    j.open();
    j.key("p50").value(PhaseResult.ms(h, 50)).key("p90").value(PhaseResult.ms(h, 90));
    j.key("p99").value(PhaseResult.ms(h, 99)).key("p999").value(PhaseResult.ms(h, 99.9));
    j.key("max").value(h.getTotalCount() == 0 ? 0 : h.getMaxValue() / 1000.0);
    j.key("mean").value(h.getTotalCount() == 0 ? 0 : h.getMean() / 1000.0);
    j.key("count").value(h.getTotalCount());
    j.close();
  }

  /** The histogram in HdrHistogram's compressed form, base64 (decode with Histogram.decodeFromCompressedByteBuffer). */
  static String encode(Histogram h) {
    ByteBuffer buf = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
    int n = h.encodeIntoCompressedByteBuffer(buf);
    return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buf.array(), n));
  }
}
