package org.cinerec.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The counts of one phase of a run (warm-up or measurement), written by every connection thread at once.
 * Slots belong to a phase by their scheduled time. Latencies are recorded in microseconds.
 */
final class Tally {
  /** Kinds of failed slot: no complete response. */
  enum ErrorKind { CONNECT, TIMEOUT, PROTOCOL, IO }

  /** How many check-failure messages are kept. */
  static final int MAX_MESSAGES = 20;

  final Recorder latency = new Recorder(3);
  final Recorder service = new Recorder(3);
  final Recorder sendLag = new Recorder(3);
  final LongAdder sent = new LongAdder();
  final LongAdder completed = new LongAdder();
  final LongAdder ok = new LongAdder();
  final LongAdder non2xx = new LongAdder();
  final LongAdder unsent = new LongAdder();
  final LongAdder checkFailures = new LongAdder();
  final LongAdder[] errors = new LongAdder[ErrorKind.values().length];
  final AtomicLongArray status = new AtomicLongArray(600);
  final LongAccumulator lastDone = new LongAccumulator(Math::max, Long.MIN_VALUE);
  private final List<String> messages = new ArrayList<>();

  Tally() {
    for (int k = 0; k < errors.length; k++) {
      errors[k] = new LongAdder();
    }
  }

  void status(int code) {
    if (code >= 0 && code < status.length()) {
      status.incrementAndGet(code);
    }
  }

  /** A slot whose chain of responses all arrived: {@code allOk} when every one was 2xx. */
  void completed(long scheduled, long sentAt, long done, boolean allOk) {
    latency.recordValue(micros(done - scheduled));
    service.recordValue(micros(done - sentAt));
    completed.increment();
    (allOk ? ok : non2xx).increment();
    lastDone.accumulate(done);
  }

  void error(ErrorKind kind, long done, String message) {
    errors[kind.ordinal()].increment();
    lastDone.accumulate(done);
    note(kind.name().toLowerCase(java.util.Locale.ROOT) + ": " + message);
  }

  void checkFailed(String message) {
    checkFailures.increment();
    note("check: " + message);
  }

  private void note(String message) {
    synchronized (messages) {
      if (messages.size() < MAX_MESSAGES) {
        messages.add(message);
      }
    }
  }

  List<String> messages() {
    synchronized (messages) {
      return List.copyOf(messages);
    }
  }

  Map<String, Long> errorCounts() {
    Map<String, Long> m = new TreeMap<>();
    for (ErrorKind k : ErrorKind.values()) {
      long n = errors[k.ordinal()].sum();
      if (n > 0) {
        m.put(k.name().toLowerCase(java.util.Locale.ROOT), n);
      }
    }
    return m;
  }

  Map<Integer, Long> statusCounts() {
    Map<Integer, Long> m = new TreeMap<>();
    for (int c = 0; c < status.length(); c++) {
      long n = status.get(c);
      if (n > 0) {
        m.put(c, n);
      }
    }
    return m;
  }

  /** Everything recorded so far, as an immutable summary; {@code start} is the phase's first scheduled time. */
  PhaseResult result(long slots, long start, double nominalSeconds) {
    Histogram lat = latency.getIntervalHistogram();
    Histogram svc = service.getIntervalHistogram();
    Histogram lag = sendLag.getIntervalHistogram();
    long done = completed.sum();
    long end = lastDone.get();
    double window = end == Long.MIN_VALUE ? nominalSeconds : Math.max(nominalSeconds, (end - start) / 1e9);
    long errs = 0;
    for (LongAdder e : errors) {
      errs += e.sum();
    }
    return new PhaseResult(slots, sent.sum(), done, ok.sum(), non2xx.sum(), errs, unsent.sum(),
        checkFailures.sum(), errorCounts(), statusCounts(), messages(), window > 0 ? done / window : 0, window,
        lat, svc, lag);
  }

  static long micros(long nanos) {
    return Math.max(0, (nanos + 500) / 1000);
  }
}
