package org.cinerec.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Starts the peers of {@code ../shared/peers} as processes and collects the JSON lines they print. */
final class PeerProcesses {
  private static final String PYTHON = Files.exists(Path.of("/usr/bin/python3")) ? "/usr/bin/python3" : "python3";
  private final Path peers;
  private final Path work;

  PeerProcesses(Path peers, Path work) {
    this.peers = peers;
    this.work = work;
  }

  /** Writes the shared split (shuffled, seed 42) with the peers' own split.py; returns its folder. */
  Path split(Path data) throws IOException, InterruptedException {
    Path dir = work.resolve("split-shuffled-42");
    if (!Files.exists(dir.resolve("test.csv"))) {
      exec(List.of(PYTHON, peers.resolve("split.py").toString(), data.toString(), dir.toString()), Map.of());
    }
    return dir;
  }

  /** Runs the peer(s) of a task once; returns their result lines (summary lines dropped). */
  List<ObjectNode> run(String task, Path data, Path split, long seed) throws IOException, InterruptedException {
    String train = split.resolve("train.csv").toString();
    String test = split.resolve("test.csv").toString();
    List<String> cmd = switch (task) {
      case "multitask" -> List.of(PYTHON, peers.resolve("torch_multitask.py").toString(), data.toString(),
          "--split", "shuffled", "--epochs", "3", "--embedding-dim", "32", "--model-seed", Long.toString(seed),
          "--threads", "2");
      case "mf" -> List.of(mavenPeer("librec").resolve("run.sh").toString(), train, test, "biasedmf");
      case "itemknn" -> List.of(mavenPeer("librec").resolve("run.sh").toString(), train, test, "itemknn");
      case "als" -> List.of(mavenPeer("spark-als").resolve("run.sh").toString(), train, test, "10:10:0.1");
      default -> throw new IllegalArgumentException("unknown task " + task);
    };
    Map<String, String> env = task.equals("als")
        ? Map.of("SPARK_PEER_OPTS", "-Dpeer.repeat=1 -Dpeer.seed=" + seed, "SPARK_LOCAL_IP", "127.0.0.1") : Map.of();
    List<ObjectNode> out = new ArrayList<>();
    for (String line : exec(cmd, env)) {
      if (line.startsWith("{")) {
        JsonNode n = PeerComparison.JSON.readTree(line);
        if (n instanceof ObjectNode o && !n.path("summary").asBoolean(false)) {
          out.add(o);
        }
      }
    }
    if (out.isEmpty()) {
      throw new IllegalStateException("peer for " + task + " printed no result: " + cmd);
    }
    return out;
  }

  /** A writable copy of a Maven peer (the shared folder is read-only), built on first use by its run.sh. */
  private Path mavenPeer(String name) throws IOException {
    Path dst = work.resolve("peers").resolve(name);
    if (!Files.exists(dst.resolve("run.sh"))) {
      Path src = peers.resolve(name);
      try (Stream<Path> files = Files.walk(src)) {
        for (Path p : (Iterable<Path>) files::iterator) {
          Path t = dst.resolve(src.relativize(p).toString());
          if (Files.isDirectory(p)) {
            Files.createDirectories(t);
          } else if (!p.toString().contains("/target/")) {
            Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
            t.toFile().setWritable(true);
          }
        }
      }
      dst.resolve("run.sh").toFile().setExecutable(true);
    }
    return dst;
  }

  private static List<String> exec(List<String> cmd, Map<String, String> env) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
    // the peers run as measured in their README: without the single-threaded OpenBLAS that cinerec's JVM uses
    pb.environment().remove("OPENBLAS_NUM_THREADS");
    pb.environment().putAll(env);
    Process p = pb.start();
    String stdout = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int rc = p.waitFor();
    if (rc != 0) {
      throw new IllegalStateException("exit code " + rc + " from " + cmd);
    }
    return stdout.lines().toList();
  }
}
