package org.cinerec.bench.load;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The command-line flags shared by {@link OpenLoop} and {@link OpenLoopSweep}. */
final class CliOptions {
  static final String FLAGS = """
        --url URL            server base URL, http://HOST:PORT (required)
        --rate R             scheduled requests per second (OpenLoop: required)
        --warmup S           seconds of warm-up before measuring (default 30)
        --duration S         seconds measured (default 60)
        --connections N      connections, one request in flight each (default 16)
        --scenario SPEC      built-in name (top10, anonymous, similar, rate-then-top10, mixed), a template
                             file, or one template line such as "GET /hello" (default top10)
        --data DATA          the data whose users and movies the templates draw (any format cinerec reads)
        --users N --movies M draw users 1..N and movies 1..M instead of --data
        --seed L             seed of the request draws (default 42)
        --header "N: V"      extra header on every request (repeatable)
        --check-header NAME  count a failure when this 2xx response header goes backwards on a connection
        --timeout S          connect and read timeout (default 10)
        --drain S            after the schedule ends, seconds late slots may still be sent (default 10)
        --progress S         print a progress line every S seconds to stderr (default 10, 0: never)
        --strict             exit with 3 when anything failed (non-2xx, errors, unsent, check failures)
      """;

  URI url;
  double rate = Double.NaN;
  List<Double> rates = new ArrayList<>();
  int runs = 3;
  double pause = 5;
  double warmup = 30;
  double duration = 60;
  int connections = 16;
  String scenario = "top10";
  Path data;
  int users;
  int movies;
  long seed = 42;
  List<String> headers = new ArrayList<>();
  String checkHeader;
  double timeout = 10;
  double drain = 10;
  int progress = 10;
  boolean strict;
  Path out;

  /** Parses {@code args}; {@code sweep} accepts --rates, --runs and --pause instead of --rate. */
  static CliOptions parse(String[] args, boolean sweep) {
    CliOptions o = new CliOptions();
    for (int a = 0; a < args.length; a++) {
      String flag = args[a];
      if (flag.equals("--strict")) {
        o.strict = true;
        continue;
      }
      if (a + 1 >= args.length) {
        throw new IllegalArgumentException(flag + " needs a value (see --help)");
      }
      String v = args[++a];
      try {
        switch (flag) {
          case "--url" -> o.url = URI.create(v);
          case "--rate" -> {
            if (sweep) {
              throw new IllegalArgumentException("--rate: a sweep takes --rates R1,R2,...");
            }
            o.rate = Double.parseDouble(v);
          }
          case "--rates" -> {
            if (!sweep) {
              throw new IllegalArgumentException("--rates: OpenLoop takes one --rate; OpenLoopSweep takes --rates");
            }
            for (String r : v.split(",")) {
              o.rates.add(Double.parseDouble(r.strip()));
            }
          }
          case "--runs" -> o.runs = Integer.parseInt(v);
          case "--pause" -> o.pause = Double.parseDouble(v);
          case "--warmup" -> o.warmup = Double.parseDouble(v);
          case "--duration" -> o.duration = Double.parseDouble(v);
          case "--connections" -> o.connections = Integer.parseInt(v);
          case "--scenario" -> o.scenario = v;
          case "--data" -> o.data = Path.of(v);
          case "--users" -> o.users = Integer.parseInt(v);
          case "--movies" -> o.movies = Integer.parseInt(v);
          case "--seed" -> o.seed = Long.parseLong(v);
          case "--header" -> {
            int colon = v.indexOf(':');
            if (colon <= 0) {
              throw new IllegalArgumentException("--header must be \"Name: value\", got \"" + v + "\"");
            }
            o.headers.add(v.substring(0, colon).strip());
            o.headers.add(v.substring(colon + 1).strip());
          }
          case "--check-header" -> o.checkHeader = v;
          case "--timeout" -> o.timeout = Double.parseDouble(v);
          case "--drain" -> o.drain = Double.parseDouble(v);
          case "--progress" -> o.progress = Integer.parseInt(v);
          case "--out" -> o.out = Path.of(v);
          default -> throw new IllegalArgumentException("unknown flag " + flag + " (see --help)");
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(flag + ": not a number: \"" + v + "\"");
      }
    }
    if (o.url == null) {
      throw new IllegalArgumentException("--url is required, such as --url http://127.0.0.1:8080");
    }
    if (sweep && o.rates.isEmpty()) {
      throw new IllegalArgumentException("--rates is required, such as --rates 500,1000,2000");
    }
    if (!sweep && Double.isNaN(o.rate)) {
      throw new IllegalArgumentException("--rate is required, such as --rate 2000");
    }
    if (o.runs < 1) {
      throw new IllegalArgumentException("--runs must be >= 1, got " + o.runs);
    }
    if ((o.users > 0) != (o.movies > 0)) {
      throw new IllegalArgumentException("--users and --movies go together");
    }
    return o;
  }

  LoadSettings settings(double atRate) {
    return new LoadSettings(url, atRate, warmup, duration, connections, timeout, drain);
  }

  IdPool pool() {
    if (data != null) {
      return IdPool.of(data);
    }
    return users > 0 ? IdPool.numbered(users, movies) : null;
  }

  Scenario scenario(IdPool pool) throws IOException {
    return scenario(pool, seed);
  }

  /** The scenario with its draws seeded by {@code drawSeed} instead of {@code --seed}. */
  Scenario scenario(IdPool pool, long drawSeed) throws IOException {
    return Scenario.load(scenario, pool, drawSeed, headers);
  }

  Supplier<ResponseCheck> checks() {
    return checkHeader == null ? ResponseCheck.none() : ResponseCheck.nonDecreasingHeader(checkHeader);
  }

  static boolean wantsHelp(String[] args) {
    for (String a : args) {
      if (a.equals("--help") || a.equals("-h")) {
        return true;
      }
    }
    return args.length == 0;
  }
}
