package org.cinerec.server;

import io.javalin.http.Context;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.cinerec.data.Catalog;
import org.cinerec.data.CsrIndex;
import org.cinerec.data.DataFingerprint;
import org.cinerec.data.Dataset;
import org.cinerec.data.RatingScale;
import org.cinerec.model.ModelInfo;
import org.cinerec.model.RatedItems;
import org.cinerec.model.Recommender;
import org.cinerec.prep.DatasetSummary;
import org.cinerec.server.store.JdbcRatingStore;

/**
 * GET /api/v1/dataset: the served data's summary, for the page's insights. Two parts, from two places:
 *
 * <ul>
 *   <li>the data ({@code "source": "data"}): the dataset the server was given ({@code --data}, or the first
 *   model's training data when found), summarised once, at the first request: sizes, scale, first and last
 *   rating, the rating histogram, genres (movies and ratings), ratings per user, the data's fingerprint. With
 *   no data at hand ({@code "source": "model"}), what the default model's file records: its training users,
 *   movies and rating count, which movies each user rated (so genres and ratings per user), the fingerprint;
 *   no histogram and no dates (a model keeps no rating values or times), so those are null;</li>
 *   <li>the store ({@code "store"}): live counts of users and ratings, all and those written through the
 *   service ({@code newUsers}, {@code newRatings}); null while the store is away. Counted again only after the
 *   service wrote to the store (one server per store: nothing else writes to it), so reading them often costs
 *   nothing.</li>
 * </ul>
 */
final class DatasetResource {
  private final Dataset data;
  private final String label;
  private volatile Map<String, Object> dataSummary;
  private volatile Map<String, Object> modelSummary;
  private volatile String modelSummaryOf;
  /** The store's counts and the number of the service's store writes they were counted after. */
  private record Counted(JdbcRatingStore.Counts counts, double afterWrites) {}

  private volatile Counted counted;

  DatasetResource(Dataset data, String label) {
    this.data = data;
    this.label = label;
  }

  /** GET /api/v1/dataset. */
  void get(Service s, Context ctx) {
    Query.of(ctx, Set.of());
    Map<String, Object> out = new LinkedHashMap<>(data != null ? dataSummary() : modelSummary(s.models().get(null)));
    Map<String, Object> store = new LinkedHashMap<>();
    try {
      JdbcRatingStore.Counts c = storeCounts(s);
      store.put("users", c.users());
      store.put("ratings", c.ratings());
      store.put("newUsers", c.newUsers());
      store.put("newRatings", c.newRatings());
      out.put("store", store);
    } catch (RuntimeException storeAway) {
      out.put("store", null);
      out.put("storeNote", "the ratings store is unavailable");
    }
    ctx.json(out);
  }

  private JdbcRatingStore.Counts storeCounts(Service s) {
    double writes = s.metrics().storeWrites();
    Counted c = counted;
    if (c == null || c.afterWrites() != writes) {
      c = new Counted(s.store().counts(), writes);
      counted = c;
    }
    return c.counts();
  }

  private Map<String, Object> dataSummary() {
    Map<String, Object> m = dataSummary;
    if (m == null) {
      m = summarize(data, label);
      dataSummary = m;
    }
    return m;
  }

  private Map<String, Object> modelSummary(ServedModel model) {
    Map<String, Object> m = modelSummary;
    if (m == null || !model.versionHeader().equals(modelSummaryOf)) {
      m = summarize(model);
      modelSummary = m;
      modelSummaryOf = model.versionHeader();
    }
    return m;
  }

  /** The summary of a dataset read from {@code label} (a path or a dataset's name; null when unknown). */
  static Map<String, Object> summarize(Dataset d, String label) {
    DatasetSummary sum = DatasetSummary.of(d, 0);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("source", "data");
    out.put("name", name(label));
    out.put("from", label);
    out.put("format", d.provenance().format());
    out.put("fingerprint", DataFingerprint.hex(DataFingerprint.of(d)));
    out.put("users", d.numUsers());
    out.put("movies", d.numItems());
    out.put("moviesRated", sum.moviesRated());
    out.put("ratings", sum.ratings());
    out.put("ratingScale", PageResource.scale(d.scale()));
    out.put("meanRating", sum.ratings() == 0 ? null : sum.meanRating());
    out.put("firstRating", sum.firstRating());
    out.put("lastRating", sum.lastRating());
    out.put("ratingHistogram", histogram(d.scale(), sum.distribution()));
    CsrIndex byItem = d.ratings().byItem();
    long[] perItem = new long[d.numItems()];
    for (int i = 0; i < perItem.length; i++) {
      perItem[i] = byItem.count(i);
    }
    out.put("genres", genres(d.catalog(), perItem));
    CsrIndex byUser = d.ratings().byUser();
    int[] perUser = new int[d.numUsers()];
    for (int u = 0; u < perUser.length; u++) {
      perUser[u] = byUser.count(u);
    }
    out.put("ratingsPerUser", spread(perUser));
    out.put("sampleUser", perUser.length == 0 ? null : d.users().id(mostActive(perUser)));
    return out;
  }

  /** The index of the user with the most ratings (the lowest on ties): the page's example of a user id. */
  private static int mostActive(int[] perUser) {
    int best = 0;
    for (int u = 1; u < perUser.length; u++) {
      if (perUser[u] > perUser[best]) {
        best = u;
      }
    }
    return best;
  }

  /** What the model's file records of its training data, when the server was given no data. */
  static Map<String, Object> summarize(ServedModel served) {
    Recommender model = served.model();
    ModelInfo info = model.info();
    Map<String, Object> out = new LinkedHashMap<>();
    String from = info.data() != null ? info.data().path()
        : info.dataSources().isEmpty() ? null : info.dataSources().get(0);
    out.put("source", "model");
    // generated data has no path (the demo's built-in data): say what it is rather than nothing
    out.put("name", from == null && "synthetic".equals(info.dataFormat()) ? "synthetic data" : name(from));
    out.put("from", from);
    out.put("format", info.dataFormat());
    out.put("fingerprint", DataFingerprint.hex(info.dataFingerprint()));
    out.put("users", model.users().size());
    out.put("movies", model.items().size());
    int[] raters = served.raters();
    out.put("moviesRated", (int) Arrays.stream(raters).filter(r -> r > 0).count());
    out.put("ratings", info.trainRatings());
    out.put("ratingScale", PageResource.scale(info.scale()));
    out.put("meanRating", null);
    out.put("firstRating", null);
    out.put("lastRating", null);
    out.put("ratingHistogram", null);
    long[] perItem = new long[raters.length];
    for (int i = 0; i < raters.length; i++) {
      perItem[i] = raters[i];
    }
    out.put("genres", genres(served.catalog(), perItem));
    if (model instanceof RatedItems ri) {
      int[] perUser = new int[model.users().size()];
      for (int u = 0; u < perUser.length; u++) {
        perUser[u] = ri.trainingItems().count(u);
      }
      out.put("ratingsPerUser", spread(perUser));
      out.put("sampleUser", perUser.length == 0 ? null : model.users().id(mostActive(perUser)));
    } else {
      out.put("ratingsPerUser", null);
      out.put("sampleUser", model.users().size() == 0 ? null : model.users().id(0));
    }
    out.put("note", "no data was given to the server (--data) and the models' training data was not found: "
        + "these figures are what the " + served.name() + " model's file records of its training data");
    return out;
  }

  /** The last part of a path, or the label itself (a dataset's name); null for null. */
  static String name(String label) {
    if (label == null || label.isBlank()) {
      return null;
    }
    try {
      Path p = Path.of(label).getFileName();
      return p == null ? label : p.toString();
    } catch (java.nio.file.InvalidPathException e) {
      return label;
    }
  }

  /**
   * Ratings per value: every value of a stepped scale (zero counts included), else the values that occur;
   * ascending.
   */
  static List<Map<String, Object>> histogram(RatingScale scale, Map<Float, Long> distribution) {
    Map<Double, Long> bins = new TreeMap<>();
    if (scale.step() > 0 && scale.values() <= 1000) {
      for (int k = 0; k < scale.values(); k++) {
        bins.put(Math.round((scale.min() + k * scale.step()) * 1e6) / 1e6, 0L);
      }
    }
    for (Map.Entry<Float, Long> e : distribution.entrySet()) {
      bins.merge(Math.round(e.getKey() * 1e6) / 1e6, e.getValue(), Long::sum);
    }
    List<Map<String, Object>> out = new ArrayList<>();
    bins.forEach((r, n) -> {
      Map<String, Object> b = new LinkedHashMap<>();
      b.put("rating", r);
      b.put("count", n);
      out.add(b);
    });
    return out;
  }

  /**
   * Per genre of the catalogue, its movies and their ratings (a movie counts in each of its genres), most rated
   * first (ties by name).
   */
  static List<Map<String, Object>> genres(Catalog catalog, long[] ratingsPerItem) {
    Map<String, long[]> by = new TreeMap<>();
    for (int i = 0; i < catalog.size(); i++) {
      for (String g : catalog.genres(i)) {
        long[] v = by.computeIfAbsent(g, x -> new long[2]);
        v[0]++;
        v[1] += ratingsPerItem[i];
      }
    }
    List<Map.Entry<String, long[]>> entries = new ArrayList<>(by.entrySet());
    entries.sort((a, b) -> Long.compare(b.getValue()[1], a.getValue()[1])); // stable: ties by name
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map.Entry<String, long[]> e : entries) {
      Map<String, Object> g = new LinkedHashMap<>();
      g.put("genre", e.getKey());
      g.put("movies", e.getValue()[0]);
      g.put("ratings", e.getValue()[1]);
      out.add(g);
    }
    return out;
  }

  /**
   * min, median, p90, max and mean of counts (nearest rank: the p-quantile is the value at rank
   * {@code ceil(p·n)} in ascending order); all null for no counts.
   */
  static Map<String, Object> spread(int[] counts) {
    int[] c = counts.clone();
    Arrays.sort(c);
    Map<String, Object> out = new LinkedHashMap<>();
    boolean none = c.length == 0;
    out.put("min", none ? null : c[0]);
    out.put("median", none ? null : c[rank(0.5, c.length)]);
    out.put("p90", none ? null : c[rank(0.9, c.length)]);
    out.put("max", none ? null : c[c.length - 1]);
    out.put("mean", none ? null : Arrays.stream(c).asLongStream().sum() / (double) c.length);
    return out;
  }

  private static int rank(double p, int n) {
    return Math.max(0, (int) Math.ceil(p * n) - 1);
  }
}
