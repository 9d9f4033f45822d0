package org.cinerec.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.cinerec.CinerecException;
import org.cinerec.serve.MovieRating;
import org.cinerec.serve.Prediction;
import org.cinerec.serve.ServingModel;
import org.cinerec.serve.Subject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cinerec predict MODEL --user ID --movie ID}: one predicted rating (or ranking score), through the
 * serving path ({@link ServingModel#predict}); {@code --json} prints the API's schema ({@link Prediction}).
 */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Predict a user's rating of a movie (or, with --rate, the rating of someone new).",
        "Models that only rank print their ranking score instead and say so. A user or movie without "
            + "training ratings gets the model's fallback (e.g. the global mean plus the movie's bias), and "
            + "the output says which and to what."})
final class PredictCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MODEL", description = "Model file written by train.")
  Path modelFile;

  @Option(names = "--user", paramLabel = "ID", description = "User id as in the data.")
  String user;

  @Option(names = "--rate", paramLabel = "MOVIE=RATING",
      description = "A rating of someone the model has never seen (movie id or title; repeatable, or several in one: "
          + "318=5,296=4), instead of --user.")
  List<String> rate = new ArrayList<>();

  @Option(names = "--attribute", paramLabel = "NAME=VALUE",
      description = "Something someone new tells about themselves (repeatable), e.g. --attribute age=34 "
          + "--attribute gender=F: a model trained with --user-features folds it in with the --rate ratings "
          + "(even with none); other models say they do not use it.")
  List<String> attribute = new ArrayList<>();

  @Option(names = "--movie", required = true, paramLabel = "ID|TITLE", description = "Movie id (or title).")
  String movie;

  @Option(names = "--json", description = "Print the prediction as JSON (the API's schema).")
  boolean json;

  @Override
  public Integer call() {
    CliSupport.requireOneSubject(user, rate, attribute);
    Map<String, String> told = CliSupport.attributes(attribute);
    PrintWriter out = spec.commandLine().getOut();
    ServingModel serving = CliSupport.serving(modelFile);
    List<MovieRating> given = user != null ? List.of() : CliSupport.ratings(serving, rate);
    Subject subject = user != null ? Subject.user(user) : Subject.anonymous(given, told);
    Prediction p = serving.predict(subject, movie);
    if (json) {
      CliSupport.printJson(out, p);
      return 0;
    }
    for (String note : p.notes()) {
      out.println("note: " + note);
    }
    String whom = CliSupport.whom(user, given, told);
    String title = serving.catalog().displayTitle(serving.model().items().indexOf(p.movie().movieId()));
    if (p.predictedRating() != null) {
      out.printf(Locale.ROOT, "%s, %s [movieId %s]: predicted rating %.2f (%s model)%n", whom, title,
          p.movie().movieId(), p.predictedRating(), p.kind());
    } else {
      out.printf(Locale.ROOT, "%s, %s [movieId %s]: score %.4f (%s ranks only; it does not predict ratings)%n",
          whom, title, p.movie().movieId(), p.score(), p.kind());
    }
    return 0;
  }
}
