package org.cinerec.bench.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A request mix written as templates, one request per line, with placeholders drawn per slot from an
 * {@link IdPool} by a generator seeded from the scenario's seed and the slot number (so every run sends the
 * same requests in the same order):
 *
 * <pre>
 * # comment
 * header X-Api-Key: secret                    (sent with every request)
 * 3 GET /api/v1/users/{user}/recommendations?k=10
 * 1 POST /api/v1/recommendations {"ratings": {history:5}, "k": 10}
 * 1 PUT /api/v1/users/{user}/ratings/{movie} {"rating": {rating}}
 *   then GET /api/v1/users/{user}/recommendations?k=10
 * </pre>
 *
 * <p>A line is {@code [WEIGHT] METHOD PATH [BODY]}: the weight (default 1) sets how often it is drawn; the
 * body is the rest of the line, sent as {@code application/json}. A line {@code then METHOD PATH [BODY]}
 * continues the request above it in the same slot, on the same connection, after its response. Within one
 * slot {@code {user}}, {@code {movie}} and {@code {rating}} keep their first draw, so a rating and the
 * recommendation after it are for the same user. Placeholders: {@code {user}}, {@code {movie}} (uniform over
 * the pool), {@code {rating}} (uniform over the scale's values), {@code {history:N}} (a JSON array of N
 * distinct movies with ratings: {@code [{"movieId": 1, "rating": 4.5}, ...]}), {@code {seq}} (the slot number).
 * In a path, drawn ids are percent-encoded; in a body, ids that are not plain numbers are JSON strings.
 *
 * <p>Built-in scenarios are resources named {@code scenarios/NAME.txt} beside this class: {@link #BUILT_IN}.
 */
public final class Scenario implements RequestSource {
  /** The built-in scenario names. */
  public static final List<String> BUILT_IN = List.of("top10", "anonymous", "similar", "rate-then-top10", "mixed");

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(user|movie|rating|seq|history:(\\d+))}");
  private static final Pattern METHOD = Pattern.compile("[A-Z]+");

  private final String name;
  private final List<Line> lines;
  private final double[] cumulative;
  private final String[] headers;
  private final IdPool pool;
  private final long seed;

  private Scenario(String name, List<Line> lines, String[] headers, IdPool pool, long seed) {
    this.name = name;
    this.lines = lines;
    this.headers = headers;
    this.pool = pool;
    this.seed = seed;
    cumulative = new double[lines.size()];
    double sum = 0;
    for (int i = 0; i < lines.size(); i++) {
      sum += lines.get(i).weight;
      cumulative[i] = sum;
    }
  }

  /**
   * The scenario {@code spec}: a built-in name, a template file, or one inline template line
   * ({@code "GET /hello"}).
   *
   * @param extraHeaders name, value pairs added to every request
   */
  public static Scenario load(String spec, IdPool pool, long seed, List<String> extraHeaders) throws IOException {
    String text;
    String name;
    if (BUILT_IN.contains(spec)) {
      try (InputStream in = Scenario.class.getResourceAsStream("scenarios/" + spec + ".txt")) {
        if (in == null) {
          throw new IOException("built-in scenario " + spec + " is missing from the jar");
        }
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
      name = spec;
    } else if (Files.isRegularFile(Path.of(spec))) {
      text = Files.readString(Path.of(spec));
      name = spec;
    } else if (spec.matches("[A-Z]+ /.*")) {
      text = spec;
      name = spec;
    } else {
      throw new IllegalArgumentException("--scenario " + spec + ": not a built-in (" + String.join(", ", BUILT_IN)
          + "), not a file, not a template line such as \"GET /path\"");
    }
    return parse(name, text, pool, seed, extraHeaders);
  }

  /** Parses scenario text; {@code name} appears in messages as the file name. */
  public static Scenario parse(String name, String text, IdPool pool, long seed, List<String> extraHeaders) {
    List<Line> lines = new ArrayList<>();
    List<String> headers = new ArrayList<>(extraHeaders == null ? List.of() : extraHeaders);
    String[] rows = text.split("\r?\n");
    for (int n = 0; n < rows.length; n++) {
      String row = rows[n].strip();
      String where = name + ":" + (n + 1) + ": ";
      if (row.isEmpty() || row.startsWith("#")) {
        continue;
      }
      if (row.startsWith("header ")) {
        String h = row.substring(7);
        int colon = h.indexOf(':');
        if (colon <= 0) {
          throw new IllegalArgumentException(where + "a header line is \"header Name: value\", got \"" + row + "\"");
        }
        headers.add(h.substring(0, colon).strip());
        headers.add(h.substring(colon + 1).strip());
        continue;
      }
      boolean then = row.startsWith("then ");
      if (then && lines.isEmpty()) {
        throw new IllegalArgumentException(where + "\"then\" needs a request line above it");
      }
      String rest = then ? row.substring(5).strip() : row;
      double weight = 1;
      String first = rest.split("\\s+", 2)[0];
      if (!then && first.matches("[0-9.eE+-]+")) {
        try {
          weight = Double.parseDouble(first);
        } catch (NumberFormatException e) {
          weight = Double.NaN;
        }
        if (!(weight > 0) || Double.isInfinite(weight)) {
          throw new IllegalArgumentException(where + "weight must be a number > 0, got " + first);
        }
        rest = rest.substring(first.length()).strip();
      }
      String[] parts = rest.split("\\s+", 3);
      if (parts.length < 2 || !METHOD.matcher(parts[0]).matches() || !parts[1].startsWith("/")) {
        throw new IllegalArgumentException(where + "expected [WEIGHT] METHOD /PATH [BODY], got \"" + row + "\"");
      }
      Template path = Template.of(parts[1], true, where);
      Template body = parts.length > 2 ? Template.of(parts[2], false, where) : null;
      Step step = new Step(parts[0], path, body);
      if (then) {
        lines.get(lines.size() - 1).steps.add(step);
      } else {
        Line line = new Line(weight);
        line.steps.add(step);
        lines.add(line);
      }
    }
    if (lines.isEmpty()) {
      throw new IllegalArgumentException(name + ": no request lines");
    }
    for (Line l : lines) {
      for (Step s : l.steps) {
        if (s.needsPool() && pool == null) {
          throw new IllegalArgumentException(name + ": its templates draw users or movies: give --data DATA");
        }
      }
    }
    return new Scenario(name, lines, headers.toArray(String[]::new), pool, seed);
  }

  /** The name given when loaded. */
  public String name() {
    return name;
  }

  @Override
  public Request request(long seq) {
    SplittableRandom rng = new SplittableRandom(mix(seed, seq));
    double pick = rng.nextDouble() * cumulative[cumulative.length - 1];
    int l = 0;
    while (l < cumulative.length - 1 && cumulative[l] <= pick) {
      l++;
    }
    Draw draw = new Draw(rng, seq);
    List<Step> steps = lines.get(l).steps;
    Request chain = null;
    for (int i = steps.size() - 1; i >= 0; i--) {
      Step s = steps.get(i);
      String path = s.path.render(draw);
      byte[] body = s.body == null ? null : s.body.render(draw).getBytes(StandardCharsets.UTF_8);
      String[] h = headers;
      if (body != null) {
        h = java.util.Arrays.copyOf(headers, headers.length + 2);
        h[headers.length] = "Content-Type";
        h[headers.length + 1] = "application/json";
      }
      chain = new Request(s.method, path, h, body, chain);
    }
    return chain;
  }

  /** SplitMix64's finaliser over the seed and the slot: independent streams per slot. */
  static long mix(long seed, long seq) {
    long z = seed + 0x9E3779B97F4A7C15L * (seq + 1);
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }

  private static final class Line {
    final double weight;
    final List<Step> steps = new ArrayList<>();

    Line(double weight) {
      this.weight = weight;
    }
  }

  private record Step(String method, Template path, Template body) {
    boolean needsPool() {
      return path.needsPool() || (body != null && body.needsPool());
    }
  }

  /** One slot's draws: each of user, movie and rating drawn once, on first use. */
  private final class Draw {
    final SplittableRandom rng;
    final long seq;
    String user;
    String movie;
    double rating = Double.NaN;

    Draw(SplittableRandom rng, long seq) {
      this.rng = rng;
      this.seq = seq;
    }

    String user() {
      return user == null ? user = pool.users()[rng.nextInt(pool.users().length)] : user;
    }

    String movie() {
      return movie == null ? movie = pool.movies()[rng.nextInt(pool.movies().length)] : movie;
    }

    double rating() {
      return Double.isNaN(rating) ? rating = randomRating() : rating;
    }

    double randomRating() {
      return pool.ratings()[rng.nextInt(pool.ratings().length)];
    }

    String history(int n) {
      String[] movies = pool.movies();
      int count = Math.min(n, movies.length);
      java.util.Set<Integer> seen = new java.util.HashSet<>();
      StringBuilder b = new StringBuilder("[");
      while (seen.size() < count) {
        int m = rng.nextInt(movies.length);
        if (seen.add(m)) {
          b.append(seen.size() == 1 ? "" : ", ").append("{\"movieId\": ").append(jsonId(movies[m]))
              .append(", \"rating\": ").append(number(randomRating())).append('}');
        }
      }
      return b.append(']').toString();
    }
  }

  /** A template split into literal text and placeholders. */
  private record Template(List<String> literals, List<String> slots, boolean inPath) {
    static Template of(String text, boolean inPath, String where) {
      List<String> literals = new ArrayList<>();
      List<String> slots = new ArrayList<>();
      Matcher m = PLACEHOLDER.matcher(text);
      int at = 0;
      while (m.find()) {
        literals.add(text.substring(at, m.start()));
        slots.add(m.group(1));
        at = m.end();
      }
      literals.add(text.substring(at));
      String rest = String.join("", literals);
      int brace = rest.indexOf('{');
      if (inPath && brace >= 0) {
        throw new IllegalArgumentException(where + "unknown placeholder in " + text + " (known: {user}, {movie}, "
            + "{rating}, {seq}, {history:N})");
      }
      return new Template(literals, slots, inPath);
    }

    boolean needsPool() {
      return slots.stream().anyMatch(s -> !s.equals("seq"));
    }

    String render(Draw d) {
      StringBuilder b = new StringBuilder(literals.get(0));
      for (int i = 0; i < slots.size(); i++) {
        String s = slots.get(i);
        String v = switch (s) {
          case "user" -> inPath ? pathSegment(d.user()) : jsonId(d.user());
          case "movie" -> inPath ? pathSegment(d.movie()) : jsonId(d.movie());
          case "rating" -> number(d.rating());
          case "seq" -> Long.toString(d.seq);
          default -> d.history(Integer.parseInt(s.substring(8)));
        };
        b.append(v).append(literals.get(i + 1));
      }
      return b.toString();
    }
  }

  static String number(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) + ".0" : Double.toString(v);
  }

  static String jsonId(String id) {
    if (!id.isEmpty() && id.length() < 16 && id.chars().allMatch(c -> c >= '0' && c <= '9')
        && (id.length() == 1 || id.charAt(0) != '0')) {
      return id;
    }
    StringBuilder b = new StringBuilder("\"");
    for (char c : id.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }

  static String pathSegment(String id) {
    StringBuilder b = new StringBuilder();
    for (byte x : id.getBytes(StandardCharsets.UTF_8)) {
      int c = x & 0xff;
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
        b.append((char) c);
      } else {
        b.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
      }
    }
    return b.toString();
  }
}
