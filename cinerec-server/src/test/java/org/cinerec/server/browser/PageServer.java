package org.cinerec.server.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.cinerec.data.Dataset;
import org.cinerec.io.DataSources;
import org.cinerec.model.ModelFamilies;
import org.cinerec.model.ModelFiles;
import org.cinerec.model.Recommender;
import org.cinerec.server.CinerecServer;
import org.cinerec.server.ServerConfig;
import org.cinerec.testkit.SharedData;

/**
 * A {@code cinerec serve} started in this JVM on a free loopback port for the browser tests: models trained here
 * (once per JVM and dataset) on real data, saved under {@code target/browser-tests/}, and a fresh SQLite store
 * seeded from the same data, so each test class starts from the dataset's own ratings.
 */
final class PageServer implements AutoCloseable {
  static final Path ROOT = Path.of("target", "browser-tests").toAbsolutePath();
  /** The models served on ml-latest-small: the first is the default (as {@code cinerec serve models/} sorts). */
  static final List<String> KINDS = List.of("ease", "mf");
  private static final Map<Path, Dataset> DATA = new HashMap<>();
  private static final Map<String, Recommender> TRAINED = new HashMap<>();
  private static int counter;

  /** The admin token of a protected server (test data, not a secret). */
  static final String ADMIN_TOKEN = "browser-test-admin-token";

  final CinerecServer server;
  final Dataset data;
  final ConcurrentLinkedQueue<String> log = new ConcurrentLinkedQueue<>();
  private final boolean loopback;

  /** A model to serve: its name (the file's), its family and the trainer's parameters. */
  record Model(String name, String kind, Map<String, String> params) {
    static List<Model> of(List<String> kinds) {
      return kinds.stream().map(k -> new Model(k, k, Map.of())).toList();
    }
  }

  private PageServer(Path dataDir, List<Model> models, String name, Path posters, boolean loopback) {
    this.loopback = loopback;
    this.data = data(dataDir);
    Path dir = dir(name);
    List<Path> files = new ArrayList<>();
    for (Model m : models) {
      Path f = dir.resolve(m.name() + ".cinerec");
      ModelFiles.save(f, trained(dataDir, m.kind(), m.params()), data.catalog());
      files.add(f);
    }
    ServerConfig config = ServerConfig.of(files).withData(data, dataDir.toString()).withWatch(false)
        .withPosters(posters);
    // bound to every address the server is no loopback demo (Access): the admin token is required, a created
    // user's writes need their key and the data's users are read-only; the browser still talks over loopback
    this.server = CinerecServer.start(loopback ? config.withAddress("127.0.0.1", 0)
        : config.withAddress("0.0.0.0", 0).withAdminToken(ADMIN_TOKEN), log::add);
  }

  /** A server on ml-latest-small (skipped locally, failed under CI=true, when the dataset is missing). */
  static PageServer mlLatestSmall(String name) {
    return new PageServer(SharedData.mlLatestSmall(), Model.of(KINDS), name, null, true);
  }

  /**
   * A server on ml-latest-small that is not a loopback demo: bound to every address ({@code 0.0.0.0}) with an
   * admin token, so its safety rules apply as on a shared machine. Served with {@code ease} only.
   */
  static PageServer protectedMlLatestSmall(String name) {
    return new PageServer(SharedData.mlLatestSmall(), Model.of(List.of("ease")), name, null, false);
  }

  /** A server on a small dataset in a folder (MovieLens CSV files), with one ease model and a poster folder. */
  static PageServer of(Path dataDir, String name, Path posters) {
    return new PageServer(dataDir, Model.of(List.of("ease")), name, posters, true);
  }

  /** A server on a data folder with these models trained on it (the first is the default), as a loopback demo. */
  static PageServer withModels(Path dataDir, String name, List<Model> models) {
    return new PageServer(dataDir, models, name, null, true);
  }

  private static synchronized Dataset data(Path dir) {
    return DATA.computeIfAbsent(dir.toAbsolutePath().normalize(), DataSources::load);
  }

  private static synchronized Recommender trained(Path dir, String kind, Map<String, String> params) {
    return TRAINED.computeIfAbsent(dir.toAbsolutePath().normalize() + "#" + kind + new TreeMap<>(params),
        k -> ModelFamilies.trainer(kind, params).fit(data(dir)));
  }

  /** Writes a fixture's file as UTF-8 into {@code dir}; returns {@code dir}. */
  static Path write(Path dir, String name, CharSequence text) {
    try {
      Files.writeString(dir.resolve(name), text, java.nio.charset.StandardCharsets.UTF_8);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static synchronized Path dir(String name) {
    try {
      Path d = ROOT.resolve(name + "-" + ProcessHandle.current().pid() + "-" + (++counter));
      Files.createDirectories(d);
      return d;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code http://127.0.0.1:PORT}, also for a server bound to every address. */
  String url() {
    return loopback ? server.url() : "http://127.0.0.1:" + server.port();
  }

  @Override
  public void close() {
    server.close();
  }
}
