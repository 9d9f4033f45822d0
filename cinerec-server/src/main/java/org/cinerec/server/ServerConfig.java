package org.cinerec.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.cinerec.data.Dataset;
import org.cinerec.io.LoadOptions;
import org.cinerec.serve.PopularityPrior;
import org.cinerec.server.store.StoreUrl;

/**
 * How one {@link CinerecServer} runs: the model files it serves (the first is the default), the ratings store,
 * the data to seed it from, where it listens, and the bounds that keep it safe.
 *
 * @param models          model files, each served under its file stem ({@code mf.cinerec} is "mf"); the first
 *                        is the default of every {@code ?model=} parameter
 * @param store           the ratings store; null: an SQLite file beside the first model
 *                        ({@link #defaultStore})
 * @param data            the dataset to seed the store from (all of it, once), or null when none is at hand
 * @param dataLabel       where {@code data} came from (a path or a downloaded dataset's name): the log names it
 *                        and the store records it, so that training from the store finds the catalogue again
 * @param dataRead        how {@code data} was read (format, column mapping, scale ...), or null for the defaults:
 *                        the store records it too, so that the catalogue is read again the same way
 * @param host            the address to bind; a loopback address makes the server a single-person demo
 * @param port            the port; 0 picks a free one ({@link CinerecServer#port()})
 * @param adminToken      the admin token (from the environment or a file, never a flag); required when
 *                        {@code host} is not a loopback address
 * @param limits          request size, concurrency and timeouts
 * @param watchModels     reload a model when its file changes (checked every {@link Limits#watchInterval})
 * @param posters         a folder of local poster images ({@code <movieId>.jpg} ...; {@link Posters}), or null
 * @param prior           the prior toward popularity for folded-in users ({@link PopularityPrior}, over each
 *                        model's training popularity), or null for none (the default)
 */
public record ServerConfig(List<Path> models, StoreUrl store, Dataset data, String dataLabel, LoadOptions dataRead,
    String host,
    int port, String adminToken, Limits limits, boolean watchModels, Path posters, PopularityPrior.Schedule prior) {

  /** Where {@code cinerec serve} listens unless told otherwise. */
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_PORT = 8080;

  public ServerConfig {
    models = List.copyOf(models);
    if (models.isEmpty()) {
      throw new IllegalArgumentException("no model to serve");
    }
    if (limits == null) {
      limits = Limits.DEFAULT;
    }
  }

  /** Serves these models on 127.0.0.1 with the default store, no seeding data, default limits. */
  public static ServerConfig of(List<Path> models) {
    return new ServerConfig(models, null, null, null, null, DEFAULT_HOST, DEFAULT_PORT, null, Limits.DEFAULT, true, null,
        null);
  }

  public ServerConfig withStore(StoreUrl s) {
    return new ServerConfig(models, s, data, dataLabel, dataRead, host, port, adminToken, limits, watchModels, posters, prior);
  }

  public ServerConfig withData(Dataset d, String label) {
    return withData(d, label, null);
  }

  /** The data to seed the store from, where it was read from and how (null: the readers' defaults). */
  public ServerConfig withData(Dataset d, String label, LoadOptions read) {
    return new ServerConfig(models, store, d, label, read, host, port, adminToken, limits, watchModels, posters, prior);
  }

  public ServerConfig withAddress(String h, int p) {
    return new ServerConfig(models, store, data, dataLabel, dataRead, h, p, adminToken, limits, watchModels, posters, prior);
  }

  public ServerConfig withAdminToken(String token) {
    return new ServerConfig(models, store, data, dataLabel, dataRead, host, port, token, limits, watchModels, posters, prior);
  }

  public ServerConfig withLimits(Limits l) {
    return new ServerConfig(models, store, data, dataLabel, dataRead, host, port, adminToken, l, watchModels, posters, prior);
  }

  public ServerConfig withWatch(boolean watch) {
    return new ServerConfig(models, store, data, dataLabel, dataRead, host, port, adminToken, limits, watch, posters, prior);
  }

  public ServerConfig withPosters(Path folder) {
    return new ServerConfig(models, store, data, dataLabel, dataRead, host, port, adminToken, limits, watchModels, folder, prior);
  }

  public ServerConfig withPrior(PopularityPrior.Schedule p) {
    return new ServerConfig(models, store, data, dataLabel, dataRead, host, port, adminToken, limits, watchModels, posters, p);
  }

  /** The store to open: the one given, else {@code ratings.db} beside the first model. */
  public StoreUrl storeOrDefault() {
    return store != null ? store : defaultStore(models.get(0));
  }

  /** {@code ratings.db} in the folder of this model file. */
  public static StoreUrl defaultStore(Path firstModel) {
    Path dir = firstModel.toAbsolutePath().getParent();
    return StoreUrl.parse(dir.resolve("ratings.db").toString());
  }

  /**
   * The bounds on what one request, and all of them together, may take; past them the answer is 408, 413, 429
   * or 503 (with {@code Retry-After}), never a 500. docs/reliability.md lists them with their defaults (a test
   * checks that the page and {@link #DEFAULT} agree).
   *
   * @param maxRequestBytes   largest request body (413 above it)
   * @param maxConcurrent     requests handled at once (503 when all are busy for {@code queueWait})
   * @param queueWait         how long a request waits for a free slot before 503
   * @param maxWritesWaiting  rating writes waiting for the store at once (429 above it)
   * @param idleTimeout       a connection with no bytes moving either way for this long is closed (a client
   *                          that stops reading its answer frees its thread); idle server threads above the
   *                          pool's minimum end after it too
   * @param maxThreads        server threads
   * @param watchInterval     how often model files are checked for changes
   * @param userCache         users whose ratings and folded-in state are kept in memory
   * @param readTimeout       a request's line and headers must arrive within this of their first byte (else
   *                          the connection is closed), and its body within this of the route starting to read
   *                          it (else 408): a client dribbling bytes slower than the idle timeout holds nothing
   */
  public record Limits(long maxRequestBytes, int maxConcurrent, Duration queueWait, int maxWritesWaiting,
      Duration idleTimeout, int maxThreads, Duration watchInterval, int userCache, Duration readTimeout) {
    public static final Limits DEFAULT = new Limits(64 * 1024, 64, Duration.ofMillis(200), 32,
        Duration.ofSeconds(30), 96, Duration.ofSeconds(2), 50_000, Duration.ofSeconds(10));

    /** The bounds with the default read timeout. */
    public Limits(long maxRequestBytes, int maxConcurrent, Duration queueWait, int maxWritesWaiting,
        Duration idleTimeout, int maxThreads, Duration watchInterval, int userCache) {
      this(maxRequestBytes, maxConcurrent, queueWait, maxWritesWaiting, idleTimeout, maxThreads, watchInterval,
          userCache, Duration.ofSeconds(10));
    }
  }
}
