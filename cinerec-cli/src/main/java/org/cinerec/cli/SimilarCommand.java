package org.cinerec.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.cinerec.CinerecException;
import org.cinerec.data.Catalog;
import org.cinerec.model.Recommender;
import org.cinerec.model.ScoredItems;
import org.cinerec.model.ModelFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cinerec similar MODEL --movie "Toy Story"}: the movies the model finds most similar. */
@Command(name = "similar", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Movies most similar to a movie, by the model's own similarity (embeddings, co-ratings, ...).",
        "--movie takes a movie id or a title (case, accents, year and a trailing \", The\" ignored); when "
            + "several titles match, the first exact match is used and the others are named. It is an error "
            + "(exit 1) when the model has no similarity between movies (popularity, baseline) or the movie "
            + "had no training ratings."})
final class SimilarCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MODEL", description = "Model file written by train.")
  Path modelFile;

  @Option(names = "--movie", required = true, paramLabel = "TITLE|ID", description = "Movie title or id.")
  String movie;

  @Option(names = {"-k", "--top"}, paramLabel = "K", defaultValue = "10", description = "How many. Default: ${DEFAULT-VALUE}.")
  int k;

  @Option(names = "--json", description = "Print the list as JSON.")
  boolean json;

  @Override
  public Integer call() {
    if (k < 1) {
      throw CinerecException.usage("-k must be at least 1, got " + k);
    }
    PrintWriter out = spec.commandLine().getOut();
    ModelFiles.Saved saved = CliSupport.loadModel(modelFile);
    Recommender model = saved.model();
    Catalog catalog = saved.catalog();
    CliSupport.Resolved found = CliSupport.movie(model, catalog, movie);
    int item = found.item();
    model.requireSimilarity(item, catalog.displayTitle(item) + " [movieId " + model.items().id(item) + "]");
    ScoredItems top = model.similar(item, k);
    List<Map<String, Object>> rows = new ArrayList<>();
    int related = 0;
    for (int r = 0; r < top.size(); r++) {
      int i = top.items()[r];
      if (!Float.isFinite(top.scores()[r])) {
        continue; // not related at all (itemknn: not among the kept neighbours)
      }
      related++;
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("rank", r + 1);
      row.put("movieId", model.items().id(i));
      row.put("title", catalog.title(i));
      row.put("year", catalog.year(i) == Catalog.NO_YEAR ? null : catalog.year(i));
      row.put("similarity", top.scores()[r]);
      rows.add(row);
    }
    if (json) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("movieId", model.items().id(item));
      result.put("title", catalog.displayTitle(item));
      result.put("model", model.kind());
      result.put("note", found.note());
      result.put("similar", rows);
      CliSupport.printJson(out, result);
      return 0;
    }
    if (found.note() != null) {
      out.println("note: " + found.note());
    }
    if (related < Math.min(k, model.items().size() - 1)) {
      out.printf("note: the %s model relates only %d movies to this one%n", model.kind(), related);
    }
    out.printf("movies most similar to %s [movieId %s] (%s model)%n", catalog.displayTitle(item),
        model.items().id(item), model.kind());
    out.printf("%4s  %-8s  %-50s  %4s  %10s%n", "rank", "movieId", "title", "year", "similarity");
    for (Map<String, Object> row : rows) {
      out.printf(Locale.ROOT, "%4d  %-8s  %-50s  %4s  %10.4f%n", row.get("rank"), row.get("movieId"),
          RecommendCommand.shorten(CliSupport.bareTitle((String) row.get("title"), row.get("year")), 50), row.get("year") == null ? "" : row.get("year"),
          row.get("similarity"));
    }
    return 0;
  }
}
