package org.cinerec.cli;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster of this test's own: {@code initdb} under a folder (trust auth, user
 * {@code postgres}) from the binaries under {@code /usr/lib/postgresql/VERSION/bin} (the highest version), run on
 * a free loopback port with {@code fsync} and {@code synchronous_commit} on, {@link #crash}ed with SIGKILL (the
 * postmaster and every process under it, as a machine's power cut would stop them, short of the page cache) and
 * started again, which runs PostgreSQL's crash recovery. As root (initdb refuses it) the cluster runs as the
 * {@code postgres} user through {@code runuser}. Without the binaries the test is skipped locally and fails under
 * {@code CI=true}.
 */
final class PrivateCluster implements AutoCloseable {
  private final Path dir;
  private final Path bin;
  private final boolean asPostgres;
  private final int port;
  /** True when the cluster is in a temporary folder of its own ({@link #create}), removed on close. */
  private final boolean removeOnClose;

  private PrivateCluster(Path dir, Path bin, boolean asPostgres, int port, boolean removeOnClose) {
    this.removeOnClose = removeOnClose;
    this.dir = dir;
    this.bin = bin;
    this.asPostgres = asPostgres;
    this.port = port;
  }

  /**
   * A new cluster in {@code dir} (emptied first), initialised but not started. As root, when the
   * {@code postgres} user could not reach {@code dir} (a folder above it closed to others, as {@code mktemp -d}
   * makes them), the cluster goes to a folder of its own in the system's temporary folder instead, removed on
   * {@link #close}.
   */
  static PrivateCluster create(Path dir) throws IOException, InterruptedException {
    Path bin = binaries();
    boolean root = "root".equals(System.getProperty("user.name"));
    if (root && !Files.isExecutable(Path.of("/usr/sbin/runuser")) && !Files.isExecutable(Path.of("/sbin/runuser"))) {
      unavailable("running as root, and no runuser to run PostgreSQL as the postgres user");
    }
    boolean own = false;
    if (root && !othersCanReach(dir.toAbsolutePath().getParent())) {
      Path moved = Files.createTempDirectory("cinerec-pgcrash-");
      System.out.println("the postgres user cannot reach " + dir + " (a folder above it is closed to others): the "
          + "cluster is in " + moved);
      dir = moved;
      own = true;
    }
    delete(dir);
    Files.createDirectories(dir.resolve("sock"));
    if (root) {
      UserPrincipal pg = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
      Files.setOwner(dir, pg);
      Files.setOwner(dir.resolve("sock"), pg);
    }
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    PrivateCluster c = new PrivateCluster(dir, bin, root, port, own);
    c.run(List.of(bin.resolve("initdb").toString(), "-D", c.data().toString(), "-U", "postgres", "-A", "trust",
        "-E", "UTF8", "--locale=C"), 120);
    return c;
  }

  private static Path binaries() throws IOException {
    Path root = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(root)) {
      try (Stream<Path> s = Files.list(root)) {
        Path best = s.filter(p -> Files.isExecutable(p.resolve("bin").resolve("initdb")))
            .max(Comparator.comparingInt(p -> version(p.getFileName().toString()))).orElse(null);
        if (best != null) {
          return best.resolve("bin");
        }
      }
    }
    unavailable("no PostgreSQL binaries under /usr/lib/postgresql/*/bin");
    return null;
  }

  private static int version(String name) {
    try {
      return Integer.parseInt(name.replaceAll("\\..*", ""));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static void unavailable(String why) {
    if ("true".equals(System.getenv("CI"))) {
      fail("CI=true but a private PostgreSQL cluster cannot be made: " + why);
    }
    assumeTrue(false, why);
  }

  Path data() {
    return dir.resolve("data");
  }

  Path log() {
    return dir.resolve("postgres.log");
  }

  /** A JDBC URL of the cluster's {@code postgres} database. */
  String jdbc() {
    return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
  }

  /** Starts the cluster and waits until it accepts connections (after a crash: once recovery is done). */
  void start() throws IOException, InterruptedException {
    run(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-l", log().toString(), "-w", "-t", "120",
        "-o", "-p " + port + " -k " + dir.resolve("sock") + " -c listen_addresses=127.0.0.1 -c fsync=on "
            + "-c synchronous_commit=on -c full_page_writes=on", "start"), 150);
  }

  /**
   * SIGKILL to the postmaster and every process under it, at once; returns once all are gone. Returns how
   * many processes were killed.
   */
  int crash() throws IOException, InterruptedException {
    long pid = Long.parseLong(Files.readAllLines(data().resolve("postmaster.pid"), StandardCharsets.US_ASCII).get(0)
        .strip());
    ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no postmaster "
        + pid));
    List<ProcessHandle> all = new ArrayList<>();
    all.add(postmaster);
    all.addAll(postmaster.descendants().toList());
    for (ProcessHandle p : all) {
      p.destroyForcibly();
    }
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    for (ProcessHandle p : all) {
      while (p.isAlive() && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      if (p.isAlive()) {
        throw new IllegalStateException("PostgreSQL process " + p.pid() + " outlived SIGKILL for 20 s");
      }
    }
    return all.size();
  }

  /** How many times the log says crash recovery ran. */
  int recoveries() throws IOException {
    if (!Files.exists(log())) {
      return 0;
    }
    return (int) Files.readAllLines(log(), StandardCharsets.UTF_8).stream()
        .filter(l -> l.contains("database system was not properly shut down; automatic recovery in progress"))
        .count();
  }

  /** Stops the cluster at once (if it runs); a cluster in a temporary folder of its own goes with it. */
  @Override
  public void close() {
    try {
      run(List.of(bin.resolve("pg_ctl").toString(), "-D", data().toString(), "-m", "immediate", "stop"), 60);
    } catch (IOException | InterruptedException | RuntimeException e) {
      // not running
    }
    if (removeOnClose) {
      try {
        delete(dir);
      } catch (IOException e) {
        System.out.println("could not remove " + dir + ": " + e);
      }
    }
  }

  private void run(List<String> command, int seconds) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    if (asPostgres) {
      cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    cmd.addAll(command);
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(String.join(" ", command) + " took more than " + seconds + " s:\n" + out);
    }
    if (p.exitValue() != 0) {
      throw new IllegalStateException(String.join(" ", command) + " exited " + p.exitValue() + ":\n" + out);
    }
  }

  /** Whether every existing folder from {@code p} up lets others through (execute for others). */
  private static boolean othersCanReach(Path p) throws IOException {
    for (Path a = p; a != null; a = a.getParent()) {
      if (Files.exists(a) && !Files.getPosixFilePermissions(a).contains(PosixFilePermission.OTHERS_EXECUTE)) {
        return false;
      }
    }
    return true;
  }

  private static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
