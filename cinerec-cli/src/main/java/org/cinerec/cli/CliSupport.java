package org.cinerec.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cinerec.CinerecException;
import org.cinerec.data.Dataset;
import org.cinerec.io.DataSources;
import org.cinerec.eval.ProtocolResult;
import org.cinerec.io.Format;
import org.cinerec.io.LoadOptions;
import org.cinerec.model.ModelFamilies;
import org.cinerec.prep.ReportFormat;
import org.cinerec.model.Recommender;
import org.cinerec.serve.MovieRating;
import org.cinerec.serve.ServingModel;
import org.cinerec.model.ModelFiles;

/** What the model commands share: loading data and models, resolving users and movies, printing JSON. */
final class CliSupport {
  /** Every {@code --json} output: indented; NaN and infinities as null ({@link org.cinerec.io.JsonNumbers}). */
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
      .registerModule(org.cinerec.io.JsonNumbers.module());

  private CliSupport() {}

  /** Reads DATA given as a plain path (default load options), with progress bars on a terminal. */
  static Dataset loadData(Path path) {
    try (ProgressBars bars = ProgressBars.stderr()) {
      return DataOptions.read(path, LoadOptions.defaults(), bars);
    }
  }

  /**
   * Reads DATA given through the {@link DataOptions} mixin, with progress bars on a terminal, and prints
   * the one summary line on {@code err} ({@link #printSummary}).
   */
  static Dataset loadData(DataOptions data, PrintWriter err) {
    return loadData(data.path(), data.reader, data.options(), err);
  }

  /**
   * The reader settings a model recorded for its data ({@link org.cinerec.io.DataRecord}), to read
   * {@code data} with when no flags say otherwise; defaults when the model records none or {@code data} is
   * a dataset file (which carries its own reading).
   */
  static LoadOptions recordedOptions(Recommender model, Path data) {
    org.cinerec.io.DataRecord rec = model.info() == null ? null : model.info().data();
    Path p = DataOptions.resolve(data);
    boolean prepared = Files.isRegularFile(p) && !org.cinerec.server.store.StoreUrl.isStore(p.toString())
        && DataSources.formatOf(p, LoadOptions.defaults()) == Format.DATASET;
    return rec == null || prepared ? LoadOptions.defaults() : rec.read();
  }

  /** Reads DATA with these reader settings and prints the summary line on {@code err}. */
  static Dataset loadData(Path path, LoadOptions options, PrintWriter err) {
    return loadData(path, null, options, err);
  }

  /** As above; {@code flags} (or null) go over what a ratings store recorded of its seed data. */
  private static Dataset loadData(Path path, ReaderOptions flags, LoadOptions options, PrintWriter err) {
    Dataset d;
    try (ProgressBars bars = ProgressBars.stderr()) {
      d = DataOptions.read(path, flags, options, bars);
    }
    printSummary(err, d, path, options);
    return d;
  }

  /**
   * The one line every command that reads data prints on stderr (so {@code --json} on stdout stays
   * valid): rows read, kept, dropped by reason, the scale, and where the details are
   * ({@link ReportFormat#summaryLine}).
   */
  static void printSummary(PrintWriter err, Dataset d, Path path, LoadOptions options) {
    err.println(ReportFormat.summaryLine(d, details(path, options)));
    err.flush();
  }

  /** The {@code data} object of a command's {@code --json}: the summary line's counts and the scale. */
  static Map<String, Object> dataJson(Dataset d, Path path) {
    return ReportFormat.dataJson(d, path == null ? null : path.toString());
  }

  /** Where the full preparation report is: the report prepare wrote beside a dataset file, else the command. */
  private static String details(Path path, LoadOptions options) {
    if (path == null || org.cinerec.server.store.StoreUrl.isStore(path.toString())) {
      return null;
    }
    if (Files.isRegularFile(path) && DataSources.formatOf(path, options) == Format.DATASET) {
      String name = path.getFileName().toString();
      String stem = name.replaceFirst("\\.[^.]*$", "");
      Path report = path.resolveSibling(stem + ".report.txt");
      return Files.exists(report) ? report.toString() : null;
    }
    // the format is shown only when detection would not find it by itself
    LoadOptions shown = options;
    if (options.format() != null && Files.exists(path)
        && DataSources.formatOf(path, options.withFormat(null)).id().equals(Format.of(options.format()).id())) {
      shown = options.withFormat(null);
    }
    return "cinerec prepare " + Shell.quote(path) + ReaderOptions.flags(shown);
  }

  /** A protocol result as a JSON object: its parameters typed ({@link ModelFamilies#jsonParams}). */
  @SuppressWarnings("unchecked")
  static Map<String, Object> resultJson(ProtocolResult r) {
    Map<String, Object> m = JSON.convertValue(r, Map.class);
    m.put("params", ModelFamilies.jsonParams(r.model(), r.params()));
    return m;
  }

  /** The movieId column's format: 8 wide (MovieLens ids), wider when a listed id is longer ({@code tt0111161}). */
  static String idColumn(java.util.List<? extends org.cinerec.serve.RankedMovie> movies) {
    int w = 8;
    for (var m : movies) {
      w = Math.max(w, String.valueOf(m.movieId()).length());
    }
    return "%-" + w + "s";
  }

  static ModelFiles.Saved loadModel(Path path) {
    return ModelFiles.load(path);
  }

  static void printJson(PrintWriter out, Object value) {
    try {
      out.println(JSON.writeValueAsString(value));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
    }
  }

  /**
   * A model file loaded for serving, named and versioned as the service names it: the file name without
   * ".cinerec", and its content ({@link ModelFiles.Saved#version}).
   */
  static ServingModel serving(Path path) {
    ModelFiles.Saved saved = loadModel(path);
    String name = path.getFileName().toString();
    name = name.endsWith(".cinerec") ? name.substring(0, name.length() - ".cinerec".length()) : name;
    return ServingModel.of(name, saved.version(), saved.model(), saved.catalog());
  }

  /** One {@code MOVIE=RATING} of a comma-separated list: something, "=", a number. */
  private static final java.util.regex.Pattern ONE_RATING =
      java.util.regex.Pattern.compile(".*[^\\s].*=\\s*[-+]?[0-9.]+\\s*");

  /**
   * The ratings of {@code --rate MOVIE=RATING} flags (a movie by id or title: the last "=" splits, so a title
   * may hold one), as the serving path takes them. A flag may list several, {@code --rate 318=5,296=4}, when every
   * comma-separated part is one (a title's own commas, "Good, the Bad and the Ugly, The (1966)=5", split nothing).
   */
  static List<MovieRating> ratings(ServingModel serving, List<String> flags) {
    List<MovieRating> out = new ArrayList<>();
    List<String> specs = new ArrayList<>();
    for (String flag : flags) {
      List<String> parts = List.of(flag.split(",", -1));
      specs.addAll(parts.size() > 1 && parts.stream().allMatch(x -> ONE_RATING.matcher(x).matches()) ? parts
          : List.of(flag));
    }
    for (String spec : specs) {
      int eq = spec.lastIndexOf('=');
      String movie = eq < 0 ? "" : spec.substring(0, eq).strip();
      float rating;
      try {
        rating = eq < 0 ? Float.NaN : Float.parseFloat(spec.substring(eq + 1).strip());
      } catch (NumberFormatException e) {
        rating = Float.NaN;
      }
      if (movie.isEmpty() || !Float.isFinite(rating)) {
        throw CinerecException.usage("--rate \"" + spec + "\": expected MOVIE=RATING, e.g. --rate 318=5 or "
            + "--rate \"Alien=4.5\"");
      }
      out.add(new MovieRating(serving.model().items().id(serving.movie(movie).item()), rating));
    }
    return out;
  }

  /**
   * Whom a list or prediction is for: "user 42", "your 3 ratings" (as parsed: one flag may hold several), with
   * attributes "your 3 ratings and age=34, gender=F", or without ratings "age=34, gender=F".
   */
  static String whom(String user, List<MovieRating> given, Map<String, String> attributes) {
    if (user != null) {
      return "user " + user;
    }
    String told = attributes.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(java.util.stream.Collectors.joining(", "));
    String rated = "your " + given.size() + (given.size() == 1 ? " rating" : " ratings");
    return given.isEmpty() && !told.isEmpty() ? told : told.isEmpty() ? rated : rated + " and " + told;
  }

  /**
   * The attributes of {@code --attribute NAME=VALUE} flags (a new user's age, gender, occupation: what a model
   * with user attributes folds in with her ratings), in the order given; a name twice or a flag without "=" is
   * bad input naming it.
   */
  static Map<String, String> attributes(List<String> flags) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    for (String flag : flags) {
      int eq = flag.indexOf('=');
      String name = eq < 0 ? "" : flag.substring(0, eq).strip();
      if (name.isEmpty()) {
        throw CinerecException.usage("--attribute \"" + flag + "\": expected NAME=VALUE, e.g. --attribute age=34");
      }
      if (out.put(name, flag.substring(eq + 1).strip()) != null) {
        throw CinerecException.usage("--attribute " + name + " is given twice");
      }
    }
    return out;
  }

  /**
   * The check shared by recommend and predict: a training user ({@code --user}) or someone new (her
   * {@code --rate} ratings and/or {@code --attribute}s), not both and not neither.
   */
  static void requireOneSubject(String user, List<String> rate, List<String> attributes) {
    boolean someoneNew = !rate.isEmpty() || !attributes.isEmpty();
    if (user == null && !someoneNew) {
      throw CinerecException.usage("give --user ID, or someone new by their ratings (--rate MOVIE=RATING) and/or "
          + "attributes (--attribute NAME=VALUE)");
    }
    if (user != null && someoneNew) {
      throw CinerecException.usage("give --user or --rate/--attribute (someone new), not both");
    }
  }

  /** Refuses, before any work, an output file that cannot be written as given ({@link AtomicFiles#obstacle}). */
  static void checkOutput(Path file, String flag) {
    String obstacle = file == null ? null : org.cinerec.io.AtomicFiles.obstacle(file);
    if (obstacle != null) {
      throw CinerecException.usage(flag + " " + file + ": " + obstacle);
    }
  }

  /** The title without a trailing "(YEAR)" when the year is shown in its own column. */
  static String bareTitle(String title, Object year) {
    String suffix = year == null ? null : "(" + year + ")";
    return suffix != null && title.endsWith(suffix)
        ? title.substring(0, title.length() - suffix.length()).strip() : title;
  }
}
