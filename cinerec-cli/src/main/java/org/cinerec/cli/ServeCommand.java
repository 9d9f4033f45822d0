package org.cinerec.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.cinerec.CinerecException;
import org.cinerec.data.Dataset;
import org.cinerec.io.DataRecord;
import org.cinerec.model.ModelInfo;
import org.cinerec.serve.PopularityPrior;
import org.cinerec.server.CinerecServer;
import org.cinerec.server.ServerConfig;
import org.cinerec.server.store.StoreLease;
import org.cinerec.server.store.StoreUrl;
import org.cinerec.model.ModelFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cinerec serve MODEL...}: the recommendation service ({@link CinerecServer}) over the models given
 * (files, or folders whose {@code *.cinerec} files are all served, each under its file stem; the first is
 * the default), with a durable ratings store seeded from the data. Runs until stopped (Ctrl-C or SIGTERM
 * drain the requests in flight and close the store cleanly).
 */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Serve models over HTTP with a durable ratings store and live updates.",
        "Each model is served under its file name without .cinerec; the first is the default of every "
            + "?model= parameter. The store is seeded once from DATA (or the data the first model was trained "
            + "on, when found). One server per store: a second one on a store in use is refused. Bound to a "
            + "loopback address the server is a single-person demo; bound elsewhere "
            + "it needs an admin token from CINEREC_ADMIN_TOKEN or --admin-token-file."})
final class ServeCommand implements Callable<Integer> {
  /** The environment variable holding the admin token. */
  static final String TOKEN_ENV = "CINEREC_ADMIN_TOKEN";

  @Spec
  CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "MODEL", description = "Model files, or folders of them (*.cinerec).")
  List<Path> models;

  @Option(names = "--data", paramLabel = "DATA",
      description = "Seed the store from DATA (all its ratings, once). Default: the data the first model was "
          + "trained on, when it is found. It is read as that model's data was (its column mapping and scale are "
          + "recorded in the file); the reader flags below change that.")
  Path data;

  @Mixin
  ReaderOptions reader = new ReaderOptions();

  @Option(names = "--store", paramLabel = "URL",
      description = "The ratings store: a file (SQLite), jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB. "
          + "Default: ratings.db beside the first model.")
  String store;

  @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080", description = "Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(names = "--bind", paramLabel = "HOST", defaultValue = "127.0.0.1",
      description = "Address to listen on. Default: ${DEFAULT-VALUE} (this machine only).")
  String bind;

  @Option(names = "--admin-token-file", paramLabel = "FILE",
      description = "File holding the admin token (else the environment variable " + TOKEN_ENV + ").")
  Path tokenFile;

  @Option(names = "--popularity-prior", paramLabel = "W0,N", defaultValue = "off",
      description = "Rank folded-in users (and anonymous histories) by a blend of the model's scores and the movies' "
          + "training popularity, popularity's weight W0 (0..1) fading to nothing at N ratings (e.g. 1,100; "
          + "docs/notes/cold-start.md); off: the model alone. Default: ${DEFAULT-VALUE}.")
  String popularityPrior;

  @Option(names = "--no-watch", description = "Do not reload a model when its file changes.")
  boolean noWatch;

  @Option(names = "--posters", paramLabel = "DIR",
      description = "A folder of local poster images named by movie id (<movieId>.jpg, .jpeg, .png or .webp), "
          + "indexed at start and shown on the page's tiles. Nothing is fetched from the internet; without it "
          + "the page draws every tile from the title.")
  Path posters;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (port < 0 || port > 65_535) {
      throw CinerecException.usage("--port " + port + " is outside 0..65535");
    }
    if (posters != null && !Files.isDirectory(posters)) {
      throw CinerecException.usage("--posters " + posters + ": not a folder (give the folder holding "
          + "<movieId>.jpg, .jpeg, .png or .webp files)");
    }
    List<Path> files = modelFiles(models);
    ServerConfig config = ServerConfig.of(files).withAddress(bind, port).withAdminToken(adminToken())
        .withWatch(!noWatch).withPosters(posters)
        .withPrior(PopularityPrior.Schedule.parse("--popularity-prior", popularityPrior));
    if (store != null) {
      config = config.withStore(StoreUrl.parse(store));
    }
    Consumer<String> log = line -> {
      out.println(line);
      out.flush();
    };
    // the store's lease first: a second server on a store in use is refused before it reads the data
    StoreLease lease = StoreLease.take(config.storeOrDefault(), StoreLease.thisProcess(), log);
    try {
      config = withData(config, files.get(0), err);
    } catch (RuntimeException e) {
      lease.close();
      throw e;
    }
    CinerecServer server = CinerecServer.start(config, lease, log);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        out.println("stopping: draining requests in flight");
        out.flush();
        server.close();
      } catch (RuntimeException e) {
        err.println("error: while stopping: " + e);
        err.flush();
      } finally {
        stopped.countDown();
      }
    }, "cinerec-shutdown"));
    stopped.await();
    return 0;
  }

  /** Model files: each file as given, each folder's *.cinerec files by name. */
  static List<Path> modelFiles(List<Path> given) {
    List<Path> out = new ArrayList<>();
    for (Path p : given) {
      if (Files.isDirectory(p)) {
        try (Stream<Path> s = Files.list(p)) {
          List<Path> found = s.filter(f -> f.getFileName().toString().endsWith(".cinerec") && Files.isRegularFile(f))
              .sorted().toList();
          if (found.isEmpty()) {
            throw new CinerecException(p + ": no model files (*.cinerec) in this folder");
          }
          out.addAll(found);
        } catch (IOException e) {
          throw new CinerecException(p + ": cannot list the folder: " + e.getMessage(), e);
        }
      } else if (!Files.isRegularFile(p)) {
        throw new CinerecException(p + ": no such model file or folder");
      } else {
        out.add(p);
      }
    }
    return out;
  }

  /** The admin token: the file's first line, else the environment variable, else null. */
  String adminToken() {
    if (tokenFile != null) {
      try {
        String t = Files.readString(tokenFile).strip();
        if (t.isEmpty()) {
          throw CinerecException.usage("--admin-token-file " + tokenFile + " is empty");
        }
        return t.lines().findFirst().orElse(t).strip();
      } catch (IOException e) {
        throw CinerecException.usage("--admin-token-file " + tokenFile + ": cannot read: " + e.getMessage());
      }
    }
    String env = System.getenv(TOKEN_ENV);
    return env == null || env.isBlank() ? null : env.strip();
  }

  /** The data to seed from: --data, else the first model's training data when it is found. */
  private ServerConfig withData(ServerConfig config, Path firstModel, PrintWriter err) {
    org.cinerec.model.Recommender first = ModelFiles.load(firstModel).model();
    ModelInfo info = first.info();
    if (data != null) {
      Path p = DataOptions.resolve(data);
      org.cinerec.io.LoadOptions read = reader.over(CliSupport.recordedOptions(first, data));
      Dataset d = CliSupport.loadData(p, read, err);
      return config.withData(d, Files.exists(data) ? p.toAbsolutePath().normalize().toString() : data.toString(),
          read);
    }
    DataRecord rec = info.data();
    if (rec == null || StoreUrl.isStore(rec.path())) {
      if (reader.any()) {
        throw CinerecException.usage(reader.given().strip() + ": reader flags apply to the data the store is seeded "
            + "from, and " + firstModel + " names none" + (rec == null ? "" : " (it was trained from a ratings store)")
            + "; give it with --data DATA");
      }
      return config; // trained from a store: that store is seeded already
    }
    Path where;
    try {
      where = rec.locate(firstModel.toAbsolutePath().getParent());
    } catch (CinerecException e) {
      err.println("note: " + e.getMessage());
      return config;
    }
    org.cinerec.io.LoadOptions read = reader.over(rec.read());
    Dataset d = CliSupport.loadData(where, read, err);
    return config.withData(d, where.toAbsolutePath().normalize().toString(), read);
  }
}
