package org.cinerec.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cinerec.data.Catalog;
import org.cinerec.model.History;
import org.cinerec.model.ModelInfo;
import org.cinerec.model.Recommender;
import org.cinerec.serve.NewMovie;
import org.cinerec.serve.PopularityPrior;
import org.cinerec.serve.ServingModel;
import org.cinerec.model.ModelFiles;

/**
 * One loaded, warmed model as the service serves it: immutable, so a request that took it finishes on it
 * even while a newer one is swapped in ({@link ModelRegistry}).
 *
 * @param name        what {@code ?model=} calls it (the file stem)
 * @param path        the model file
 * @param model       the trained model
 * @param catalog     its movies' titles, years and genres (saved in the model file), then the movies added
 *                    through the service since it was trained ({@link ServingModel#catalog})
 * @param version     the first 12 hex digits of the file's own SHA-256 (the last 32 bytes of a model file):
 *                    the same file always has the same version
 * @param generation  how many models this server has loaded so far when it loaded this one (1, 2, ...): it only
 *                    grows, so a client can tell a newer model from an older one
 * @param fileStamp   the file's size and modification time when it was read (the watcher compares them)
 * @param loadSeconds time to read and warm it
 * @param serving     the core serving path over this model (resolving, filters, top-K, diversity, reasons),
 *                    with the movies added since it was trained
 * @param raters      per movie of {@code catalog}, how many training users rated it (popularity and the
 *                    starter set; 0 for the added movies)
 */
public record ServedModel(String name, Path path, Recommender model, Catalog catalog, String version,
    long generation, String fileStamp, double loadSeconds, ServingModel serving, int[] raters) {

  /**
   * Reads a model file and warms the model up (a few scorings, a fold-in), so its first request is fast;
   * its folded-in users get the prior toward popularity {@code prior} (null: none), and its catalogue has the
   * movies {@code added} through the service (those it was not trained on; their vectors computed now for a
   * model that ranks them).
   */
  static ServedModel load(String name, Path path, long generation, PopularityPrior.Schedule prior,
      List<NewMovie> added) {
    long t0 = System.nanoTime();
    String stamp = stamp(path);
    ModelFiles.Saved saved = ModelFiles.load(path);
    String version = saved.version();
    Recommender m = saved.model();
    ServingModel serving = ServingModel.of(name, version, m, saved.catalog()).withPrior(prior)
        .withAddedMovies(added);
    int[] raters = serving.raters();
    warm(m, serving);
    return new ServedModel(name, path, m, serving.catalog(), version, generation, stamp,
        (System.nanoTime() - t0) / 1e9, serving, raters);
  }

  /**
   * This model with another list of movies added through the service (the same model, version and
   * generation: only the catalogue grew); vectors of the movies it already had are kept.
   */
  ServedModel withAddedMovies(List<NewMovie> added) {
    ServingModel s = serving.withAddedMovies(added);
    return new ServedModel(name, path, model, s.catalog(), version, generation, fileStamp, loadSeconds, s,
        s.raters());
  }

  /** The name a model file is served under: its file name without {@code .cinerec}. */
  static String nameOf(Path path) {
    String n = path.getFileName().toString();
    return n.endsWith(".cinerec") ? n.substring(0, n.length() - ".cinerec".length()) : n;
  }

  /** Size and modification time of the file, or "missing". */
  static String stamp(Path path) {
    try {
      return Files.size(path) + "@" + Files.getLastModifiedTime(path).toMillis();
    } catch (IOException e) {
      return "missing";
    }
  }

  /**
   * Runs the scoring paths a request takes a few times (JIT compilation, lazily built indexes), so readiness
   * means fast: every user path, and fold-in when the family supports it.
   */
  private static void warm(Recommender m, ServingModel serving) {
    int items = m.items().size();
    float[] out = new float[items];
    int users = m.users().size();
    for (int k = 0; k < 64 && users > 0; k++) {
      m.scoreItems((int) ((long) k * 7919 % users), out);
    }
    m.scoreItems(-1, out);
    if (items > 0) {
      int n = Math.min(5, items);
      int[] it = new int[n];
      float[] r = new float[n];
      for (int k = 0; k < n; k++) {
        it[k] = k * (items / n); // distinct, spread over the catalogue
        r[k] = (float) m.info().scale().max();
      }
      try {
        History h = History.of(it, r);
        for (int k = 0; k < 8; k++) {
          serving.foldIn(h).scoreItems(out);
        }
      } catch (UnsupportedOperationException | IllegalArgumentException e) {
        // no fold-in for this family yet, or a tiny catalogue: nothing to warm
      }
      serving.searchTitles("the", 5); // builds the title index
      if (m.hasItemSimilarity()) {
        for (int k = 0; k < 16; k++) {
          m.similarItems((int) ((long) k * 7919 % items), out);
        }
      }
    }
  }

  /** The header value naming this model: {@code NAME@VERSION#GENERATION}. */
  public String versionHeader() {
    return name + "@" + version + "#" + generation;
  }

  /** How the model was trained, for {@code /health} and {@code /api/v1/models}. */
  public Map<String, Object> summary() {
    ModelInfo info = model.info();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("kind", model.kind());
    m.put("version", version);
    m.put("generation", generation);
    m.put("file", path.getFileName().toString());
    m.put("users", model.users().size());
    m.put("movies", model.items().size());
    m.put("predictsRatings", model.predictsRatings());
    m.put("similarMovies", model.hasItemSimilarity());
    m.put("userAttributes", model.userAttributes()); // what a new user may tell it (name to known values)
    PopularityPrior.Schedule prior = serving.prior().schedule();
    m.put("popularityPrior", prior == null ? null : prior.toString());
    m.put("trainRatings", info.trainRatings());
    m.put("trainSeconds", info.trainSeconds());
    m.put("createdAt", info.createdAt());
    m.put("dataFormat", info.dataFormat());
    m.put("split", info.split());
    m.put("seed", info.seed());
    m.put("scale", Map.of("min", info.scale().min(), "max", info.scale().max(), "step", info.scale().step()));
    m.put("params", info.params());
    m.put("loadSeconds", loadSeconds);
    return m;
  }

  /**
   * The model's evaluation figures: the held-out metrics of its last training epoch as the model file records
   * them ({@code test_*} for the part train held out), with the split they were measured on.
   */
  public Map<String, Object> evaluation() {
    List<ModelInfo.EpochRecord> history = model.info().history();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("kind", model.kind());
    m.put("split", model.info().split());
    m.put("epochs", history.size());
    m.put("final", history.isEmpty() ? Map.of() : history.get(history.size() - 1).metrics());
    m.put("history", history);
    return m;
  }
}
