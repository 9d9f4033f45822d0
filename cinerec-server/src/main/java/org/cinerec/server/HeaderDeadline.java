package org.cinerec.server;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * Closes a connection whose request line and headers have not all arrived within the read timeout of the
 * sweep that first saw them in progress (slowloris: a client dribbling a header byte at a time, each within
 * Jetty's idle timeout, would otherwise keep its connection for ever). Jetty has no such bound of its own;
 * this sweeps the connector's open connections once a second on the connector's own scheduler (no thread of
 * its own), so a connection goes at most a second past the timeout. A request whose headers are done is the
 * routes' business ({@link Json#bytes} bounds the body the same way).
 */
final class HeaderDeadline implements Runnable {
  private static final long SWEEP_MILLIS = 1_000;
  private final AbstractConnector connector;
  private final long timeoutNanos;
  /** Per connection in its headers: the request count when first seen so, and when. */
  private final Map<EndPoint, long[]> inHeaders = new ConcurrentHashMap<>();
  private volatile boolean stopped;

  private HeaderDeadline(AbstractConnector connector, Duration timeout) {
    this.connector = connector;
    this.timeoutNanos = timeout.toNanos();
  }

  /** Starts sweeping {@code connector} (until {@link #stop} or the connector stops). */
  static HeaderDeadline start(AbstractConnector connector, Duration timeout) {
    HeaderDeadline d = new HeaderDeadline(connector, timeout);
    d.schedule();
    return d;
  }

  private void schedule() {
    Scheduler s = connector.getScheduler();
    if (!stopped && s != null && s.isRunning()) {
      s.schedule(this, SWEEP_MILLIS, TimeUnit.MILLISECONDS);
    }
  }

  void stop() {
    stopped = true;
  }

  @Override
  public void run() {
    try {
      sweep(System.nanoTime());
    } finally {
      schedule();
    }
  }

  private void sweep(long now) {
    Set<EndPoint> open = Set.copyOf(connector.getConnectedEndPoints());
    inHeaders.keySet().retainAll(open);
    for (EndPoint e : open) {
      // START: waiting for a request (the idle timeout's business); before CONTENT: in the line or headers
      if (!(e.getConnection() instanceof HttpConnection c) || c.getParser().isStart()
          || !c.getParser().inHeaderState()) {
        inHeaders.remove(e);
        continue;
      }
      long requests = c.getMessagesIn();
      long[] seen = inHeaders.get(e);
      if (seen == null || seen[0] != requests) {
        inHeaders.put(e, new long[] {requests, now});
      } else if (now - seen[1] > timeoutNanos) {
        inHeaders.remove(e);
        e.close(new java.util.concurrent.TimeoutException("request headers not complete within the read timeout"));
      }
    }
  }
}
