package org.cinerec.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.cinerec.CinerecException;
import org.cinerec.data.Dataset;
import org.cinerec.io.DatasetFile;
import org.cinerec.io.MovieLensWriter;
import org.cinerec.synth.Preset;
import org.cinerec.synth.SyntheticData;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Generates synthetic MovieLens-shaped data and writes it as MovieLens CSV (or a dataset file). */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = {"Generate synthetic MovieLens-like ratings (deterministic for a seed) and write them as "
        + "MovieLens CSV files (ratings.csv, movies.csv, and users.csv with each user's age, gender and occupation, "
        + "which carry her taste group) into DIR, or as a dataset file when --out ends in .cinerec.",
        "Presets: tiny (50 users, 3k ratings), small (as ml-latest-small: 610 users, 9,742 movies, 100,836 "
            + "ratings), 1m (as ml-1m), 5m (5,000,000 ratings, "
            + "31,333 users, 15,210 movies: between ml-1m and ml-25m, users and movies their geometric means), 25m (as ml-25m: 162,541 users, 62,423 movies, 25,000,095 ratings), "
            + "tweetings (as MovieTweetings: ratings 0..10 in the '::' layout, ratings.dat and movies.dat, "
            + "catalogue ids zero-padded, rating ids not).",
        "Example: cinerec generate --preset 25m --seed 42 --out data/synthetic-25m"})
final class GenerateCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--preset", paramLabel = "NAME", defaultValue = "small",
      description = "tiny, small, 1m, 5m, 25m or tweetings. Default: ${DEFAULT-VALUE}.")
  String preset;

  @Option(names = "--seed", paramLabel = "N", defaultValue = "42", description = "Random seed. Default: ${DEFAULT-VALUE}.")
  long seed;

  @Option(names = {"-o", "--out"}, paramLabel = "DIR", required = true,
      description = "Folder for ratings.csv, movies.csv and users.csv (ratings.dat and movies.dat for tweetings; created), "
          + "or a FILE.cinerec dataset file.")
  Path out;

  @Option(names = "--users", paramLabel = "N", description = "Override the preset's number of users.")
  Integer users;

  @Option(names = "--movies", paramLabel = "N", description = "Override the preset's number of movies.")
  Integer movies;

  @Option(names = "--ratings", paramLabel = "N", description = "Override the preset's number of ratings (default "
      + "with --users or --movies: the preset's ratings per user, within what fits).")
  Long ratings;

  /**
   * The ratings of {@code users} and {@code movies} when --ratings is not given: the preset's ratings per user,
   * within what fits (at least {@link Preset#MIN_RATINGS} a user, at most half the movies each).
   */
  static long fitted(Preset p, int users, int movies) {
    long perPreset = Math.round((double) p.ratings() / p.users() * users);
    return Math.max((long) users * Preset.MIN_RATINGS, Math.min(perPreset, (long) users * (movies / 2)));
  }

  @Override
  public Integer call() {
    PrintWriter w = spec.commandLine().getOut();
    Preset p = Preset.byName(preset);
    if (users != null || movies != null || ratings != null) {
      try {
        int u = users != null ? users : p.users();
        int m = movies != null ? movies : p.items();
        p = p.resized(p.name() + "*", u, m, ratings != null ? ratings : fitted(p, u, m));
      } catch (IllegalArgumentException e) {
        throw CinerecException.usage("--users/--movies/--ratings: " + e.getMessage());
      }
    }
    try (ProgressBars bars = ProgressBars.stderr()) {
      long t0 = System.nanoTime();
      Dataset d = SyntheticData.generate(p, seed, bars);
      double seconds = (System.nanoTime() - t0) / 1e9;
      w.printf(Locale.ROOT, "generated preset %s, seed %d: %,d ratings, %,d users, %,d movies (%,d rated), "
              + "mean rating %.2f, in %.1f s%n", p.name(), seed, d.ratings().size(), d.numUsers(), d.numItems(),
          d.ratings().activeItems(), d.ratings().mean(), seconds);
      if (out.getFileName() != null && out.getFileName().toString().endsWith(".cinerec")) {
        DatasetFile.write(out, d, bars);
        w.printf(Locale.ROOT, "wrote %s (%,d bytes)%n", out, size(out));
      } else {
        boolean dat = p.style().layout().equals("dat");
        if (dat) {
          MovieLensWriter.writeDat(out, d, bars);
        } else {
          MovieLensWriter.writeDataset(out, d, bars);
        }
        Path ratingsFile = out.resolve(dat ? "ratings.dat" : "ratings.csv");
        Path moviesFile = out.resolve(dat ? "movies.dat" : "movies.csv");
        Path usersFile = out.resolve("users.csv");
        if (dat || d.userAttributes().isEmpty()) {
          w.printf(Locale.ROOT, "wrote %s (%,d bytes) and %s (%,d bytes)%n", ratingsFile, size(ratingsFile), moviesFile,
              size(moviesFile));
        } else {
          w.printf(Locale.ROOT, "wrote %s (%,d bytes), %s (%,d bytes) and %s (%,d bytes)%n", ratingsFile,
              size(ratingsFile), moviesFile, size(moviesFile), usersFile, size(usersFile));
        }
      }
    }
    return 0;
  }

  static long size(Path p) {
    try {
      return Files.size(p);
    } catch (java.io.IOException e) {
      return -1;
    }
  }
}
