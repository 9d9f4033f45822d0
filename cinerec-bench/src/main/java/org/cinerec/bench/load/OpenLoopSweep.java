package org.cinerec.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.HdrHistogram.Histogram;

/**
 * Several rates times several runs (the runs interleaved: run 1 at every rate, then run 2, ..., so a slow
 * drift of the machine does not land on one rate), then per rate the median over runs of each figure, and the
 * percentiles of all runs' latencies pooled. Prints a Markdown table; with {@code --out DIR} writes each run's
 * JSON and {@code sweep.json}.
 *
 * <pre>
 * java -Xms256m -Xmx256m -XX:+UseSerialGC -cp cinerec-bench/target/cinerec-bench.jar \
 *     org.cinerec.bench.load.OpenLoopSweep --url http://127.0.0.1:8080 --rates 500,1000,2000 --runs 3 \
 *     --warmup 30 --duration 60 --scenario top10 --data ../shared/data/ml-latest-small --out results/top10
 * </pre>
 */
public final class OpenLoopSweep {
  private OpenLoopSweep() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** The medians of one rate's runs. */
  record RateSummary(double rate, List<LoadResult> runs) {
    double median(ToDoubleFunction<PhaseResult> f) {
      double[] v = runs.stream().mapToDouble(r -> f.applyAsDouble(r.measure())).sorted().toArray();
      int n = v.length;
      return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    long failures() {
      return runs.stream().mapToLong(r -> r.measure().failures()).sum();
    }

    Histogram pooled() {
      Histogram all = new Histogram(3);
      runs.forEach(r -> all.add(r.measure().latency()));
      return all;
    }
  }

  static int run(String[] args) {
    if (CliOptions.wantsHelp(args)) {
      System.out.println("usage: OpenLoopSweep --url URL --rates R1,R2,... [--runs 3] [--pause 5] [flags]\n"
          + CliOptions.FLAGS + "  --out DIR            write each run's JSON and sweep.json there\n"
          + "  --runs N             runs per rate (default 3)\n"
          + "  --pause S            seconds between runs (default 5)\n"
          + "  --vary-seed          run N draws its requests with seed + N - 1 (default: every run sends the\n"
          + "                       same requests; vary them when the server keeps per-user state that a\n"
          + "                       repeated draw would find warm)");
      return args.length == 0 ? 2 : 0;
    }
    try {
      boolean varySeed = java.util.Arrays.asList(args).contains("--vary-seed");
      CliOptions o = CliOptions.parse(java.util.Arrays.stream(args).filter(a -> !a.equals("--vary-seed"))
          .toArray(String[]::new), true);
      IdPool pool = o.pool();
      Scenario scenario = o.scenario(pool);
      List<RateSummary> rates = new ArrayList<>();
      for (double rate : o.rates) {
        o.settings(rate);  // checks every rate before the first run
        rates.add(new RateSummary(rate, new ArrayList<>()));
      }
      for (int run = 1; run <= o.runs; run++) {
        for (RateSummary rs : rates) {
          System.err.printf(Locale.ROOT, "run %d of %d at %.0f req/s%n", run, o.runs, rs.rate());
          Scenario draws = varySeed && run > 1 ? o.scenario(pool, o.seed + run - 1) : scenario;
          LoadResult r = new LoadGenerator(o.settings(rs.rate()), draws, o.checks())
              .run(line -> System.err.println(line), o.progress);
          rs.runs().add(r);
          System.err.println("  " + r.measure().summary());
          if (o.out != null) {
            r.writeJson(o.out.resolve(String.format(Locale.ROOT, "rate-%.0f-run-%d.json", rs.rate(), run)),
                scenario.name());
          }
          Thread.sleep((long) (o.pause * 1000));
        }
      }
      String table = table(rates, o, scenario.name());
      System.out.print(table);
      if (o.out != null) {
        Files.createDirectories(o.out);
        Files.writeString(o.out.resolve("sweep.json"), json(rates, o, scenario.name()));
        Files.writeString(o.out.resolve("sweep.md"), table);
        System.out.println("wrote " + o.out.resolve("sweep.json") + " and sweep.md");
      }
      long failures = rates.stream().mapToLong(RateSummary::failures).sum();
      return o.strict && failures > 0 ? 3 : 0;
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      return 2;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      System.err.println("error: interrupted");
      return 1;
    } catch (IOException | RuntimeException e) {
      System.err.println("error: " + e.getMessage());
      return 1;
    }
  }

  static String table(List<RateSummary> rates, CliOptions o, String scenario) {
    StringBuilder b = new StringBuilder();
    b.append(String.format(Locale.ROOT, "%n%s against %s: median of %d runs, %.0f s warm-up + %.0f s each, %d "
        + "connections, %d cores%n%n", scenario, o.url, o.runs, o.warmup, o.duration, o.connections,
        Runtime.getRuntime().availableProcessors()));
    b.append("| rate (req/s) | throughput | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | failures "
        + "| pooled p99 ms |\n");
    b.append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (RateSummary rs : rates) {
      Histogram all = rs.pooled();
      b.append(String.format(Locale.ROOT, "| %.0f | %.1f | %.3f | %.3f | %.3f | %.3f | %.3f | %d | %.3f |%n",
          rs.rate(), rs.median(PhaseResult::throughput), rs.median(p -> p.latencyMs(50)),
          rs.median(p -> p.latencyMs(90)), rs.median(p -> p.latencyMs(99)), rs.median(p -> p.latencyMs(99.9)),
          rs.median(PhaseResult::maxMs), rs.failures(), PhaseResult.ms(all, 99)));
    }
    return b.toString();
  }

  static String json(List<RateSummary> rates, CliOptions o, String scenario) {
    JsonText j = new JsonText().open();
    j.key("tool").value("cinerec-openloop-sweep");
    j.key("url").value(o.url.toString()).key("scenario").value(scenario);
    j.key("runsPerRate").value(o.runs).key("warmupSeconds").value(o.warmup).key("durationSeconds")
        .value(o.duration).key("connections").value(o.connections);
    j.key("cores").value(Runtime.getRuntime().availableProcessors());
    j.key("rates").openArray();
    for (RateSummary rs : rates) {
      Histogram all = rs.pooled();
      j.open().key("rate").value(rs.rate());
      j.key("median").open();
      j.key("throughput").value(rs.median(PhaseResult::throughput));
      j.key("p50Ms").value(rs.median(p -> p.latencyMs(50))).key("p90Ms").value(rs.median(p -> p.latencyMs(90)));
      j.key("p99Ms").value(rs.median(p -> p.latencyMs(99))).key("p999Ms").value(rs.median(p -> p.latencyMs(99.9)));
      j.key("maxMs").value(rs.median(PhaseResult::maxMs));
      j.close();
      j.key("pooled").open();
      j.key("count").value(all.getTotalCount()).key("p50Ms").value(PhaseResult.ms(all, 50));
      j.key("p99Ms").value(PhaseResult.ms(all, 99)).key("p999Ms").value(PhaseResult.ms(all, 99.9));
      j.key("maxMs").value(all.getTotalCount() == 0 ? 0 : all.getMaxValue() / 1000.0);
      j.close();
      j.key("failures").value(rs.failures());
      j.key("runs").openArray();
      for (LoadResult r : rs.runs()) {
        PhaseResult m = r.measure();
        j.open().key("throughput").value(m.throughput()).key("p50Ms").value(m.latencyMs(50))
            .key("p99Ms").value(m.latencyMs(99)).key("p999Ms").value(m.latencyMs(99.9)).key("maxMs").value(m.maxMs())
            .key("ok").value(m.ok()).key("non2xx").value(m.non2xx()).key("errors").value(m.errors())
            .key("unsent").value(m.unsent()).key("checkFailures").value(m.checkFailures())
            .key("clientCpuMicrosPerResponse").value(r.clientCpuMicrosPerResponse())
            .key("firstMeasuredLagMs").value(r.firstMeasuredLagMs()).close();
      }
      j.closeArray();
      j.close();
    }
    j.closeArray();
    return j.close().toString() + "\n";
  }
}
