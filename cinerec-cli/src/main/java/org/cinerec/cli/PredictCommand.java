package org.cinerec.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.cinerec.data.Catalog;
import org.cinerec.model.Recommender;
import org.cinerec.model.ModelFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cinerec predict MODEL --user ID --movie ID}: one predicted rating (or ranking score). */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Predict a user's rating of a movie.",
        "Models that only rank print their ranking score instead and say so. A user or movie without "
            + "training ratings gets the model's fallback (e.g. the global mean plus the movie's bias), and "
            + "the output says which and to what."})
final class PredictCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MODEL", description = "Model file written by train.")
  Path modelFile;

  @Option(names = "--user", required = true, paramLabel = "ID", description = "User id as in the data.")
  String user;

  @Option(names = "--movie", required = true, paramLabel = "ID|TITLE", description = "Movie id (or title).")
  String movie;

  @Option(names = "--json", description = "Print the prediction as JSON.")
  boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    ModelFiles.Saved saved = CliSupport.loadModel(modelFile);
    Recommender model = saved.model();
    Catalog catalog = saved.catalog();
    int u = CliSupport.user(model, user);
    CliSupport.Resolved found = CliSupport.movie(model, catalog, movie);
    int i = found.item();
    float value = model.predictsRatings() ? model.info().clip(model.predict(u, i)) : model.predict(u, i);
    String fallback = model.fallback(u, i);
    String note = fallback == null ? null : fallbackNote(user, model.knowsUser(u),
        catalog.displayTitle(i) + " [movieId " + model.items().id(i) + "]", model.knowsItem(i), fallback);
    if (json) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("user", user);
      result.put("movieId", model.items().id(i));
      result.put("title", catalog.displayTitle(i));
      result.put("model", model.kind());
      result.put(model.predictsRatings() ? "predictedRating" : "score", value);
      result.put("personal", fallback == null);
      result.put("userHasTrainingRatings", model.knowsUser(u));
      result.put("movieHasTrainingRatings", model.knowsItem(i));
      result.put("fallback", fallback);
      result.put("note", found.note() != null ? found.note() : note);
      CliSupport.printJson(out, result);
      return 0;
    }
    if (found.note() != null) {
      out.println("note: " + found.note());
    }
    if (note != null) {
      out.println("note: " + note);
    }
    if (model.predictsRatings()) {
      out.printf(Locale.ROOT, "user %s, %s [movieId %s]: predicted rating %.2f (%s model)%n", user,
          catalog.displayTitle(i), model.items().id(i), value, model.kind());
    } else {
      out.printf(Locale.ROOT, "user %s, %s [movieId %s]: score %.4f (%s ranks only; it does not predict ratings)%n",
          user, catalog.displayTitle(i), model.items().id(i), value, model.kind());
    }
    return 0;
  }

  /** "user 99 has no training ratings: the prediction falls back to ..." (the cold side or sides named). */
  static String fallbackNote(String user, boolean userKnown, String movie, boolean movieKnown, String fallback) {
    String who = !userKnown && !movieKnown ? "user " + user + " and " + movie + " have"
        : !userKnown ? "user " + user + " has" : !movieKnown ? movie + " has" : null;
    return (who == null ? "the prediction" : who + " no training ratings: the prediction") + " falls back to "
        + fallback;
  }
}
