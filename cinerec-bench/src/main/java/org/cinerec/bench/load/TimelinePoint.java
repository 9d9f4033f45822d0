package org.cinerec.bench.load;

import org.HdrHistogram.Histogram;

/**
 * The responses that ended in one second of a run: how many and their latencies from schedule.
 *
 * @param second  seconds since the first slot, at the end of this one
 * @param warmup  true while the warm-up ran
 * @param count   responses completed in this second
 * @param p50Ms   median latency in milliseconds
 * @param p99Ms   99th percentile in milliseconds
 * @param maxMs   largest in milliseconds
 * @param clientCpuMs CPU time the load generator's whole process used in this second (all threads, JIT and
 *                GC included), in milliseconds: 1000 is one core busy
 */
public record TimelinePoint(int second, boolean warmup, long count, double p50Ms, double p99Ms, double maxMs,
    double clientCpuMs) {
  static TimelinePoint of(int second, boolean warmup, Histogram h, double clientCpuMs) {
    return new TimelinePoint(second, warmup, h.getTotalCount(), PhaseResult.ms(h, 50), PhaseResult.ms(h, 99),
        h.getTotalCount() == 0 ? 0 : h.getMaxValue() / 1000.0, clientCpuMs);
  }
}
