package org.cinerec.serve;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.cinerec.data.Catalog;
import org.cinerec.data.RatingScale;
import org.cinerec.model.History;
import org.cinerec.model.Recommender;
import org.cinerec.model.UserScorer;
import org.cinerec.math.TopK;

/**
 * A viewer's home screen, as streaming services lay it out: rows of movies, each from the one serving path
 * ({@link ServingModel#recommend}, {@link ServingModel#similar}). This class is the one place of its rules.
 *
 * <ol>
 *   <li><b>Top picks for you</b> ({@code top-picks}): the viewer's recommendations, with reasons; while the
 *   viewer has few ratings, leaning toward their favourite genres ({@link #tasteBoost}).</li>
 *   <li><b>Because you rated X</b> ({@code because-<movieId>}): the movies most similar to X, by the model's
 *   own similarity. One row per <em>high</em> rating ({@link #highRating}), most recent first, at most
 *   {@value #MAX_BECAUSE_ROWS} rows; X must be a movie the model learned something about, and the model must
 *   relate movies (popularity and baseline do not: no such rows). A rating lowered below high drops its row
 *   at once: the rows are computed from the ratings as they are now.</li>
 *   <li><b>Popular</b> ({@code popular}): the movies most rated in the model's training data.</li>
 *   <li><b>Top in G</b> ({@code genre-<G>}): the viewer's own ranking within each favourite genre
 *   ({@link #favouriteGenres}: from high ratings, at most {@value #MAX_GENRE_ROWS}; none for a viewer without
 *   high ratings).</li>
 *   <li><b>Something different</b> ({@code different}): the viewer's recommendations diversified by MMR with
 *   λ = {@value #DIFFERENT_DIVERSITY} (over the model's item vectors, or the movies' genres for a model
 *   without vectors: {@link ServingModel#recommendVaried}), the top picks' movies left out.</li>
 * </ol>
 *
 * <p>Every row leaves out what the viewer rated or dismissed, so rating a movie takes it off the screen; an
 * empty row is left out. Tiles of every row carry the viewer's predicted rating (for models that predict
 * ratings), whatever ranked them. A viewer without ratings gets top picks (the model's non-personal ranking),
 * popular and something different.
 *
 * <p>Example on 0.5..5 stars: a viewer who rated Alien 5★ on Monday, Heat 3★ on Tuesday and Up 4★ on
 * Wednesday gets "Because you rated Up (2009)" then "Because you rated Alien (1979)" (3 is not high); their
 * favourite genres count Alien's and Up's genres once each.
 */
public final class HomeScreen {
  /** A rating is high from this fraction of the way up the scale ({@link #highRating}). */
  public static final double HIGH_FRACTION = 0.8;
  /** The most "because you rated" rows. */
  public static final int MAX_BECAUSE_ROWS = 3;
  /** The most "top in genre" rows (favourite genres). */
  public static final int MAX_GENRE_ROWS = 3;
  /** MMR's λ for "something different". */
  public static final double DIFFERENT_DIVERSITY = 0.8;
  /** The taste boost fades out as the viewer's ratings reach this many ({@link #tasteBoost}). */
  public static final int BOOST_UNTIL_RATINGS = 50;
  /** How many of the model's best movies the taste boost re-orders ({@link #tasteBoost}). */
  public static final int BOOST_POOL = 1000;

  private HomeScreen() {}

  /**
   * The lowest rating that counts as high: {@value #HIGH_FRACTION} of the way from the scale's min to its max,
   * rounded down to the scale's step. 0.5..5 in half stars: 0.5 + 3.6 = 4.1, rounded down to 4.0; 1..5 in
   * whole stars: 4.2, so 4; a continuous 0..1: 0.8; a scale with one value (implicit feedback): that value.
   */
  public static double highRating(RatingScale scale) {
    double raw = HIGH_FRACTION * (scale.max() - scale.min());
    if (scale.step() > 0) {
      raw = scale.step() * Math.floor(raw / scale.step() + 1e-9);
    }
    return scale.min() + raw;
  }

  /** True when {@code rating} is high on {@code scale} ({@link #highRating}). */
  public static boolean isHigh(RatingScale scale, double rating) {
    return rating >= highRating(scale) - 1e-6;
  }

  /**
   * The viewer's favourite genres: each movie of the history rated high ({@link #isHigh}) counts once for each
   * of its genres; genres by that count (most first, ties by name), at most {@value #MAX_GENRE_ROWS}.
   * Catalogue placeholders such as "(no genres listed)" never count. None without a high rating.
   */
  public static List<String> favouriteGenres(Catalog catalog, RatingScale scale, History history) {
    Map<String, Integer> counts = new TreeMap<>();
    for (int k = 0; k < history.size(); k++) {
      if (isHigh(scale, history.rating(k))) {
        for (String g : genresOf(catalog, history.item(k))) {
          counts.merge(g, 1, Integer::sum);
        }
      }
    }
    List<String> genres = new ArrayList<>(counts.keySet()); // by name
    genres.sort((a, b) -> Integer.compare(counts.get(b), counts.get(a))); // stable: ties stay by name
    return List.copyOf(genres.subList(0, Math.min(MAX_GENRE_ROWS, genres.size())));
  }

  /**
   * The weight of the taste boost for a viewer with {@code ratings} ratings: {@code 1 - ratings /}
   * {@value #BOOST_UNTIL_RATINGS}, and 0 from there on (5 ratings: 0.9; 25: 0.5; 50 and more: none).
   */
  public static double tasteBoost(int ratings) {
    return Math.max(0, 1 - ratings / (double) BOOST_UNTIL_RATINGS);
  }

  /**
   * Per movie, how well its genres match the genres of the viewer's high-rated movies, 0..1: the cosine between
   * the movie's genre set (one per genre) and the viewer's genre counts (each high-rated movie counts once for
   * each of its genres), divided by the best cosine of any movie, so the best-matching movies score 1. Genres
   * such as "(no genres listed)" count for nothing; without high ratings every movie scores 0.
   *
   * <p>Example: high ratings of Alien (Horror|Sci-Fi) and The Thing (Horror|Sci-Fi|Thriller) make the counts
   * Horror 2, Sci-Fi 2, Thriller 1 (norm 3): a Horror|Sci-Fi|Thriller movie has cosine 5 / (√3 · 3) = 0.96,
   * the best there is, so 1; a Horror|Sci-Fi movie 4 / (√2 · 3) = 0.94, so 0.98; a Horror movie 2 / 3 = 0.67,
   * so 0.69; a comedy 0.
   */
  public static float[] genreAffinity(Catalog catalog, RatingScale scale, History history) {
    Map<String, Integer> counts = new TreeMap<>();
    for (int k = 0; k < history.size(); k++) {
      if (isHigh(scale, history.rating(k))) {
        for (String g : genresOf(catalog, history.item(k))) {
          counts.merge(g, 1, Integer::sum);
        }
      }
    }
    float[] out = new float[catalog.size()];
    if (counts.isEmpty()) {
      return out;
    }
    double norm = Math.sqrt(counts.values().stream().mapToDouble(c -> (double) c * c).sum());
    double best = 0;
    for (int i = 0; i < out.length; i++) {
      List<String> genres = genresOf(catalog, i);
      double dot = 0;
      for (String g : genres) {
        dot += counts.getOrDefault(g, 0);
      }
      double cos = genres.isEmpty() ? 0 : dot / (Math.sqrt(genres.size()) * norm);
      out[i] = (float) cos;
      best = Math.max(best, cos);
    }
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) (out[i] / best);
    }
    return out;
  }

  /** A movie's genres without placeholders such as "(no genres listed)", each once. */
  private static List<String> genresOf(Catalog catalog, int item) {
    List<String> out = new ArrayList<>();
    for (String g : catalog.genres(item)) {
      if (!g.isBlank() && !g.startsWith("(") && !out.contains(g)) {
        out.add(g);
      }
    }
    return out;
  }

  /**
   * Top picks' scorer: while the viewer has fewer than {@value #BOOST_UNTIL_RATINGS} ratings, the model's
   * {@value #BOOST_POOL} best movies (plus as many as the viewer rated, who are left out later) re-ordered
   * by {@code 1 - rank / pool + w · affinity} ({@link #tasteBoost} w, {@link #genreAffinity}); movies outside
   * the pool are not listed. A model ranks a new viewer's first ratings mostly by what everyone likes (the
   * five best-known horror movies are watched with every other blockbuster), so without the boost a viewer
   * who rated five horror movies high would see hardly any horror in their top picks; with it, their taste
   * shows at once and fades into the model's own ranking as they rate more. Otherwise the scorer itself.
   */
  static UserScorer topPicksScorer(ServingModel m, UserScorer scorer, History history, int dismissed) {
    double w = tasteBoost(history.size());
    if (w == 0 || history.size() == 0 || !scorer.personal()) {
      return scorer;
    }
    float[] affinity = genreAffinity(m.catalog(), m.model().info().scale(), history); // added movies too
    int pool = BOOST_POOL + history.size() + dismissed;
    return new TopPicks() {
      @Override
      public void scoreItems(float[] out) {
        scorer.scoreItems(out);
        boost(out);
      }

      @Override
      public void scoreWide(ServingModel sm, float[] out) {
        sm.scoreWide(scorer, out);
        boost(out);
      }

      private void boost(float[] out) {
        int[] best = TopK.select(out, pool);
        java.util.Arrays.fill(out, Float.NEGATIVE_INFINITY);
        for (int r = 0; r < best.length; r++) {
          out[best[r]] = (float) (1 - r / (double) best.length + w * affinity[best[r]]);
        }
      }

      @Override
      public float predict(int item) {
        return scorer.predict(item);
      }

      @Override
      public boolean personal() {
        return true;
      }
    };
  }

  /** Top picks' scorer: a {@link UserScorer} that also re-orders the movies added after training. */
  private interface TopPicks extends UserScorer, WideScorer {}

  /** The viewer's home screen on this model. */
  public static Home compose(ServingModel m, HomeRequest request) {
    Recommender model = m.model();
    RatingScale scale = model.info().scale();
    UserScorer scorer = once(m, request.viewer().scorer());
    Subject.Scored viewer = new Subject.Scored(scorer, request.viewer().history(), request.viewer().label());
    int k = request.k();
    Set<String> leftOut = new HashSet<>(request.rated());
    leftOut.addAll(request.dismissed());
    for (int i : viewer.history().items()) {
      leftOut.add(model.items().id(i));
    }
    List<HomeRow> rows = new ArrayList<>();

    Subject.Scored picker = new Subject.Scored(topPicksScorer(m, scorer, viewer.history(),
        request.dismissed().size()), viewer.history(), viewer.label());
    Recommendations top = m.recommend(mine(picker, request).k(k).explain(true).build());
    add(rows, new HomeRow("top-picks", "top-picks", "Top picks for you", null, null, top.recommendations()));

    int because = 0;
    for (MovieRating r : request.recentFirst()) {
      if (because == MAX_BECAUSE_ROWS) {
        break;
      }
      int i = model.items().indexOf(r.movieId());
      if (i < 0 || !isHigh(scale, r.rating()) || !model.hasItemSimilarity() || !model.knowsItem(i)) {
        continue;
      }
      SimilarMovies similar = m.similar(new SimilarRequest(model.items().id(i), k, 0,
          Filters.NONE.withExcludeMovies(leftOut)));
      String title = m.catalog().title(i);
      because += add(rows, new HomeRow("because-" + model.items().id(i), "because", "Because you rated " + title,
          new HomeRow.Anchor(model.items().id(i), title, r.rating()), null, m.withPredictions(scorer,
              similar.similar())));
    }

    if (hasPopularity(m)) {
      Recommendations popular = m.recommend(RecommendRequest.builder(new Subject.Scored(m.popularity(),
          viewer.history(), viewer.label())).k(k).rated(request.rated()).dismissed(request.dismissed())
          .explain(false).build());
      add(rows, new HomeRow("popular", "popular", "Popular", null, null, m.withPredictions(scorer,
          popular.recommendations())));
    }

    List<String> genres = favouriteGenres(m.catalog(), scale, viewer.history());
    for (String g : genres) {
      Recommendations inGenre = m.recommend(mine(viewer, request).k(k)
          .filters(Filters.NONE.withGenresAny(Set.of(g))).explain(false).build());
      add(rows, new HomeRow("genre-" + g, "genre", "Top in " + g, null, g, inGenre.recommendations()));
    }

    Set<String> notAgain = new HashSet<>(request.dismissed());
    for (RankedMovie t : top.recommendations()) {
      notAgain.add(t.movieId());
    }
    Recommendations different = m.recommendVaried(mine(viewer, request).dismissed(notAgain).k(k)
        .diversity(DIFFERENT_DIVERSITY).explain(true).build());
    add(rows, new HomeRow("different", "different", "Something different", null, null,
        different.recommendations()));

    return new Home(m.name(), model.kind(), m.version(), viewer.label(), scorer.personal(), highRating(scale),
        genres, rows);
  }

  /**
   * The scorer with its scores computed once (with the movies added after training when the model ranks them:
   * {@link ServingModel#scoreWide}) and copied for each row (top picks, genres and something different rank the
   * same viewer); predictions go to the scorer itself.
   */
  private static UserScorer once(ServingModel m, UserScorer s) {
    return new Once(m, s);
  }

  /** {@link #once}'s scorer; used by one request's thread only. */
  private static final class Once implements UserScorer, WideScorer {
    private final ServingModel m;
    private final UserScorer s;
    private float[] scores;

    Once(ServingModel m, UserScorer s) {
      this.m = m;
      this.s = s;
    }

    @Override
    public void scoreItems(float[] out) {
      fill(out);
    }

    @Override
    public void scoreWide(ServingModel sm, float[] out) {
      fill(out);
    }

    private void fill(float[] out) {
      if (scores == null || scores.length != out.length) {
        scores = new float[out.length];
        m.scoreWide(s, scores); // the model's movies only when out is as long as they are
      }
      System.arraycopy(scores, 0, out, 0, out.length);
    }

    @Override
    public float predict(int item) {
      return s.predict(item);
    }

    @Override
    public boolean personal() {
      return s.personal();
    }

    @Override
    public float scoreMovie(float[] movieVector) {
      return s.scoreMovie(movieVector);
    }
  }

  /** A request for the viewer's own ranking, their rated and dismissed movies left out. */
  private static RecommendRequest.Builder mine(Subject.Scored viewer, HomeRequest request) {
    return RecommendRequest.builder(viewer).excludeRated(true).rated(request.rated())
        .dismissed(request.dismissed());
  }

  private static boolean hasPopularity(ServingModel m) {
    for (int r : m.raters()) {
      if (r > 0) {
        return true;
      }
    }
    return false;
  }

  /** Adds the row unless it is empty; 1 when added. */
  private static int add(List<HomeRow> rows, HomeRow row) {
    if (row.movies().isEmpty()) {
      return 0;
    }
    rows.add(row);
    return 1;
  }
}
