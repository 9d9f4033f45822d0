package org.cinerec.bench.swap;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.cinerec.bench.load.IdPool;
import org.cinerec.bench.load.LoadGenerator;
import org.cinerec.bench.load.LoadResult;
import org.cinerec.bench.load.LoadSettings;
import org.cinerec.bench.load.PhaseResult;
import org.cinerec.bench.load.Scenario;
import org.cinerec.bench.load.TimelinePoint;

/**
 * Model swap under load: an open-loop load ({@link LoadGenerator}, requests on a fixed schedule) runs against a
 * {@code cinerec serve} while the served model file is swapped {@code --swaps} times, evenly over the measured
 * seconds, alternating between {@code --versions} files (the server must have started serving a copy of the
 * first). The run passes when every measured request got a 2xx answer (no non-2xx, no error, none unsent),
 * the model's generation never went backwards on any connection ({@link GenerationCheck}), every swap was
 * served (each a higher generation), and the load saw every generation. Run the load here, the server in its
 * own process:
 *
 * <pre>
 * java -Xmx256m -XX:+UseSerialGC -cp cinerec-bench/target/cinerec-bench.jar org.cinerec.bench.swap.ModelSwap \
 *     --url http://127.0.0.1:8080 --model served/mf.cinerec --versions a.cinerec,b.cinerec --swaps 10 \
 *     --rate 500 --warmup 10 --duration 30 --data ../shared/data/ml-latest-small --out model-swap.json
 * </pre>
 *
 * cinerec-bench/scripts/model-swap.sh trains the two models, starts the server and runs this (results in
 * docs/notes/model-swap.md).
 */
public final class ModelSwap {
  private ModelSwap() {}

  static final String USAGE = """
      usage: ModelSwap --url URL --model FILE --versions A,B[,...] [flags]
        --url URL            the server, http://HOST:PORT (required)
        --model FILE         the model file the server serves (required); it is replaced at each swap
        --versions A,B,...   model files put in its place in turn, from the second (the server serves a copy
                             of the first when the run starts) (required, at least 2)
        --name NAME          the served model's name (default: the file name of --model without .cinerec)
        --swaps N            swaps during the measured seconds, evenly spread (default 10)
        --via reload|watch   tell the server by POST /api/v1/admin/reload (default), or let its file watcher see
                             the change (the server must watch its files: serve without --no-watch)
        --token-file FILE    admin token for the reload, when the server is not a loopback demo
        --rate R             scheduled requests per second (default 500)
        --warmup S           seconds of load before the measurement, no swaps (default 10)
        --duration S         seconds measured, with the swaps (default 30)
        --connections N      connections, one request in flight each (default 16)
        --scenario SPEC      the request mix, as for OpenLoop (default top10)
        --data DATA          the data whose users and movies the requests draw
        --users N --movies M draw users 1..N and movies 1..M instead of --data
        --seed L             seed of the request draws (default 42)
        --progress S         a progress line every S seconds on stderr (default 5, 0: never)
        --out FILE.json      write the result as JSON
      exit: 0 passed, 3 failed (non-2xx, errors, a generation going backwards, a failed swap), 2 bad usage, 1 error
      """;

  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs with {@code args}; returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || List.of(args).contains("--help")) {
      out.print(USAGE);
      return args.length == 0 ? 2 : 0;
    }
    Options o;
    try {
      o = Options.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return 2;
    }
    try {
      Outcome r = run(o, err);
      out.print(r.report());
      if (o.out != null) {
        Path parent = o.out.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        Files.writeString(o.out, r.json());
        out.println("wrote " + o.out);
      }
      return r.passed() ? 0 : 3;
    } catch (IllegalArgumentException e) {
      err.println("error: " + e.getMessage());
      return 2;
    } catch (IOException | RuntimeException e) {
      err.println("error: " + e);
      return 1;
    }
  }

  /** What a run found. */
  record Outcome(Options options, LoadResult load, List<Swapper.Swap> swaps, Map<Long, Long> perGeneration,
      long firstGeneration) {
    boolean swapsOk() {
      long last = firstGeneration;
      for (Swapper.Swap s : swaps) {
        if (!s.ok() || s.generation() <= last) {
          return false;
        }
        last = s.generation();
      }
      return swaps.size() == options.swaps;
    }

    /** Every generation from the first to the last swap's answered some measured or warm-up request. */
    boolean everyGenerationServed() {
      for (Swapper.Swap s : swaps) {
        if (!perGeneration.containsKey(s.generation())) {
          return false;
        }
      }
      return perGeneration.containsKey(firstGeneration);
    }

    /**
     * The per-second p99 (latency from schedule, by completion second) of the measured seconds during which a
     * swap was under way (from the rename until the new model served, plus half a second), and of the others:
     * {median, max} each, in milliseconds; NaN when there were no such seconds.
     */
    double[][] p99DuringAndBetweenSwaps() {
      List<Double> during = new ArrayList<>();
      List<Double> between = new ArrayList<>();
      for (TimelinePoint p : load.timeline()) {
        double from = p.second() - 1 - options.warmup;
        double to = p.second() - options.warmup;
        if (p.warmup() || from < 0 || p.count() == 0) {
          continue;
        }
        boolean swapping = false;
        for (Swapper.Swap s : swaps) {
          swapping |= s.atSeconds() < to && s.atSeconds() + s.millis() / 1000 + 0.5 > from;
        }
        (swapping ? during : between).add(p.p99Ms());
      }
      return new double[][] {medianMax(during), medianMax(between)};
    }

    private static double[] medianMax(List<Double> v) {
      if (v.isEmpty()) {
        return new double[] {Double.NaN, Double.NaN};
      }
      List<Double> sorted = v.stream().sorted().toList();
      return new double[] {sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1)};
    }

    boolean passed() {
      PhaseResult m = load.measure();
      return m.failures() == 0 && load.warmup().failures() == 0 && swapsOk() && everyGenerationServed();
    }

    String report() {
      StringBuilder b = new StringBuilder();
      b.append(String.format(Locale.ROOT, "model swap: %d swaps by %s of %s during %.0f s at %.0f req/s%n",
          options.swaps, options.via.name().toLowerCase(Locale.ROOT), options.model, options.duration,
          options.rate));
      b.append(load.report(options.scenario));
      b.append(Swapper.table(swaps));
      b.append("  responses per model generation: ").append(perGeneration).append('\n');
      double[][] p99 = p99DuringAndBetweenSwaps();
      b.append(String.format(Locale.ROOT, "  per-second p99, ms: seconds with a swap under way median %.3f max %.3f; "
          + "other seconds median %.3f max %.3f%n", p99[0][0], p99[0][1], p99[1][0], p99[1][1]));
      PhaseResult m = load.measure();
      b.append(String.format(Locale.ROOT, "%s: %d of %d measured requests 2xx, %d non-2xx, %d errors, %d unsent, "
          + "%d generation checks failed; %d of %d swaps served (generation %d to %d)%n",
          passed() ? "PASSED" : "FAILED", m.ok(), m.slots(), m.non2xx(), m.errors(), m.unsent(),
          m.checkFailures() + load.warmup().checkFailures(), swaps.stream().filter(Swapper.Swap::ok).count(),
          options.swaps, firstGeneration, swaps.isEmpty() ? firstGeneration : swaps.get(swaps.size() - 1)
              .generation()));
      return b.toString();
    }

    String json() {
      StringBuilder b = new StringBuilder("{\n");
      b.append("  \"tool\": \"cinerec-model-swap\",\n");
      b.append("  \"via\": \"").append(options.via.name().toLowerCase(Locale.ROOT)).append("\",\n");
      b.append("  \"swapsPlanned\": ").append(options.swaps).append(",\n");
      b.append("  \"passed\": ").append(passed()).append(",\n");
      b.append("  \"firstGeneration\": ").append(firstGeneration).append(",\n");
      double[][] p99 = p99DuringAndBetweenSwaps();
      b.append(String.format(Locale.ROOT, "  \"p99MsDuringSwaps\": {\"median\": %s, \"max\": %s},%n"
          + "  \"p99MsBetweenSwaps\": {\"median\": %s, \"max\": %s},%n", num(p99[0][0]), num(p99[0][1]),
          num(p99[1][0]), num(p99[1][1])));
      b.append("  \"responsesPerGeneration\": {");
      String sep = "";
      for (Map.Entry<Long, Long> e : perGeneration.entrySet()) {
        b.append(sep).append('"').append(e.getKey()).append("\": ").append(e.getValue());
        sep = ", ";
      }
      b.append("},\n  \"swaps\": [");
      sep = "\n";
      for (Swapper.Swap s : swaps) {
        b.append(sep).append(String.format(Locale.ROOT, "    {\"index\": %d, \"atSeconds\": %.3f, \"file\": \"%s\", "
            + "\"status\": %d, \"generation\": %d, \"millis\": %.1f, \"ok\": %s}", s.index(), s.atSeconds(),
            s.file().getFileName().toString().replace("\"", "'"), s.status(), s.generation(), s.millis(), s.ok()));
        sep = ",\n";
      }
      b.append("\n  ],\n  \"load\": ").append(load.toJson(options.scenario).strip().replace("\n", "\n  "));
      return b.append("\n}\n").toString();
    }
  }

  private static String num(double v) {
    return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "null";
  }

  /** Starts the load, swaps during its measured seconds, and gathers the figures. */
  static Outcome run(Options o, PrintStream progress) throws IOException {
    IdPool pool = o.data != null ? IdPool.of(o.data) : o.users > 0 ? IdPool.numbered(o.users, o.movies) : null;
    Scenario scenario = Scenario.load(o.scenario, pool, o.seed, List.of());
    LoadSettings settings = new LoadSettings(URI.create(o.url), o.rate, o.warmup, o.duration, o.connections, 10,
        10);
    String token = o.tokenFile == null ? null : Files.readString(o.tokenFile).strip();
    Swapper swapper = new Swapper(o.url, o.model, o.name, o.versions, o.via, token);
    long first;
    try {
      first = swapper.generation();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    GenerationCheck check = new GenerationCheck();
    LoadGenerator generator = new LoadGenerator(settings, scenario, check.perConnection());
    AtomicReference<List<Swapper.Swap>> swaps = new AtomicReference<>(List.of());
    long start = System.nanoTime();
    long measureStart = start + (long) (o.warmup * 1e9);
    long every = (long) (o.duration * 1e9 / o.swaps);
    Thread t = new Thread(() -> swaps.set(swapper.run(o.swaps, measureStart, i -> every / 2 + i * every)),
        "model-swapper");
    t.setDaemon(true);
    t.start();
    LoadResult load = generator.run(progress::println, o.progress);
    try {
      t.join(120_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return new Outcome(o, load, swaps.get(), check.responsesPerGeneration(), first);
  }

  /** The parsed flags. */
  static final class Options {
    String url;
    Path model;
    String name;
    List<Path> versions = new ArrayList<>();
    int swaps = 10;
    Swapper.Via via = Swapper.Via.RELOAD;
    Path tokenFile;
    double rate = 500;
    double warmup = 10;
    double duration = 30;
    int connections = 16;
    String scenario = "top10";
    Path data;
    int users;
    int movies;
    long seed = 42;
    int progress = 5;
    Path out;

    static Options parse(String[] args) {
      Options o = new Options();
      for (int a = 0; a < args.length; a++) {
        String flag = args[a];
        if (a + 1 >= args.length) {
          throw new IllegalArgumentException(flag + " needs a value (see --help)");
        }
        String v = args[++a];
        try {
          switch (flag) {
            case "--url" -> o.url = v.replaceAll("/+$", "");
            case "--model" -> o.model = Path.of(v);
            case "--name" -> o.name = v;
            case "--versions" -> {
              for (String f : v.split(",")) {
                o.versions.add(Path.of(f.strip()));
              }
            }
            case "--swaps" -> o.swaps = Integer.parseInt(v);
            case "--via" -> o.via = switch (v) {
              case "reload" -> Swapper.Via.RELOAD;
              case "watch" -> Swapper.Via.WATCH;
              default -> throw new IllegalArgumentException("--via takes reload or watch, got " + v);
            };
            case "--token-file" -> o.tokenFile = Path.of(v);
            case "--rate" -> o.rate = Double.parseDouble(v);
            case "--warmup" -> o.warmup = Double.parseDouble(v);
            case "--duration" -> o.duration = Double.parseDouble(v);
            case "--connections" -> o.connections = Integer.parseInt(v);
            case "--scenario" -> o.scenario = v;
            case "--data" -> o.data = Path.of(v);
            case "--users" -> o.users = Integer.parseInt(v);
            case "--movies" -> o.movies = Integer.parseInt(v);
            case "--seed" -> o.seed = Long.parseLong(v);
            case "--progress" -> o.progress = Integer.parseInt(v);
            case "--out" -> o.out = Path.of(v);
            default -> throw new IllegalArgumentException("unknown flag " + flag + " (see --help)");
          }
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(flag + ": not a number: \"" + v + "\"");
        }
      }
      if (o.url == null || o.model == null) {
        throw new IllegalArgumentException("--url and --model are required (see --help)");
      }
      if (o.versions.size() < 2) {
        throw new IllegalArgumentException("--versions needs at least two model files, got " + o.versions.size());
      }
      for (Path p : o.versions) {
        if (!Files.isRegularFile(p)) {
          throw new IllegalArgumentException("--versions: no such file " + p);
        }
      }
      if (!Files.isRegularFile(o.model)) {
        throw new IllegalArgumentException("--model: no such file " + o.model + " (the file the server serves)");
      }
      if (o.swaps < 1 || o.duration <= 0) {
        throw new IllegalArgumentException("--swaps must be >= 1 and --duration > 0");
      }
      if ((o.users > 0) != (o.movies > 0)) {
        throw new IllegalArgumentException("--users and --movies go together");
      }
      if (o.name == null) {
        String n = o.model.getFileName().toString();
        o.name = n.endsWith(".cinerec") ? n.substring(0, n.length() - ".cinerec".length()) : n;
      }
      return o;
    }
  }
}
