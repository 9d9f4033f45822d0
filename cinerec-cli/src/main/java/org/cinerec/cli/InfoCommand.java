package org.cinerec.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.cinerec.data.Dataset;
import org.cinerec.data.UserAttributes;
import org.cinerec.prep.DatasetSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Shape, sparsity, rating distribution and the most and least rated of a dataset. */
@Command(name = "info", mixinStandardHelpOptions = true,
    description = {"Describe a dataset: shape, sparsity, rating distribution, most-rated movies, the users "
        + "and movies with the fewest ratings, and the users' attributes when the data has them.",
        "Example: cinerec info ../shared/data/ml-latest-small"})
final class InfoCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  DataOptions data;

  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  @Option(names = "--top", paramLabel = "N", defaultValue = "10", description = "Entries per list (default: ${DEFAULT-VALUE}).")
  int top;

  @Override
  public Integer call() throws Exception {
    if (top < 0) {
      throw org.cinerec.CinerecException.usage("--top must be 0 or more, got " + top);
    }
    PrintWriter w = spec.commandLine().getOut();
    Dataset d = CliSupport.loadData(data, spec.commandLine().getErr());
    DatasetSummary s = DatasetSummary.of(d, top);
    if (json) {
      Map<String, Object> root = new java.util.LinkedHashMap<>();
      root.put("data", CliSupport.dataJson(d, data.path()));
      root.put("format", d.provenance().format());
      root.put("scale", d.scale());
      root.put("summary", s);
      if (!d.userAttributes().isEmpty()) {
        root.put("userAttributes", attributesJson(d.userAttributes()));
      }
      CliSupport.printJson(w, root);
      return 0;
    }
    w.printf(Locale.ROOT, "%s (%s)%n", data.path(), d.provenance().format());
    w.printf(Locale.ROOT, "  ratings  %,d%n  users    %,d%n  movies   %,d (%,d rated, %,d never rated, %,d with metadata)%n",
        s.ratings(), s.users(), s.movies(), s.moviesRated(), s.unratedMovies(), s.moviesWithMetadata());
    w.printf(Locale.ROOT, "  density  %.4f%% (sparsity %.4f%%)%n", 100 * s.density(), 100 * (1 - s.density()));
    w.printf(Locale.ROOT, "  scale    %s%n", d.scale().describe());
    if (s.firstRating() != null) {
      w.printf(Locale.ROOT, "  time     %s .. %s%n", s.firstRating().substring(0, 10), s.lastRating().substring(0, 10));
    }
    w.printf(Locale.ROOT, "  ratings per user: min %d, median %d%n", s.minUserRatings(), s.medianUserRatings());
    UserAttributes a = d.userAttributes();
    if (!a.isEmpty()) {
      StringBuilder sb = new StringBuilder();
      for (int k = 0; k < a.names().size(); k++) {
        sb.append(k == 0 ? "" : ", ").append(a.names().get(k)).append(" (").append(a.levels(k).size())
            .append(k == 0 ? " values)" : ")");
      }
      w.printf(Locale.ROOT, "  user attributes: %s; known for %,d of %,d users%n", sb, a.usersKnown(), a.numUsers());
    }
    w.printf(Locale.ROOT, "rating distribution (mean %.3f)%n", s.meanRating());
    long max = s.distribution().values().stream().mapToLong(Long::longValue).max().orElse(1);
    for (Map.Entry<Float, Long> e : s.distribution().entrySet()) {
      int width = (int) Math.round(40.0 * e.getValue() / max);
      w.printf(Locale.ROOT, "  %5s %10s  %s%n", fmt(e.getKey(), d.scale().step() >= 1), String.format(Locale.ROOT, "%,d", e.getValue()),
          "#".repeat(width));
    }
    list(w, "most-rated movies", s.mostRated());
    list(w, "movies with the fewest ratings", s.fewestMovies());
    list(w, "users with the fewest ratings", s.fewestUsers());
    return 0;
  }

  /** The attributes for --json: names, values per attribute and users with at least one known value. */
  private static Map<String, Object> attributesJson(UserAttributes a) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("names", a.names());
    Map<String, Integer> values = new java.util.LinkedHashMap<>();
    for (int k = 0; k < a.names().size(); k++) {
      values.put(a.names().get(k), a.levels(k).size());
    }
    m.put("values", values);
    m.put("usersKnown", a.usersKnown());
    return m;
  }

  private static void list(PrintWriter w, String title, java.util.List<DatasetSummary.Entry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    w.println(title);
    for (DatasetSummary.Entry e : entries) {
      w.printf(Locale.ROOT, "  %8s  %,7d ratings  mean %.2f%s%n", e.id(), e.count(), e.mean(),
          e.title() == null ? "" : "  " + e.title());
    }
  }

  /** "3.5"; whole values as "4.0", or "4" on a scale of whole steps (0..10). */
  private static String fmt(float v, boolean wholeSteps) {
    return v == Math.rint(v) ? wholeSteps ? String.valueOf((long) v) : String.format(Locale.ROOT, "%.1f", v)
        : String.valueOf(v);
  }
}
