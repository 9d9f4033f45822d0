package org.cinerec.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.cinerec.CinerecException;
import org.cinerec.data.CsrIndex;
import org.cinerec.data.Dataset;
import org.cinerec.data.Ratings;
import org.cinerec.io.AtomicFiles;
import org.cinerec.io.MovieLensWriter;
import org.cinerec.model.History;
import org.cinerec.model.RatedItems;
import org.cinerec.serve.MovieRating;
import org.cinerec.serve.PopularityPrior;
import org.cinerec.serve.RankedMovie;
import org.cinerec.serve.Reason;
import org.cinerec.serve.RecommendRequest;
import org.cinerec.serve.Recommendations;
import org.cinerec.serve.ServingModel;
import org.cinerec.serve.Subject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cinerec recommend MODEL --user ID} (or {@code --rate MOVIE=RATING ...} for someone the model has never
 * seen): the top K movies, through the serving path ({@link ServingModel#recommend}) that the HTTP API uses too,
 * so {@code --json} prints the API's schema ({@link Recommendations}). Movies the user already rated are left
 * out: the training movies stored in the model file ({@link RatedItems}), with {@code --data DATA} also every
 * movie the user rated in DATA (whose ratings {@code --explain} then names), and for {@code --rate} the rated
 * movies.
 */
@Command(name = "recommend", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Recommend movies to a user, or to someone new known only by the ratings given with --rate "
            + "(and what they tell with --attribute).",
        "Movies the user has already rated are left out: those recorded in the model file, or with --data "
            + "also every movie the user rated in DATA. A user without training ratings gets the model's "
            + "non-personal fallback, and the output says so. Filters (--genre, --year-from, --year-to, "
            + "--exclude) apply before the top K is taken."})
final class RecommendCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MODEL", description = "Model file written by train.")
  Path modelFile;

  @Option(names = "--user", paramLabel = "ID", description = "User id as in the data (e.g. 1).")
  String user;

  @Option(names = "--rate", paramLabel = "MOVIE=RATING",
      description = "A rating of someone the model has never seen (movie id or title; repeatable, or several in one: "
          + "318=5,296=4), folded into the model on the spot instead of --user.")
  List<String> rate = new ArrayList<>();

  @Option(names = "--attribute", paramLabel = "NAME=VALUE",
      description = "Something someone new tells about themselves (repeatable), e.g. --attribute age=34 "
          + "--attribute gender=F: a model trained with --user-features folds it in with the --rate ratings "
          + "(even with none); other models say they do not use it.")
  List<String> attribute = new ArrayList<>();

  @Mixin
  ListFlags list;

  @Option(names = "--include-rated", description = "Do not leave out movies the user already rated.")
  boolean includeRated;

  @Option(names = "--data", paramLabel = "DATA",
      description = "Also leave out every movie the user rated in DATA (and let --explain name their ratings). "
          + "It is read as the model's data was (recorded in the file); the reader flags below change that.")
  Path data;

  @Mixin
  ReaderOptions reader = new ReaderOptions();

  @Option(names = "--diversity", paramLabel = "0..1", defaultValue = "0",
      description = "Trade relevance for variety (MMR over the model's movie vectors; 0: the plain ranking). "
          + "Default: 0.")
  double diversity;

  @Option(names = "--popularity-prior", paramLabel = "W0,N", defaultValue = "off",
      description = "With --rate or --attribute: rank by a blend of the model's scores and the movies' training "
          + "popularity, popularity's weight W0 (0..1) fading to nothing at N ratings (e.g. 1,100); off: the model "
          + "alone. Default: ${DEFAULT-VALUE}.")
  String popularityPrior;

  @Option(names = "--explain", description = "Say why: the rated movies that contribute most to each movie.")
  boolean explain;

  @Option(names = "--json", description = "Print the list as JSON (the API's schema).")
  boolean json;

  @Option(names = "--all-users", description = "Every user the model was trained on, each with the same filters: "
      + "one CSV row per recommended movie (userId,rank,movieId,title,year,score,predicted,personal: false for "
      + "the non-personal fallback), to --out FILE or standard output.")
  boolean allUsers;

  @Option(names = "--out", paramLabel = "FILE", description = "With --all-users: the CSV file to write (whole or "
      + "not at all). Default: standard output.")
  Path outFile;

  @Override
  public Integer call() {
    list.check();
    if (data == null && reader.any()) {
      throw CinerecException.usage(reader.given().strip() + ": reader flags apply to --data DATA, which is not given");
    }
    if (!(diversity >= 0 && diversity <= 1)) {
      throw CinerecException.usage("--diversity must be between 0 and 1, got " + diversity);
    }
    if (allUsers) {
      return recommendAll();
    }
    if (outFile != null) {
      throw CinerecException.usage("--out goes with --all-users (one user's list is printed)");
    }
    CliSupport.requireOneSubject(user, rate, attribute);
    Map<String, String> told = CliSupport.attributes(attribute);
    if (data != null && user == null) {
      throw CinerecException.usage("--data goes with --user (it names the movies that user rated in DATA)");
    }
    PopularityPrior.Schedule prior = PopularityPrior.Schedule.parse("--popularity-prior", popularityPrior);
    if (prior != null && user != null) {
      throw CinerecException.usage("--popularity-prior goes with --rate (a user of the training data is served as "
          + "trained)");
    }
    PrintWriter out = spec.commandLine().getOut();
    ServingModel serving = CliSupport.serving(modelFile).withPrior(prior);
    List<MovieRating> given = user != null ? List.of() : CliSupport.ratings(serving, rate);
    Subject subject = user != null ? Subject.user(user, ratingsInData(serving)) : Subject.anonymous(given, told);
    RecommendRequest request = RecommendRequest.builder(subject).k(list.k).offset(list.offset)
        .filters(list.filters(serving)).excludeRated(!includeRated).diversity(diversity).explain(explain).build();
    Recommendations result = serving.recommend(request);
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
    boolean predicts = serving.model().predictsRatings();
    String whom = CliSupport.whom(user, given, told);
    out.printf(Locale.ROOT, "top %d for %s (%s model%s%s)%n", result.recommendations().size(), whom, result.kind(),
        includeRated ? "" : ", rated movies left out", diversity > 0 ? ", diversity " + diversity : "");
    String id = CliSupport.idColumn(result.recommendations());
    out.printf(Locale.ROOT, "%4s  " + id + "  %-50s  %4s  %9s  %s%n", "rank", "movieId", "title", "year", "score",
        predicts ? "predicted" : "");
    for (RankedMovie m : result.recommendations()) {
      out.printf(Locale.ROOT, "%4d  " + id + "  %-50s  %4s  %9.4f  %s%n", m.rank(), m.movieId(),
          shorten(CliSupport.bareTitle(m.title(), m.year()), 50), m.year() == null ? "" : m.year(), m.score(),
          m.predictedRating() == null ? "" : String.format(Locale.ROOT, "%.2f", m.predictedRating()));
      if (!m.reasons().isEmpty()) {
        out.println("        " + Reason.PREFIX + String.join(", ", m.reasons().stream()
            .map(why -> why.text().substring(Reason.PREFIX.length())).toList()));
      }
    }
    if (!predicts) {
      out.println("(" + result.kind() + " ranks only; it does not predict ratings)");
    }
    return 0;
  }

  /**
   * {@code --all-users}: every training user's list through the same serving path, users in the model's order,
   * scored in parallel a block at a time and written in order; a summary on standard error.
   */
  private int recommendAll() {
    if (user != null || !rate.isEmpty() || !attribute.isEmpty()) {
      throw CinerecException.usage("--all-users recommends to every user of the model; it does not take --user, "
          + "--rate or --attribute");
    }
    refuseWithAllUsers(explain, "--explain");
    refuseWithAllUsers(json, "--json");
    refuseWithAllUsers(!"off".equalsIgnoreCase(popularityPrior.strip()), "--popularity-prior");
    boolean toStdout = outFile == null || outFile.toString().equals("-");
    if (!toStdout) {
      CliSupport.checkOutput(outFile, "--out");
    }
    PrintWriter err = spec.commandLine().getErr();
    ServingModel serving = CliSupport.serving(modelFile);
    Dataset d = data == null ? null : CliSupport.loadData(DataOptions.resolve(data),
        reader.over(CliSupport.recordedOptions(serving.model(), data)), err);
    org.cinerec.serve.Filters filters = list.filters(serving);
    org.cinerec.data.IdIndex users = serving.model().users();
    int[] fallback = new int[1];
    long[] rows = new long[1];
    long t0 = System.nanoTime();
    CsvBody csv = w -> {
      w.write("userId,rank,movieId,title,year,score,predicted,personal\n");
      int block = 4096;
      for (int from = 0; from < users.size(); from += block) {
        int first = from;
        String[] parts = new String[Math.min(block, users.size() - from)];
        boolean[] personal = new boolean[parts.length];
        long[] counts = new long[parts.length];
        org.cinerec.math.Parallel.forEachChunk(parts.length, 0, (c, a, b) -> {
          StringBuilder sb = new StringBuilder();
          for (int k = a; k < b; k++) {
            String id = users.id(first + k);
            Recommendations r = serving.recommend(RecommendRequest.builder(Subject.user(id, d == null
                ? History.EMPTY : ratingsIn(d, serving, id))).k(list.k).offset(list.offset).filters(filters)
                .excludeRated(!includeRated).diversity(diversity).build());
            sb.setLength(0);
            csvRows(sb, id, r);
            parts[k] = sb.toString();
            personal[k] = r.personal();
            counts[k] = r.recommendations().size();
          }
        });
        for (int k = 0; k < parts.length; k++) {
          w.write(parts[k]);
          fallback[0] += personal[k] ? 0 : 1;
          rows[0] += counts[k];
        }
      }
      w.flush();
    };
    String where;
    if (toStdout) {
      try {
        csv.writeTo(spec.commandLine().getOut());
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      where = "standard output";
    } else {
      AtomicFiles.write(outFile, sink -> csv.writeTo(new java.io.OutputStreamWriter(sink,
          java.nio.charset.StandardCharsets.UTF_8)));
      where = outFile.toString();
    }
    err.printf(Locale.ROOT, "recommended to %,d users (%s model%s%s) in %.2f s: %,d rows to %s%s%n", users.size(),
        serving.model().kind(), includeRated ? "" : ", rated movies left out", diversity > 0 ? ", diversity "
            + diversity : "", (System.nanoTime() - t0) / 1e9, rows[0], where, fallback[0] == 0 ? ""
            : String.format(Locale.ROOT, "; %,d without training ratings got the non-personal fallback",
                fallback[0]));
    return 0;
  }

  private static void refuseWithAllUsers(boolean given, String flag) {
    if (given) {
      throw CinerecException.usage(flag + " does not go with --all-users (its CSV has one row per movie)");
    }
  }

  /** One user's list as --all-users' CSV rows: userId,rank,movieId,title,year,score,predicted,personal. */
  private static void csvRows(StringBuilder sb, String user, Recommendations r) {
    for (RankedMovie m : r.recommendations()) {
      MovieLensWriter.quote(sb, user);
      sb.append(',').append(m.rank()).append(',');
      MovieLensWriter.quote(sb, m.movieId());
      sb.append(',');
      MovieLensWriter.quote(sb, CliSupport.bareTitle(m.title(), m.year()));
      sb.append(',').append(m.year() == null ? "" : m.year()).append(',').append(m.score()).append(',')
          .append(m.predictedRating() == null ? "" : m.predictedRating()).append(',').append(r.personal())
          .append('\n');
    }
  }

  /** What writes --all-users' CSV. */
  @FunctionalInterface
  private interface CsvBody {
    void writeTo(java.io.Writer w) throws java.io.IOException;
  }

  /**
   * The user's ratings in --data of the movies the model knows (left out, and named with their ratings by
   * --explain), or none without --data. A movie rated twice counts with its last rating.
   */
  private History ratingsInData(ServingModel serving) {
    if (data == null) {
      return History.EMPTY;
    }
    serving.user(user); // an unknown user is reported before DATA is read
    Dataset d = CliSupport.loadData(DataOptions.resolve(data),
        reader.over(CliSupport.recordedOptions(serving.model(), data)), spec.commandLine().getErr());
    return ratingsIn(d, serving, user);
  }

  /** A user's ratings in a dataset of the movies the model knows (a movie rated twice: its last rating). */
  private static History ratingsIn(Dataset d, ServingModel serving, String user) {
    int du = d.users().indexOf(user.strip());
    Map<Integer, Float> rated = new TreeMap<>();
    if (du >= 0) {
      Ratings r = d.ratings();
      CsrIndex byUser = r.byUser();
      for (int q = byUser.start(du); q < byUser.end(du); q++) {
        int p = byUser.positions()[q];
        int i = serving.model().items().indexOf(d.items().id(r.item(p)));
        if (i >= 0) {
          rated.put(i, r.rating(p));
        }
      }
    }
    int[] items = rated.keySet().stream().mapToInt(Integer::intValue).toArray();
    float[] values = new float[items.length];
    for (int k = 0; k < items.length; k++) {
      values[k] = rated.get(items[k]);
    }
    return History.of(items, values);
  }

  static String shorten(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 1) + "…";
  }
}
