package org.cinerec.bench.load;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What one phase of a run (warm-up or measurement) counted. A slot is one scheduled request (or request
 * chain); every slot ends as exactly one of: completed (all responses read: {@code ok} when all were 2xx,
 * else {@code non2xx}), an error (no complete response), or unsent (the client was still behind when the
 * run's drain time ran out).
 *
 * @param slots         slots scheduled in this phase
 * @param sent          slots whose first request was written
 * @param completed     slots whose responses all arrived
 * @param ok            completed slots with only 2xx responses
 * @param non2xx        completed slots with some response outside 2xx
 * @param errors        slots that failed without a complete response (connect, timeout, protocol, I/O)
 * @param unsent        slots never sent
 * @param checkFailures responses a {@link ResponseCheck} rejected
 * @param errorKinds    errors by kind
 * @param statusCounts  responses by status code (each response of a chain counts)
 * @param messages      the first error and check-failure messages
 * @param throughput    completed slots per second of the phase's window
 * @param seconds       the window: from the first scheduled slot to the last completion (at least nominal)
 * @param latency       microseconds from each slot's scheduled time to its last response's end
 * @param serviceTime   microseconds from the actual send to the end (what a closed-loop tool would report)
 * @param sendLag       microseconds from the scheduled time to the actual send (client lateness or queueing)
 */
public record PhaseResult(long slots, long sent, long completed, long ok, long non2xx, long errors, long unsent,
    long checkFailures, Map<String, Long> errorKinds, Map<Integer, Long> statusCounts, List<String> messages,
    double throughput, double seconds, Histogram latency, Histogram serviceTime, Histogram sendLag) {

  /** Latency at {@code percentile} (0..100) in milliseconds, 0 when nothing completed. */
  public double latencyMs(double percentile) {
    return ms(latency, percentile);
  }

  /** The largest latency in milliseconds. */
  public double maxMs() {
    return latency.getTotalCount() == 0 ? 0 : latency.getMaxValue() / 1000.0;
  }

  /** Non-2xx, errors, unsent and check failures added up: 0 for a clean run. */
  public long failures() {
    return non2xx + errors + unsent + checkFailures;
  }

  static double ms(Histogram h, double percentile) {
    return h.getTotalCount() == 0 ? 0 : h.getValueAtPercentile(percentile) / 1000.0;
  }

  /** One line: throughput, latency percentiles, failures. */
  public String summary() {
    return String.format(Locale.ROOT,
        "%.1f req/s; latency ms p50 %.3f p90 %.3f p99 %.3f p99.9 %.3f max %.3f; %d ok, %d non-2xx, %d errors, "
            + "%d unsent, %d check failures",
        throughput, latencyMs(50), latencyMs(90), latencyMs(99), latencyMs(99.9), maxMs(), ok, non2xx, errors,
        unsent, checkFailures);
  }
}
