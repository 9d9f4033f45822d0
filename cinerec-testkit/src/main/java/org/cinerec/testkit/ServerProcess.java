package org.cinerec.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code cinerec serve} (or any server that logs {@code serving ... on http://HOST:PORT}) as a separate JVM,
 * for tests that kill it: started with this test's own classpath, its output (stdout and stderr together)
 * copied line by line to a log file, the port read from the startup line. {@link #kill} sends SIGKILL
 * ({@link Process#destroyForcibly()}, which on Linux and macOS is {@code kill -9}; the exit status 137 =
 * 128 + 9 proves it), {@link #stop} SIGTERM. A JVM shutdown hook kills the child if the test JVM goes first.
 */
public final class ServerProcess implements AutoCloseable {
  /** The startup line of {@code CinerecServer}: {@code serving 1 model(s) on http://127.0.0.1:PORT (...)}. */
  private static final Pattern SERVING = Pattern.compile("serving .* on (http://(\\S+):(\\d+))");
  /** The exit status of a process ended by SIGKILL (128 + 9). */
  public static final int SIGKILL_STATUS = 137;

  private final Process process;
  private final Path log;
  private final List<String> lines = new ArrayList<>();
  private final CompletableFuture<String> url = new CompletableFuture<>();
  private final Thread reader;
  private final Thread hook;
  private final long startedNanos = System.nanoTime();
  private volatile double startSeconds = Double.NaN;

  private ServerProcess(Process process, Path log) throws IOException {
    this.process = process;
    this.log = log;
    PrintWriter sink = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND), true);
    this.reader = new Thread(() -> copy(sink), "server-log-" + process.pid());
    reader.setDaemon(true);
    reader.start();
    this.hook = new Thread(process::destroyForcibly, "server-kill-" + process.pid());
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /**
   * Starts {@code java JVM_FLAGS -cp CLASSPATH MAIN ARGS} and waits until it logs the line that it serves (or
   * fails: the process ended, or {@code timeout} passed, with the log's last lines in the message).
   *
   * @param jvmFlags  flags for the child JVM, such as {@code -Xmx256m}
   * @param mainClass the main class, such as {@code org.cinerec.cli.Main}
   * @param args      its arguments, such as {@code serve model.cinerec --port 0}
   * @param log       file the child's output is appended to
   */
  public static ServerProcess start(List<String> jvmFlags, String mainClass, List<String> args, Path log,
      Duration timeout) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmFlags);
    cmd.add("-cp");
    cmd.add(classpath());
    cmd.add(mainClass);
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putIfAbsent("OPENBLAS_NUM_THREADS", "1");
    Files.writeString(log, "$ java " + String.join(" ", jvmFlags) + " -cp <this test's classpath> " + mainClass + " "
        + String.join(" ", args) + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);
    ServerProcess s = new ServerProcess(pb.start(), log);
    try {
      s.url.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      s.startSeconds = (System.nanoTime() - s.startedNanos) / 1e9;
    } catch (java.util.concurrent.TimeoutException e) {
      s.kill();
      throw new IllegalStateException("the server did not log its startup line within " + timeout + "; log "
          + log + ":\n" + s.tail(30));
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e.getCause().getMessage() + "; log " + log + ":\n" + s.tail(30));
    } catch (InterruptedException e) {
      s.kill();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the server started", e);
    }
    return s;
  }

  /**
   * The classpath of this JVM as surefire set it up ({@code surefire.test.class.path} when surefire runs the
   * tests through a manifest-only jar), else {@code java.class.path}.
   */
  public static String classpath() {
    String cp = System.getProperty("surefire.test.class.path");
    return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
  }

  /**
   * The flags of this JVM that the code under test may need in a child too: {@code --add-modules},
   * {@code --enable-native-access} and {@code -XX:+IgnoreUnrecognizedVMOptions} (the heap size is not copied).
   */
  public static List<String> inheritedFlags() {
    List<String> out = new ArrayList<>();
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-modules") || a.startsWith("--enable-native-access")
          || a.equals("-XX:+IgnoreUnrecognizedVMOptions")) {
        out.add(a);
      }
    }
    return out;
  }

  private void copy(PrintWriter sink) {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        synchronized (lines) {
          lines.add(line);
        }
        sink.println(line);
        Matcher m = SERVING.matcher(line);
        if (!url.isDone() && m.find()) {
          url.complete(m.group(1));
        }
      }
    } catch (IOException e) {
      // the process died: its output ends here
    } finally {
      sink.close();
      url.completeExceptionally(new IllegalStateException("the server exited before it served (status "
          + exitStatusOrNull() + ")"));
    }
  }

  private Integer exitStatusOrNull() {
    try {
      return process.waitFor(2, TimeUnit.SECONDS) ? process.exitValue() : null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** {@code http://HOST:PORT} as the server logged it. */
  public String url() {
    return url.join();
  }

  /** The port it listens on. */
  public int port() {
    Matcher m = SERVING.matcher("serving x on " + url());
    if (!m.find()) {
      throw new IllegalStateException("no port in " + url());
    }
    return Integer.parseInt(m.group(3));
  }

  /** Seconds from the process start to its startup line. */
  public double startSeconds() {
    return startSeconds;
  }

  /** The child's process id. */
  public long pid() {
    return process.pid();
  }

  /** True while the child runs. */
  public boolean alive() {
    return process.isAlive();
  }

  /** The lines the child printed so far. */
  public List<String> lines() {
    synchronized (lines) {
      return List.copyOf(lines);
    }
  }

  /** The last {@code n} lines printed, one string. */
  public String tail(int n) {
    List<String> all = lines();
    return String.join("\n", all.subList(Math.max(0, all.size() - n), all.size()));
  }

  /** Where the output goes. */
  public Path log() {
    return log;
  }

  /** SIGKILL now; returns the exit status once the process is gone (137 for a SIGKILL). */
  public int kill() {
    process.destroyForcibly();
    return awaitExit();
  }

  /** SIGTERM (the server drains and closes its store); returns the exit status. */
  public int stop() {
    process.destroy();
    return awaitExit();
  }

  private int awaitExit() {
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor();
      }
      reader.join(5_000);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down already
    }
    return process.exitValue();
  }

  /** Kills the child if it still runs. */
  @Override
  public void close() {
    kill();
  }
}
