/**
 * An open-loop HTTP load generator, run in its own process beside the server it measures.
 *
 * <p>Requests leave on a fixed schedule (slot {@code i} is due at {@code t0 + i / rate}) whatever the server
 * does, and each latency is measured from the slot's <em>scheduled</em> time to the end of its response,
 * so a server that stalls cannot hide the queue it builds (no coordinated omission, as in wrk2 and Gil
 * Tene's HdrHistogram talks). The client is a few plain sockets speaking HTTP/1.1 with keep-alive, one
 * request in flight per connection (no pipelining), a thread per connection: cheap enough to share two
 * cores with the server at thousands of requests per second.
 *
 * <ul>
 *   <li>{@link org.cinerec.bench.load.OpenLoop}: one run from the command line;
 *       {@link org.cinerec.bench.load.OpenLoopSweep}: several rates times several runs, medians;</li>
 *   <li>{@link org.cinerec.bench.load.LoadGenerator}: the schedule, the connections and the counts;</li>
 *   <li>{@link org.cinerec.bench.load.HttpConnection}: the HTTP/1.1 client (Content-Length, chunked and
 *       close-delimited bodies);</li>
 *   <li>{@link org.cinerec.bench.load.Scenario}: the request mix, from a template file or a built-in name;</li>
 *   <li>{@link org.cinerec.bench.load.ResponseCheck}: a per-connection hook on each response.</li>
 * </ul>
 */
package org.cinerec.bench.load;
