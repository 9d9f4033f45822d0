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
import org.cinerec.data.Catalog;
import org.cinerec.data.Dataset;
import org.cinerec.data.TitleSearch;
import org.cinerec.io.DataSources;
import org.cinerec.eval.ProtocolResult;
import org.cinerec.io.Format;
import org.cinerec.io.LoadOptions;
import org.cinerec.model.ModelFamilies;
import org.cinerec.prep.ReportFormat;
import org.cinerec.model.Recommender;
import org.cinerec.model.ModelFiles;

/** What the model commands share: loading data and models, resolving users and movies, printing JSON. */
final class CliSupport {
  /** Every {@code --json} output: indented; NaN and infinities as null ({@link JsonNumbers}). */
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
      .registerModule(JsonNumbers.module());

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
    return loadData(data.path(), data.options(), err);
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
        && org.cinerec.io.FormatDetector.detect(p) == Format.DATASET;
    return rec == null || prepared ? LoadOptions.defaults() : rec.read();
  }

  /** Reads DATA with these reader settings and prints the summary line on {@code err}. */
  static Dataset loadData(Path path, LoadOptions options, PrintWriter err) {
    Dataset d;
    try (ProgressBars bars = ProgressBars.stderr()) {
      d = DataOptions.read(path, options, bars);
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
    return "cinerec prepare " + path + ReaderOptions.flags(shown);
  }

  /** A protocol result as a JSON object: its parameters typed ({@link ModelFamilies#jsonParams}). */
  @SuppressWarnings("unchecked")
  static Map<String, Object> resultJson(ProtocolResult r) {
    Map<String, Object> m = JSON.convertValue(r, Map.class);
    m.put("params", ModelFamilies.jsonParams(r.model(), r.params()));
    return m;
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

  /** The model's index of a user id; unknown ids are a clear error. */
  static int user(Recommender model, String id) {
    int u = model.users().indexOf(id.strip());
    if (u < 0) {
      String[] ids = model.users().ids();
      String examples = ids.length == 0 ? "none" : ids.length <= 3 ? String.join(", ", ids)
          : ids[0] + ", " + ids[1] + ", ... " + ids[ids.length - 1];
      throw new CinerecException(String.format(java.util.Locale.ROOT, "unknown user \"%s\": the model knows %,d users "
          + "(ids %s)", id, ids.length, examples));
    }
    return u;
  }

  /** A movie by id, or else by title ({@link #movieByTitle}). */
  static Resolved movie(Recommender model, Catalog catalog, String text) {
    int i = model.items().indexOf(text.strip());
    if (i >= 0) {
      return new Resolved(i, null);
    }
    return movieByTitle(catalog, text);
  }

  /** A movie found by title, with a note when several matched. */
  record Resolved(int item, String note) {}

  /**
   * Finds a movie by title: exact matches (case, accents, year and "The" ignored) first, then titles
   * containing the query; the first is taken and the others named in the note. No match is an error
   * listing close titles.
   */
  static Resolved movieByTitle(Catalog catalog, String query) {
    TitleSearch search = new TitleSearch(catalog);
    List<Integer> found = search.find(query);
    if (found.isEmpty()) {
      List<String> close = new ArrayList<>();
      for (int i : search.closeMatches(query, 5)) {
        close.add(catalog.displayTitle(i));
      }
      boolean id = query.strip().matches("\\d+");
      throw new CinerecException("no movie " + (id ? "has the id or title" : "matches") + " \"" + query + "\""
          + (close.isEmpty() || id ? "" : "; close titles: " + String.join("; ", close)));
    }
    int best = found.get(0);
    String note = null;
    if (found.size() > 1) {
      List<String> others = new ArrayList<>();
      for (int j = 1; j < Math.min(found.size(), 6); j++) {
        others.add(catalog.displayTitle(found.get(j)));
      }
      note = found.size() + " movies match \"" + query + "\"; using " + catalog.displayTitle(best)
          + " (others: " + String.join("; ", others) + (found.size() > 6 ? "; ..." : "") + ")";
    }
    return new Resolved(best, note);
  }

  /** The title without a trailing "(YEAR)" when the year is shown in its own column. */
  static String bareTitle(String title, Object year) {
    String suffix = year == null ? null : "(" + year + ")";
    return suffix != null && title.endsWith(suffix) ? title.substring(0, title.length() - suffix.length()).strip() : title;
  }
}
