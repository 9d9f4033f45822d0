package org.cinerec.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.nio.file.Path;
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
import org.cinerec.io.LoadOptions;
import org.cinerec.model.ModelFamilies;
import org.cinerec.model.Recommender;
import org.cinerec.store.ModelFile;

/** What the model commands share: loading data and models, resolving users and movies, printing JSON. */
final class CliSupport {
  /** Every {@code --json} output: indented; NaN and infinities as null ({@link JsonNumbers}). */
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
      .registerModule(JsonNumbers.module());

  private CliSupport() {}

  /** Reads DATA given as a plain path (default load options), with progress bars on a terminal. */
  static Dataset loadData(Path path) {
    try (ProgressBars bars = ProgressBars.stderr()) {
      return DataSources.load(path, LoadOptions.defaults(), bars);
    }
  }

  /** Reads DATA at a path with default options (progress on stderr; {@code err} kept for callers' symmetry). */
  static Dataset loadData(Path path, PrintWriter err) {
    return loadData(path);
  }

  /** Reads DATA given through the {@link DataOptions} mixin, with progress bars on a terminal. */
  static Dataset loadData(DataOptions data) {
    try (ProgressBars bars = ProgressBars.stderr()) {
      return data.load(bars);
    }
  }

  /** How {@code --json} names the data a command read: the path as given and the detected format. */
  static Map<String, Object> dataJson(Path given, Dataset data) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("path", given.toString());
    m.put("format", data.provenance().format());
    m.put("ratings", data.ratings().size());
    m.put("users", data.numUsers());
    m.put("movies", data.numItems());
    return m;
  }

  /** A protocol result as a JSON object: its parameters typed ({@link ModelFamilies#jsonParams}). */
  @SuppressWarnings("unchecked")
  static Map<String, Object> resultJson(ProtocolResult r) {
    Map<String, Object> m = JSON.convertValue(r, Map.class);
    m.put("params", ModelFamilies.jsonParams(r.model(), r.params()));
    return m;
  }

  static ModelFile.Saved loadModel(Path path) {
    return ModelFile.load(path);
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
      throw new CinerecException("unknown user \"" + id + "\": the model knows " + ids.length + " users (ids "
          + examples + ")");
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
