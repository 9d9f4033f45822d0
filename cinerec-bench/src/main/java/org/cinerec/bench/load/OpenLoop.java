package org.cinerec.bench.load;

import java.io.IOException;

/**
 * One open-loop run from the command line: warm-up, then the measurement; prints throughput, latency
 * percentiles from the scheduled send times, and failures; writes the JSON result with {@code --out}.
 * Run it in its own JVM, not the server's:
 *
 * <pre>
 * java -Xms256m -Xmx256m -XX:+UseSerialGC -cp cinerec-bench/target/cinerec-bench.jar \
 *     org.cinerec.bench.load.OpenLoop --url http://127.0.0.1:8080 --rate 2000 --warmup 30 --duration 60 \
 *     --connections 16 --scenario top10 --data ../shared/data/ml-latest-small --out results/top10-2000.json
 * </pre>
 */
public final class OpenLoop {
  private OpenLoop() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs with {@code args}; returns the exit code (0 done, 2 bad usage, 3 failures with --strict, 1 error). */
  static int run(String[] args) {
    if (CliOptions.wantsHelp(args)) {
      System.out.println("usage: OpenLoop --url URL --rate R [flags]\n" + CliOptions.FLAGS
          + "  --out FILE.json      write the result as JSON");
      return args.length == 0 ? 2 : 0;
    }
    try {
      CliOptions o = CliOptions.parse(args, false);
      LoadSettings settings = o.settings(o.rate);
      Scenario scenario = o.scenario(o.pool());
      LoadResult r = new LoadGenerator(settings, scenario, o.checks())
          .run(line -> System.err.println(line), o.progress);
      System.out.print(r.report(scenario.name()));
      if (o.out != null) {
        r.writeJson(o.out, scenario.name());
        System.out.println("wrote " + o.out);
      }
      return o.strict && r.measure().failures() > 0 ? 3 : 0;
    } catch (IllegalArgumentException e) {
      System.err.println("error: " + e.getMessage());
      return 2;
    } catch (IOException | RuntimeException e) {
      System.err.println("error: " + e.getMessage());
      return 1;
    }
  }
}
