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
import org.cinerec.data.CsrIndex;
import org.cinerec.data.Dataset;
import org.cinerec.data.Ratings;
import org.cinerec.model.ItemFilter;
import org.cinerec.model.RatedItems;
import org.cinerec.model.Recommender;
import org.cinerec.model.ScoredItems;
import org.cinerec.model.ModelFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cinerec recommend MODEL --user ID}: the user's top K movies. Movies the user already rated are
 * left out: with {@code --data DATA}, every movie the user rated in DATA; without it, the training movies
 * stored in the model file (models implementing {@link RatedItems}); a model file without them asks for
 * {@code --data} or {@code --include-rated}.
 */
@Command(name = "recommend", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Recommend movies to a user.",
        "Movies the user has already rated are left out: those recorded in the model file, or with --data "
            + "every movie the user rated in DATA. A user without training ratings gets the model's "
            + "non-personal fallback, and the output says so."})
final class RecommendCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MODEL", description = "Model file written by train.")
  Path modelFile;

  @Option(names = "--user", required = true, paramLabel = "ID", description = "User id as in the data (e.g. 1).")
  String user;

  @Option(names = {"-k", "--top"}, paramLabel = "K", defaultValue = "10", description = "How many. Default: ${DEFAULT-VALUE}.")
  int k;

  @Option(names = "--include-rated", description = "Do not leave out movies the user already rated.")
  boolean includeRated;

  @Option(names = "--data", paramLabel = "DATA", description = "Leave out every movie the user rated in DATA.")
  Path data;

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
    int u = CliSupport.user(model, user);
    ItemFilter filter = filter(model, u);
    ScoredItems top = model.recommend(u, k, filter);
    boolean personal = model.knowsUser(u);
    String note = personal ? null : "user " + user + " has no training ratings: these are the model's "
        + "non-personal fallback recommendations";
    List<Map<String, Object>> rows = new ArrayList<>();
    for (int r = 0; r < top.size(); r++) {
      int i = top.items()[r];
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("rank", r + 1);
      row.put("movieId", model.items().id(i));
      row.put("title", catalog.title(i));
      row.put("year", catalog.year(i) == Catalog.NO_YEAR ? null : catalog.year(i));
      row.put("score", top.scores()[r]);
      row.put("predictedRating", model.predictsRatings() ? model.info().clip(model.predict(u, i)) : null);
      rows.add(row);
    }
    if (json) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("user", user);
      result.put("model", model.kind());
      result.put("personal", personal);
      result.put("excluded", includeRated ? "nothing" : data != null ? "rated in " + data : "rated in training");
      result.put("note", note);
      result.put("recommendations", rows);
      CliSupport.printJson(out, result);
      return 0;
    }
    if (note != null) {
      out.println("note: " + note);
    }
    out.printf("top %d for user %s (%s model%s)%n", top.size(), user, model.kind(),
        includeRated ? "" : ", rated movies left out");
    out.printf("%4s  %-8s  %-50s  %4s  %9s  %s%n", "rank", "movieId", "title", "year", "score",
        model.predictsRatings() ? "predicted" : "");
    for (Map<String, Object> row : rows) {
      out.printf(Locale.ROOT, "%4d  %-8s  %-50s  %4s  %9.4f  %s%n", row.get("rank"), row.get("movieId"),
          shorten(CliSupport.bareTitle((String) row.get("title"), row.get("year")), 50), row.get("year") == null ? "" : row.get("year"), row.get("score"),
          row.get("predictedRating") == null ? "" : String.format(Locale.ROOT, "%.2f", row.get("predictedRating")));
    }
    if (!model.predictsRatings()) {
      out.println("(" + model.kind() + " ranks only; it does not predict ratings)");
    }
    return 0;
  }

  private ItemFilter filter(Recommender model, int u) {
    if (includeRated) {
      return ItemFilter.none();
    }
    if (data != null) {
      Dataset d = CliSupport.loadData(DataOptions.resolve(data), CliSupport.recordedOptions(model, data),
          spec.commandLine().getErr());
      int du = d.users().indexOf(user.strip());
      List<Integer> rated = new ArrayList<>();
      if (du >= 0) {
        Ratings r = d.ratings();
        CsrIndex byUser = r.byUser();
        for (int q = byUser.start(du); q < byUser.end(du); q++) {
          int mi = model.items().indexOf(d.items().id(r.item(byUser.positions()[q])));
          if (mi >= 0) {
            rated.add(mi);
          }
        }
      }
      return (user, scores) -> rated.forEach(i -> scores[i] = Float.NEGATIVE_INFINITY);
    }
    if (model instanceof RatedItems r) {
      return r.trainingItems().filter();
    }
    throw new CinerecException("the " + model.kind() + " model file does not record which movies users rated; "
        + "pass --data DATA (the ratings to leave out) or --include-rated");
  }

  static String shorten(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 1) + "…";
  }
}
