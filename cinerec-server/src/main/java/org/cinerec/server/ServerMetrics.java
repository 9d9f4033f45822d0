package org.cinerec.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The service's Prometheus metrics through Micrometer: per route (method and path pattern, never the raw
 * path, so ids do not make new series) a request timer with a latency histogram and status classes;
 * fold-ins; store writes and their failures; model reloads and each served model's generation; the JVM.
 */
final class ServerMetrics implements AutoCloseable {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Map<String, Timer> timers = new ConcurrentHashMap<>();
  private final Counter foldIns;
  private final Counter storeWrites;
  private final Counter storeWriteFailures;
  private final Counter reloads;
  private final Counter rejected;
  private final JvmGcMetrics gc = new JvmGcMetrics();

  ServerMetrics() {
    new ClassLoaderMetrics().bindTo(registry);
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    foldIns = Counter.builder("cinerec.foldins").description("Users folded into a model from their ratings")
        .register(registry);
    storeWrites = Counter.builder("cinerec.store.writes").description("Committed writes to the ratings store")
        .register(registry);
    storeWriteFailures = Counter.builder("cinerec.store.write.failures")
        .description("Writes the ratings store refused or could not commit (answered 503)").register(registry);
    reloads = Counter.builder("cinerec.model.reloads").description("Models swapped in after start")
        .register(registry);
    rejected = Counter.builder("cinerec.requests.rejected")
        .description("Requests turned away by a bound (429 or 503 with Retry-After)").register(registry);
  }

  /** Records one request of {@code route} (e.g. "GET /api/v1/users/{userId}/ratings"). */
  void request(String method, String route, int status, long nanos) {
    String key = method + " " + route + " " + status;
    timers.computeIfAbsent(key, k -> Timer.builder("cinerec.http.requests")
        .description("HTTP requests by route and status")
        .tag("method", method).tag("route", route).tag("status", Integer.toString(status))
        .publishPercentileHistogram()
        .publishPercentiles(0.5, 0.99)
        .minimumExpectedValue(Duration.ofNanos(50_000)).maximumExpectedValue(Duration.ofSeconds(10))
        .register(registry)).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
  }

  void foldIn() {
    foldIns.increment();
  }

  void storeWrite() {
    storeWrites.increment();
  }

  /** Committed writes to the store so far. */
  double storeWrites() {
    return storeWrites.count();
  }

  void storeWriteFailure() {
    storeWriteFailures.increment();
  }

  void reloaded() {
    reloads.increment();
  }

  void rejected() {
    rejected.increment();
  }

  /** A gauge per served model: its generation, labelled with its name and version. */
  void model(String name, Supplier<ServedModel> current) {
    Gauge.builder("cinerec.model.generation", () -> current.get().generation())
        .description("The generation of the model served under this name (grows with each reload)")
        .tag("model", name).register(registry);
  }

  private final Map<String, io.micrometer.core.instrument.Meter.Id> infos = new ConcurrentHashMap<>();

  /** {@code cinerec_model_info{model, kind, version} 1} for the model now served under its name. */
  synchronized void modelInfo(ServedModel m) {
    io.micrometer.core.instrument.Meter.Id old = infos.remove(m.name());
    if (old != null) {
      registry.remove(old);
    }
    Gauge g = Gauge.builder("cinerec.model.info", () -> 1).description("The model served under each name")
        .tag("model", m.name()).tag("kind", m.model().kind()).tag("version", m.version()).register(registry);
    infos.put(m.name(), g.getId());
  }

  /**
   * Live request figures for people (the page's insights): per route and status, the count, mean and the
   * p50 / p99 latency in milliseconds (Micrometer's decaying client-side percentiles); and the counters.
   */
  Map<String, Object> stats() {
    java.util.List<Map<String, Object>> routes = new java.util.ArrayList<>();
    for (Timer t : new java.util.TreeMap<>(timers).values()) {
      io.micrometer.core.instrument.distribution.HistogramSnapshot snap = t.takeSnapshot();
      Map<String, Object> r = new java.util.LinkedHashMap<>();
      r.put("method", t.getId().getTag("method"));
      r.put("route", t.getId().getTag("route"));
      r.put("status", Integer.parseInt(t.getId().getTag("status")));
      r.put("count", snap.count());
      r.put("meanMs", snap.mean(java.util.concurrent.TimeUnit.MILLISECONDS));
      for (io.micrometer.core.instrument.distribution.ValueAtPercentile v : snap.percentileValues()) {
        r.put(v.percentile() == 0.5 ? "p50Ms" : "p99Ms", v.value(java.util.concurrent.TimeUnit.MILLISECONDS));
      }
      routes.add(r);
    }
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    out.put("requests", routes);
    out.put("foldIns", foldIns.count());
    out.put("storeWrites", storeWrites.count());
    out.put("storeWriteFailures", storeWriteFailures.count());
    out.put("rejected", rejected.count());
    out.put("modelReloads", reloads.count());
    return out;
  }

  /** The Prometheus text exposition. */
  String scrape() {
    return registry.scrape();
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
