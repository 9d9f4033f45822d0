package org.cinerec.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.cinerec.serve.MovieRef;
import org.cinerec.serve.RankedMovie;
import org.cinerec.serve.ServingModel;
import org.cinerec.serve.SimilarMovies;
import org.cinerec.serve.SimilarRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cinerec similar MODEL --movie "Toy Story"}: the movies the model finds most similar, through the
 * serving path ({@link ServingModel#similar}); {@code --json} prints the API's schema ({@link SimilarMovies}).
 */
@Command(name = "similar", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Movies most similar to a movie, by the model's own similarity (embeddings, co-ratings, ...).",
        "--movie takes a movie id or a title (case, accents, year and a trailing \", The\" ignored); a title "
            + "equal to it is taken (others containing it are named); several equal titles, or several "
            + "containing it and none equal, are an error listing them. It is an error (exit 1) when the model "
            + "has no similarity between movies (popularity, baseline) or the movie had no training ratings."})
final class SimilarCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MODEL", description = "Model file written by train.")
  Path modelFile;

  @Option(names = "--movie", required = true, paramLabel = "TITLE|ID", description = "Movie title or id.")
  String movie;

  @Mixin
  ListFlags list;

  @Option(names = "--json", description = "Print the list as JSON (the API's schema).")
  boolean json;

  @Override
  public Integer call() {
    list.check();
    PrintWriter out = spec.commandLine().getOut();
    ServingModel serving = CliSupport.serving(modelFile);
    SimilarMovies result = serving.similar(new SimilarRequest(movie, list.k, list.offset, list.filters(serving)));
    if (json) {
      CliSupport.printJson(out, result);
      return 0;
    }
    for (String note : result.notes()) {
      out.println("note: " + note);
    }
    String filters = list.describe();
    if (filters != null) {
      out.println(filters);
    }
    MovieRef m = result.movie();
    out.printf(Locale.ROOT, "movies most similar to %s [movieId %s] (%s model)%n", serving.catalog().displayTitle(
        serving.model().items().indexOf(m.movieId())), m.movieId(), result.kind());
    String id = CliSupport.idColumn(result.similar());
    out.printf(Locale.ROOT, "%4s  " + id + "  %-50s  %4s  %10s%n", "rank", "movieId", "title", "year", "similarity");
    for (RankedMovie r : result.similar()) {
      out.printf(Locale.ROOT, "%4d  " + id + "  %-50s  %4s  %10.4f%n", r.rank(), r.movieId(),
          RecommendCommand.shorten(CliSupport.bareTitle(r.title(), r.year()), 50), r.year() == null ? "" : r.year(),
          r.score());
    }
    return 0;
  }
}
