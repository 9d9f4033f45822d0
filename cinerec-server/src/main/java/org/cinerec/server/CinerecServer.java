package org.cinerec.server;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import io.javalin.json.JavalinJackson;
import io.javalin.router.Endpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.cinerec.CinerecException;
import org.cinerec.data.DataFingerprint;
import org.cinerec.server.store.JdbcRatingStore;
import org.cinerec.server.store.StoreLease;
import org.cinerec.server.store.StoreUrl;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.eclipse.jetty.util.BlockingArrayQueue;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * {@code cinerec serve}: one process that serves saved models over HTTP (Javalin, Jackson) with a durable
 * ratings store ({@link JdbcRatingStore}) and per-user fold-in ({@link UserStates}). All routes are in
 * {@link #routes}; handlers are small static methods, one class per resource; errors map to JSON in
 * {@link Errors}. {@link #start} returns once the models are loaded and warmed, the store is open and
 * seeded, and the port is bound; {@link #stop} drains requests in flight, then closes the store.
 *
 * <p>One server process per store: per-user state lives in this process (see docs/serving.md), and a
 * {@link StoreLease} held while it runs refuses a second server on the same store.
 */
public final class CinerecServer implements AutoCloseable {
  /** The OpenAPI 3 document of these routes (a resource beside this class, checked against them by a test). */
  static final byte[] OPENAPI = openApi();
  /** Stores with at most this many ratings are read into memory at start ({@link UserStates#preload}). */
  static final long PRELOAD_MAX_RATINGS = 2_000_000;
  /** The request line and headers together may take at most this many bytes (431 past it; 414 for the line). */
  static final int MAX_HEADER_BYTES = 8 * 1024;
  private final Service service;
  /** This process's claim to the store: one server per store ({@link StoreLease}). */
  private final StoreLease lease;
  private final WebPage page;
  private final DatasetResource dataset;
  private final Javalin app;
  private final Consumer<String> log;
  private final ScheduledExecutorService watcher;
  private final Semaphore slots;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final List<String> registered = new ArrayList<>();
  private final List<HeaderDeadline> deadlines = new ArrayList<>();
  private final long startedAt = System.currentTimeMillis();
  private volatile boolean draining;
  private volatile boolean stopped;
  private volatile String lastWatchFailure;

  private CinerecServer(ServerConfig config, StoreLease taken, Consumer<String> log) {
    this.log = log;
    Access access = new Access(config.host(), config.adminToken());
    StoreUrl url = config.storeOrDefault();
    log.accept("ratings store: " + (url.sqlite() ? "SQLite " + url.file() : "PostgreSQL " + url.display())
        + (config.store() == null ? " (the default: beside the first model; --store URL to choose)" : ""));
    this.lease = taken != null ? taken : StoreLease.take(url, StoreLease.thisProcess(), log);
    ServerMetrics metrics = new ServerMetrics();
    JdbcRatingStore store;
    try {
      store = JdbcRatingStore.open(url);
    } catch (RuntimeException e) {
      lease.close();
      metrics.close();
      throw e;
    }
    ModelRegistry models;
    UserStates users;
    try {
      users = new UserStates(store, metrics, config.limits().userCache(), config.limits().maxWritesWaiting());
      models = new ModelRegistry(config.models(), config.prior(), CatalogueResource.served(store.movies()),
          m -> swapped(m));
      ModelRegistry served = models;
      users.suggestFrom(() -> served.get(null).model().users());
      log.accept(seed(config, store));
      if (!models.addedMovies().isEmpty()) {
        log.accept(String.format(java.util.Locale.ROOT, "%,d movie(s) added through the service since training "
            + "(POST /api/v1/movies), in every model's catalogue", models.addedMovies().size()));
      }
      int held = users.preload(PRELOAD_MAX_RATINGS, config.limits().userCache());
      if (held > 0) {
        log.accept(String.format(java.util.Locale.ROOT, "holding %,d users' ratings in memory (reads go on when "
            + "the store is away)", held));
      }
    } catch (RuntimeException e) {
      store.close();
      lease.close();
      metrics.close();
      throw e;
    }
    Posters posters;
    try {
      posters = Posters.index(config.posters());
    } catch (RuntimeException e) {
      store.close();
      lease.close();
      metrics.close();
      throw e;
    }
    if (posters.describe() != null) {
      log.accept(posters.describe());
    }
    this.service = new Service(config, models, users, store, lease, access, metrics, posters, Tiles.mapper(posters));
    for (ServedModel m : models.all()) {
      metrics.modelInfo(m);
      metrics.model(m.name(), () -> models.get(m.name()));
      log.accept(String.format(java.util.Locale.ROOT, "model %s: %s, %,d movies, %,d users, version %s (%s, "
          + "loaded and warmed %.2f s)", m.name(), m.model().kind(), m.model().items().size(),
          m.model().users().size(), m.version(), m.path(), m.loadSeconds()));
    }
    this.page = WebPage.load();
    this.dataset = new DatasetResource(config.data(), config.dataLabel());
    this.slots = new Semaphore(config.limits().maxConcurrent());
    this.app = Javalin.create(this::configure);
    this.watcher = config.watchModels() ? Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "cinerec-model-watch");
      t.setDaemon(true);
      return t;
    }) : null;
  }

  private static byte[] openApi() {
    try (java.io.InputStream in = CinerecServer.class.getResourceAsStream("openapi.json")) {
      if (in == null) {
        throw new IllegalStateException("openapi.json is missing from the jar");
      }
      return in.readAllBytes();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Takes the store's lease ({@link StoreLease}: refused when another server holds it), opens the store, loads
   * and warms the models, seeds the store, and starts listening.
   */
  public static CinerecServer start(ServerConfig config, Consumer<String> log) {
    return start(config, null, log);
  }

  /**
   * As {@link #start(ServerConfig, Consumer)} with the lease on {@code config.storeOrDefault()} already taken
   * (so a caller can be refused before it reads the seed data); the server ends it when it stops, or when it
   * fails to start. Null takes it here.
   */
  public static CinerecServer start(ServerConfig config, StoreLease lease, Consumer<String> log) {
    CinerecServer s;
    try {
      s = new CinerecServer(config, lease, log);
    } catch (RuntimeException e) {
      if (lease != null) {
        lease.close();
      }
      throw e;
    }
    try {
      s.app.start(config.host(), config.port());
    } catch (RuntimeException e) {
      s.service.store().close();
      s.lease.close();
      throw CinerecException.failure("cannot listen on " + config.host() + ":" + config.port() + ": "
          + e.getMessage(), e);
    }
    for (Connector c : s.app.jettyServer().server().getConnectors()) {
      if (c instanceof ServerConnector sc) {
        sc.setIdleTimeout(config.limits().idleTimeout().toMillis());
        s.deadlines.add(HeaderDeadline.start(sc, config.limits().readTimeout()));
      }
    }
    if (s.watcher != null) {
      long every = config.limits().watchInterval().toMillis();
      s.watcher.scheduleWithFixedDelay(s::watch, every, every, TimeUnit.MILLISECONDS);
    }
    log.accept("serving " + s.service.models().all().size() + " model(s) on " + s.url() + " ("
        + (s.service.access().demo() ? "loopback demo: anyone on this machine may act as any user"
            : "protected: admin token and user keys required") + "); the page is at " + s.url()
        + "/ and the API is described at " + s.url() + "/api/v1/openapi.json");
    return s;
  }

  /**
   * Seeds the store from the config's data once (the store refuses data other than what it was seeded from);
   * returns the line for the log.
   */
  private static String seed(ServerConfig config, JdbcRatingStore store) {
    if (config.data() != null) {
      String fp = DataFingerprint.hex(DataFingerprint.of(config.data()));
      JdbcRatingStore.Seeded s = store.seed(config.data(), fp, config.dataLabel(), config.dataRead());
      return (s.now() ? "seeded the store from " : "the store was seeded from ")
          + (config.dataLabel() == null ? "the data" : config.dataLabel()) + " (fingerprint " + fp + "): "
          + String.format(java.util.Locale.ROOT, "%,d users, %,d ratings", s.users(), s.ratings());
    }
    return store.seededWith().map(fp -> "the store was seeded from data with fingerprint " + fp)
        .orElse("the store is not seeded (no --data, and the models' training data was not found): training "
            + "users answer from the model as trained; new users work as usual");
  }

  private void configure(JavalinConfig cfg) {
    ServerConfig.Limits limits = service.config().limits();
    cfg.startup.showJavalinBanner = false;
    cfg.startup.showOldJavalinVersionWarning = false;
    cfg.jsonMapper(new JavalinJackson(service.json(), false));
    cfg.http.maxRequestSize = limits.maxRequestBytes();
    // threads above the minimum end once idle for the connections' idle timeout, all of them at once (Jetty
    // lets one go per timeout by default: after a burst the pool took minutes to shrink; AbuseTest)
    QueuedThreadPool pool = new QueuedThreadPool(limits.maxThreads(), Math.min(8, limits.maxThreads()),
        (int) Math.min(Integer.MAX_VALUE, limits.idleTimeout().toMillis()),
        new BlockingArrayQueue<>(limits.maxThreads() * 4));
    pool.setMaxEvictCount(limits.maxThreads());
    cfg.jetty.threadPool = pool;
    cfg.jetty.modifyHttpConfiguration(h -> h.setRequestHeaderSize(MAX_HEADER_BYTES));
    // a graceful stop waits for requests in flight to be answered in full (the response written), not only
    // for their handlers to return
    cfg.jetty.modifyServer(server -> {
      server.setHandler(new GracefulHandler());
      server.setErrorHandler(new JettyErrors()); // Jetty's own refusals as the API's JSON errors
    });
    cfg.jetty.modifyServletContextHandler(h -> h.setErrorHandler(new JettyErrors()));
    cfg.router.handlerWrapper(this::bounded);
    cfg.requestLogger.http((ctx, ms) -> {
      Endpoint e = ctx.endpoints().matchedHttpEndpoint();
      service.metrics().request(ctx.method().name(), e == null ? "unmatched" : e.path, ctx.statusCode(),
          (long) (ms * 1_000_000L));
    });
    cfg.events.handlerAdded(h -> {
      if (h.getHttpMethod().isHttpMethod()) {
        registered.add(h.getHttpMethod().name() + " " + h.getPath());
      }
    });
    routes(cfg.routes, service);
  }

  /** Every route, in one block. */
  private void routes(RoutesConfig r, Service s) {
    r.before(ctx -> {
      ctx.header("X-Content-Type-Options", "nosniff");
      ctx.header("Cache-Control", "no-store");
      s.access().check(ctx);
    });
    r.exception(ApiException.class, Errors::api);
    r.exception(CinerecException.class, Errors::cinerec);
    r.exception(HttpResponseException.class, Errors::javalin);
    r.exception(Exception.class, (e, ctx) -> Errors.unexpected(e, ctx, log));
    r.error(404, Errors::noRoute);
    r.error(405, Errors::noRoute);

    r.get("/health", ctx -> HealthResource.ready(s, ctx, draining));
    r.get("/health/live", ctx -> HealthResource.live(s, ctx));
    r.get("/metrics", ctx -> HealthResource.metrics(s, ctx));
    r.get("/api/v1/stats", ctx -> HealthResource.stats(s, ctx, startedAt));

    r.get("/api/v1/openapi.json", ctx -> {
      Query.of(ctx, java.util.Set.of());
      ctx.contentType("application/json").result(OPENAPI);
    });
    r.get("/api/v1/models", ctx -> ModelResource.list(s, ctx));
    r.get("/api/v1/models/{name}", ctx -> ModelResource.get(s, ctx));
    r.get("/api/v1/dataset", ctx -> dataset.get(s, ctx));
    r.post("/api/v1/admin/reload", ctx -> ModelResource.reload(s, ctx));

    r.post("/api/v1/users", ctx -> UserResource.create(s, ctx));
    r.get("/api/v1/users/{userId}", ctx -> UserResource.get(s, ctx));
    r.delete("/api/v1/users/{userId}", ctx -> UserResource.delete(s, ctx));
    r.put("/api/v1/users/{userId}/attributes", ctx -> UserResource.putAttributes(s, ctx));
    r.get("/api/v1/users/{userId}/ratings", ctx -> UserResource.ratings(s, ctx));
    r.put("/api/v1/users/{userId}/ratings/{movieId}", ctx -> UserResource.putRating(s, ctx));
    r.delete("/api/v1/users/{userId}/ratings/{movieId}", ctx -> UserResource.deleteRating(s, ctx));
    r.get("/api/v1/users/{userId}/dismissals", ctx -> UserResource.dismissals(s, ctx));
    r.put("/api/v1/users/{userId}/dismissals/{movieId}", ctx -> UserResource.dismiss(s, ctx));
    r.delete("/api/v1/users/{userId}/dismissals/{movieId}", ctx -> UserResource.undismiss(s, ctx));

    r.get("/api/v1/users/{userId}/recommendations", ctx -> RecommendResource.forUser(s, ctx));
    r.get("/api/v1/users/{userId}/home", ctx -> PageResource.home(s, ctx));
    r.get("/api/v1/users/{userId}/movies/{movieId}", ctx -> PageResource.movie(s, ctx));
    r.get("/api/v1/users/{userId}/predictions/{movieId}", ctx -> RecommendResource.predict(s, ctx));
    r.post("/api/v1/recommendations", ctx -> RecommendResource.anonymous(s, ctx));

    r.post("/api/v1/movies", ctx -> CatalogueResource.add(s, ctx));
    r.get("/api/v1/movies/search", ctx -> MovieResource.search(s, ctx));
    r.get("/api/v1/movies/popular", ctx -> MovieResource.popular(s, ctx));
    r.get("/api/v1/movies/{movieId}", ctx -> MovieResource.details(s, ctx));
    r.get("/api/v1/movies/{movieId}/similar", ctx -> MovieResource.similar(s, ctx));
    r.get("/api/v1/genres", ctx -> MovieResource.genres(s, ctx));
    r.get("/api/v1/genres/{genre}/top", ctx -> MovieResource.topInGenre(s, ctx));
    r.get("/api/v1/starter", ctx -> MovieResource.starter(s, ctx));

    // the web page: its own URLs answer index.html (it routes itself), its files are under /assets/
    r.get("/", page::index);
    for (String url : WebPage.PAGE_URLS) { // /start, /movie/{movieId}, /search, /my-ratings, ...
      r.get(url, page::index);
    }
    r.get("/assets/{file}", page::asset);
    r.get("/posters/{file}", ctx -> s.posters().serve(ctx));
  }

  /**
   * Wraps every route handler but liveness and metrics: at most {@code maxConcurrent} at once (a request
   * waits {@code queueWait} for a slot, then gets 503 with Retry-After), none once draining, each counted in
   * flight so {@link #stop} can wait for them.
   */
  private Handler bounded(Endpoint endpoint) {
    Handler h = endpoint.handler;
    if (!endpoint.method.isHttpMethod()) {
      return h;
    }
    if (endpoint.path.equals("/health/live") || endpoint.path.equals("/metrics")) {
      return h; // liveness and metrics answer even when every slot is busy (they are cheap)
    }
    long waitNanos = service.config().limits().queueWait().toNanos();
    return ctx -> {
      if (draining) {
        service.metrics().rejected();
        throw ApiException.unavailable("the server is shutting down", 5);
      }
      if (!slots.tryAcquire(waitNanos, TimeUnit.NANOSECONDS)) {
        service.metrics().rejected();
        throw ApiException.unavailable("the server is busy (" + service.config().limits().maxConcurrent()
            + " requests in progress); try again in a second", 1);
      }
      inFlight.incrementAndGet();
      try {
        h.handle(ctx);
      } finally {
        inFlight.decrementAndGet();
        slots.release();
      }
    };
  }

  private void swapped(ServedModel m) {
    if (service != null) {
      service.users().modelSwapped(service.storeReachable());
      service.metrics().modelInfo(m);
      service.metrics().reloaded();
    }
    log.accept("model " + m.name() + " swapped in: version " + m.version() + ", generation " + m.generation());
  }

  private void watch() {
    try {
      service.models().reloadChanged();
      lastWatchFailure = null;
    } catch (RuntimeException e) {
      String msg = e.getMessage();
      if (!java.util.Objects.equals(msg, lastWatchFailure)) {
        log.accept("model file changed but cannot be loaded; still serving the previous model: " + msg);
        lastWatchFailure = msg;
      }
    }
  }

  /** The port listened on (the one picked when the config said 0). */
  public int port() {
    return app.port();
  }

  /** {@code http://HOST:PORT}. */
  public String url() {
    String h = service.config().host();
    return "http://" + (h.contains(":") ? "[" + h + "]" : h) + ":" + port();
  }

  /** The web page's files (the names served under /assets/). */
  List<String> pageFiles() {
    return page.names();
  }

  /** Requests being handled now. */
  int inFlight() {
    return inFlight.get();
  }

  /** The routes the server registered, as {@code "GET /api/v1/models"}. */
  public List<String> routes() {
    return List.copyOf(registered);
  }

  /**
   * Stops: new requests get 503, requests in flight finish (up to {@code drain}), then the server stops
   * listening and the store closes cleanly. Safe to call twice.
   */
  public synchronized void stop(java.time.Duration drain) {
    if (stopped) {
      return;
    }
    stopped = true;
    draining = true;
    if (watcher != null) {
      watcher.shutdownNow();
    }
    deadlines.forEach(HeaderDeadline::stop);
    long deadline = System.nanoTime() + drain.toNanos();
    while (inFlight.get() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    app.jettyServer().server().setStopTimeout(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
    app.stop();
    service.store().close();
    lease.close();
    service.metrics().close();
    log.accept("stopped; the ratings store is closed");
  }

  @Override
  public void close() {
    stop(java.time.Duration.ofSeconds(10));
  }
}
