package org.cinerec.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cinerec.model.ModelFiles;
import org.cinerec.viz.ModelPictures;
import org.cinerec.viz.PlotOptions;
import org.cinerec.viz.stats.Leaderboard;
import org.cinerec.viz.stats.MovieRatings;
import org.cinerec.viz.stats.TopMovies;
import picocli.CommandLine.Option;

/** The picture settings and model inputs shared by {@code plot} and {@code report}. */
final class PlotFlags {

  @Option(names = "--movie", paramLabel = "TITLE",
      description = "Movie whose rating distribution is drawn (title search: case, accents, year and \"The\" "
          + "ignored; an unknown title lists close matches). Default: " + MovieRatings.DEFAULT_TITLE
          + " when the data has it, else the most-rated movie.")
  String movie;

  @Option(names = "--sample-users", paramLabel = "N", defaultValue = "" + PlotOptions.DEFAULT_SAMPLE_USERS,
      description = "Users in the strip plot, drawn at random with --seed. Default: ${DEFAULT-VALUE}.")
  int sampleUsers;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "" + PlotOptions.DEFAULT_SEED,
      description = "Seed of the user sample, the jitter and the word-cloud layout. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = "--top", paramLabel = "N", defaultValue = "" + TopMovies.DEFAULT_TOP,
      description = "Movies in the word cloud. Default: ${DEFAULT-VALUE}.")
  int top;

  @Option(names = "--prior-weight", paramLabel = "M", defaultValue = "10",
      description = "Damped mean (sum + M·C) / (n + M) of the word cloud: M pseudo-ratings at the global mean C. "
          + "Default: ${DEFAULT-VALUE}.")
  double priorWeight;

  @Option(names = "--min-ratings", paramLabel = "N", defaultValue = "" + TopMovies.DEFAULT_MIN_RATINGS,
      description = "Fewest ratings a movie needs to enter the word cloud. Default: ${DEFAULT-VALUE}.")
  int minRatings;

  @Option(names = "--model", paramLabel = "FILE", arity = "1..*",
      description = "Model file(s) from cinerec train: their learning curves, predicted vs actual ratings "
          + "(on the held-out part of the split recorded in the model) and movie-vector map.")
  List<Path> models = new ArrayList<>();

  @Option(names = "--leaderboard", paramLabel = "FILE",
      description = "JSON of cinerec compare --out (or evaluate --json): the leaderboard table and top-K accuracy vs K.")
  Path leaderboard;

  PlotOptions options() {
    return new PlotOptions(movie, sampleUsers, seed, top, priorWeight, minRatings);
  }

  List<ModelPictures.Model> loadModels() {
    List<ModelPictures.Model> out = new ArrayList<>();
    for (Path p : models) {
      String name = p.getFileName().toString().replaceFirst("\\.cinerec$", "");
      out.add(new ModelPictures.Model(name, ModelFiles.load(p)));
    }
    return out;
  }

  Leaderboard loadLeaderboard() {
    return leaderboard == null ? null : Leaderboard.read(leaderboard);
  }
}
