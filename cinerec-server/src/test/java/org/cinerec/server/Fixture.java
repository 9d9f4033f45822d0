package org.cinerec.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.cinerec.Progress;
import org.cinerec.data.Dataset;
import org.cinerec.model.ModelFamilies;
import org.cinerec.model.Recommender;
import org.cinerec.model.ModelFiles;
import org.cinerec.synth.Preset;
import org.cinerec.synth.SyntheticData;

/**
 * Small trained models on synthetic data (the tiny preset: 50 users, 500 movies, 3,000 ratings), saved under
 * {@code target/server-tests/}, and servers started on them on a free loopback port.
 */
final class Fixture {
  static final Path ROOT = Path.of("target", "server-tests").toAbsolutePath();
  private static Dataset data;
  private static int counter;
  private static final Map<String, Recommender> TRAINED = new java.util.HashMap<>();

  private Fixture() {}

  /** The fixture dataset (generated once). */
  static synchronized Dataset data() {
    if (data == null) {
      data = SyntheticData.generate(Preset.TINY, 7, Progress.NONE);
    }
    return data;
  }

  /** A fresh folder under target/server-tests. */
  static synchronized Path dir(String name) {
    try {
      Path d = ROOT.resolve(name + "-" + ProcessHandle.current().pid() + "-" + (++counter));
      Files.createDirectories(d);
      return d;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Trains a model of this kind on the fixture data and saves it as {@code dir/NAME.cinerec}. */
  static Path model(Path dir, String kind, String name) {
    Recommender m;
    synchronized (Fixture.class) {
      m = TRAINED.computeIfAbsent(kind, k -> ModelFamilies.trainer(k, Map.of()).fit(data()));
    }
    Path p = dir.resolve(name + ".cinerec");
    ModelFiles.save(p, m, data().catalog());
    return p;
  }

  /** Log lines a server wrote. */
  static final class Log {
    final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();

    void add(String line) {
      lines.add(line);
    }

    boolean contains(String text) {
      return lines.stream().anyMatch(l -> l.contains(text));
    }

    @Override
    public String toString() {
      return String.join("\n", lines);
    }
  }

  /** Starts a server on 127.0.0.1, port 0, with the data to seed from. */
  static CinerecServer start(List<Path> models, Log log) {
    return CinerecServer.start(ServerConfig.of(models).withAddress("127.0.0.1", 0).withData(data(), "tiny")
        .withWatch(false), log::add);
  }
}
