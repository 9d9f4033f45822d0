package org.cinerec.serve;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.cinerec.CinerecException;
import org.cinerec.data.Catalog;
import org.cinerec.data.IdIndex;
import org.cinerec.data.TitleSearch;
import org.cinerec.model.History;
import org.cinerec.model.ItemEmbeddings;
import org.cinerec.model.RatedItems;
import org.cinerec.model.Recommender;
import org.cinerec.model.UserScorer;
import org.cinerec.math.Mmr;
import org.cinerec.math.TopK;

/**
 * One loaded model ready to answer people: the {@link Recommender}, the {@link Catalog} its file carries, a
 * name and a version. It resolves user ids, movie ids and titles, and answers recommendations
 * ({@link #recommend}), similar movies ({@link #similar}) and predictions ({@link #predict}) as typed records.
 *
 * <p>Movies added to the catalogue after the model was trained ({@link #withAddedMovies}) come after the
 * model's own: item indices from {@code model.items().size()} on. They are resolved, searched, listed and
 * filtered like the others; a model that places a movie by its features ({@link org.cinerec.model.NewMovies}
 * with movie features) ranks them beside its own movies (each scored by the subject's
 * {@link UserScorer#scoreMovie} of its vector), the others never rank them. None predicts a rating for them
 * or relates them to other movies until retrained with them.
 *
 * <p>Immutable and safe to use from many threads at once; it starts no threads. The title index and the unit
 * item vectors (for diversity and reasons) are built on first use; a race builds them twice, identically.
 *
 * <p>Errors: an unknown user or movie is {@link CinerecException.Kind#NOT_FOUND}; a request that is wrong in
 * itself (k out of range, an ambiguous title, an unknown genre, a rating off the scale, diversity asked of a
 * model without item vectors, fold-in a family does not do yet) is {@link CinerecException.Kind#BAD_INPUT}.
 */
public final class ServingModel {
  /** How many candidates an ambiguous title lists. */
  private static final int MAX_CANDIDATES = 10;

  private final String name;
  private final String version;
  private final Recommender model;
  /** The model's own catalogue (its file's). */
  private final Catalog modelCatalog;
  /** The movies added after training: the catalogue and ids below are the model's, then theirs. */
  private final AddedMovies added;
  private final Catalog catalog;
  private final IdIndex ids;
  private final CandidateFilter filter;
  private final Explainer explainer;
  private final PopularityPrior prior;
  private final PerModel perModel;
  private volatile TitleSearch titles;
  private volatile float[] unitVectors;
  private volatile float[] genreVectors;
  private volatile int[] raters;

  /**
   * What depends on the model alone, built on first use and shared by the serving models made from one
   * ({@link #withPrior}, {@link #withAddedMovies}).
   */
  private static final class PerModel {
    volatile int[] raters;
    volatile float[] unitVectors;
  }

  private ServingModel(String name, String version, Recommender model, Catalog modelCatalog, PopularityPrior prior,
      PerModel perModel, AddedMovies added) {
    if (modelCatalog.size() != model.items().size()) {
      throw new IllegalArgumentException("catalog has " + modelCatalog.size() + " movies, the " + model.kind()
          + " model " + model.items().size());
    }
    this.name = name;
    this.version = version;
    this.model = model;
    this.modelCatalog = modelCatalog;
    this.added = added == null ? AddedMovies.none(model, modelCatalog) : added;
    this.catalog = this.added.catalog();
    this.ids = this.added.ids();
    this.filter = new CandidateFilter(catalog, ids);
    this.explainer = new Explainer(model, catalog);
    this.prior = prior;
    this.perModel = perModel;
  }

  /** A serving model with this name and version (e.g. the file name and its training time). */
  public static ServingModel of(String name, String version, Recommender model, Catalog catalog) {
    return new ServingModel(name, version, model, catalog, PopularityPrior.OFF, new PerModel(), null);
  }

  /** Named after its family, versioned by its training time ({@link #defaultVersion}). */
  public static ServingModel of(Recommender model, Catalog catalog) {
    return new ServingModel(model.kind(), defaultVersion(model), model, catalog, PopularityPrior.OFF,
        new PerModel(), null);
  }

  /**
   * This serving model with these movies added to its catalogue after training (replacing any added before;
   * those the model knows by id are its own, from a retraining, and left out). Each added movie's vector is
   * computed here once for a model that places movies by their features, and taken over from this serving
   * model for the movies it already had; requests then only score them.
   */
  public ServingModel withAddedMovies(List<NewMovie> movies) {
    return new ServingModel(name, version, model, modelCatalog, prior, perModel,
        AddedMovies.of(model, modelCatalog, movies, added));
  }

  /** The movies added after training that the model does not know (in the order added). */
  public List<NewMovie> addedMovies() {
    return added.movies();
  }

  /**
   * Whether the model ranks movies added after training: it places a movie by its metadata
   * ({@link org.cinerec.model.NewMovies} with movie features). Others list them but never recommend them.
   */
  public boolean ranksAddedMovies() {
    return AddedMovies.placesMovies(model);
  }

  /** True for an item index of a movie added after training (past the model's own). */
  public boolean isAdded(int item) {
    return added.isAdded(item);
  }

  /** The index of a movie by id (the model's own, then the added ones), or -1 when unknown. */
  public int movieIndex(String id) {
    return ids.indexOf(id.strip());
  }

  /**
   * This serving model with a prior toward popularity for folded-in users ({@link #foldIn}; off by default):
   * {@code schedule} over the training popularity ({@link PopularityPrior#ofTrainingRaters}), or off for null.
   */
  public ServingModel withPrior(PopularityPrior.Schedule schedule) {
    return withPrior(schedule == null ? PopularityPrior.OFF : PopularityPrior.ofTrainingRaters(model, schedule));
  }

  /** This serving model with this prior for folded-in users ({@link #foldIn}). */
  public ServingModel withPrior(PopularityPrior p) {
    return new ServingModel(name, version, model, modelCatalog, p == null ? PopularityPrior.OFF : p, perModel,
        added);
  }

  /** The prior applied to folded-in users ({@link PopularityPrior#OFF} unless set). */
  public PopularityPrior prior() {
    return prior;
  }

  /** The model's training time ({@code createdAt}, ISO-8601), or "unknown". */
  public static String defaultVersion(Recommender model) {
    String created = model.info() == null ? null : model.info().createdAt();
    return created == null ? "unknown" : created;
  }

  public String name() {
    return name;
  }

  public String version() {
    return version;
  }

  public Recommender model() {
    return model;
  }

  /** The catalogue: the model's movies, then those added after training ({@link #withAddedMovies}). */
  public Catalog catalog() {
    return catalog;
  }

  // ---- resolving ids and titles

  /** The index of a training user, or NOT_FOUND naming how many users the model knows. */
  public int user(String id) {
    int u = model.users().indexOf(id.strip());
    if (u < 0) {
      String[] ids = model.users().ids();
      String examples = ids.length == 0 ? "none" : ids.length <= 3 ? String.join(", ", ids)
          : ids[0] + ", " + ids[1] + ", ... " + ids[ids.length - 1];
      throw CinerecException.notFound(String.format(Locale.ROOT, "unknown user \"%s\": the model knows %,d users "
          + "(ids %s)", id, ids.length, examples) + didYouMean(id.strip(), model.users()));
    }
    return u;
  }

  /**
   * "; did you mean "A00912265B1F5"?" naming up to three ids within a typo of a text id (the same letters in
   * another case, or at most one edit for ids up to 8 characters and two beyond, closest first), else "". A number
   * gets none: near numbers are other people's ids, not typos.
   */
  public static String didYouMean(String given, IdIndex ids) {
    return didYouMean(given, ids.asList());
  }

  /** {@link #didYouMean(String, IdIndex)} over any ids in order of preference (an id named twice counts once). */
  public static String didYouMean(String given, List<String> ids) {
    if (given.isEmpty() || given.chars().allMatch(c -> c >= '0' && c <= '9') || ids.size() > 2_000_000) {
      return "";
    }
    String g = given.toLowerCase(Locale.ROOT);
    int max = g.length() <= 8 ? 1 : 2;
    List<List<String>> byDistance = new ArrayList<>(); // one pass; per distance, in the given order
    for (int d = 0; d <= max; d++) {
      byDistance.add(new ArrayList<>());
    }
    for (String id : ids) {
      if (Math.abs(id.length() - g.length()) <= max) {
        int d = org.cinerec.data.TitleSearch.editDistance(g, id.toLowerCase(Locale.ROOT));
        String quoted = "\"" + id + "\"";
        if (d <= max && byDistance.get(d).size() < 3 && !byDistance.get(d).contains(quoted)) {
          byDistance.get(d).add(quoted);
        }
      }
    }
    List<String> near = byDistance.stream().flatMap(List::stream).limit(3).toList();
    return near.isEmpty() ? "" : "; did you mean " + String.join(" or ", near) + "?";
  }

  /** The index of a movie by id (added movies too), or NOT_FOUND. */
  public int movieById(String id) {
    int i = ids.indexOf(id.strip());
    if (i < 0) {
      throw CinerecException.notFound("unknown movie id \"" + id + "\": the model has " + model.items().size()
          + " movies" + (added.size() == 0 ? "" : " and " + added.size() + " were added since it was trained")
          + didYouMean(id.strip(), model.items()));
    }
    return i;
  }

  /** A movie by id, else by title ({@link #movieByTitle}). */
  public MovieMatch movie(String idOrTitle) {
    int i = ids.indexOf(idOrTitle.strip());
    return i >= 0 ? new MovieMatch(i, null) : movieByTitle(idOrTitle);
  }

  /**
   * A movie by title, as a person types it (case, accents, a trailing year and a trailing ", The" ignored;
   * {@link TitleSearch}). One title equal to the query is taken (other titles that merely contain it are named
   * in the note); with no equal title, one title containing the query is taken. Several equal titles, or
   * several containing ones and none equal, are ambiguous: bad input listing them with their ids (give the
   * year or the id). No title at all is NOT_FOUND suggesting the closest titles by edit distance.
   */
  public MovieMatch movieByTitle(String query) {
    TitleSearch search = titles();
    TitleSearch.Matches m = search.matches(query);
    List<Integer> exact = m.exact();
    List<Integer> partial = m.partial();
    if (exact.size() == 1 || (exact.isEmpty() && partial.size() == 1)) {
      int best = exact.isEmpty() ? partial.get(0) : exact.get(0);
      String note = null;
      if (!exact.isEmpty() && !partial.isEmpty()) {
        List<String> others = new ArrayList<>();
        for (int j = 0; j < Math.min(partial.size(), 5); j++) {
          others.add(catalog.displayTitle(partial.get(j)));
        }
        note = (partial.size() + 1) + " movies match \"" + query + "\"; using " + catalog.displayTitle(best)
            + " (others: " + String.join("; ", others) + (partial.size() > 5 ? "; ..." : "") + ")";
      }
      return new MovieMatch(best, note);
    }
    if (!exact.isEmpty() || !partial.isEmpty()) {
      List<Integer> all = exact.isEmpty() ? partial : exact;
      List<String> named = new ArrayList<>();
      for (int j = 0; j < Math.min(all.size(), MAX_CANDIDATES); j++) {
        named.add(label(all.get(j)));
      }
      throw new CinerecException(all.size() + " movies match \"" + query + "\"; give the year or the id: "
          + String.join("; ", named) + (all.size() > MAX_CANDIDATES ? "; ..." : ""));
    }
    List<String> close = new ArrayList<>();
    for (int i : search.closeMatches(query, 5)) {
      close.add(catalog.displayTitle(i));
    }
    boolean id = query.strip().matches("\\d+");
    throw CinerecException.notFound("no movie " + (id ? "has the id or title" : "matches") + " \"" + query + "\""
        + (close.isEmpty() || id ? "" : "; close titles: " + String.join("; ", close)));
  }

  /**
   * Movies for a search box ({@link TitleSearch#search}): titles equal to the query, then titles starting with
   * it, then titles containing it, then titles matching it with typos, each group most rated first; at most
   * {@code limit}, and none when nothing is close.
   */
  public List<MovieRef> searchTitles(String query, int limit) {
    List<MovieRef> out = new ArrayList<>();
    for (int i : titles().search(query, limit)) {
      out.add(movieRef(i));
    }
    return out;
  }

  /** A movie as results name it. */
  public MovieRef movieRef(int item) {
    int y = catalog.year(item);
    return new MovieRef(ids.id(item), catalog.title(item), y == Catalog.NO_YEAR ? null : y,
        Arrays.asList(catalog.genres(item)));
  }

  /**
   * A history of (movie id, rating) pairs in this model's item indices. Ids the model does not know are left
   * out and listed; a movie rated twice, or a rating off the data's scale, is bad input naming it.
   */
  public ResolvedHistory history(List<MovieRating> ratings) {
    var scale = model.info().scale();
    boolean checkScale = scale.max() > scale.min();
    List<String> unknown = new ArrayList<>();
    int[] items = new int[ratings.size()];
    float[] values = new float[ratings.size()];
    Set<Integer> seen = new HashSet<>();
    int n = 0;
    for (MovieRating r : ratings) {
      if (checkScale && !scale.contains(r.rating())) {
        throw new CinerecException("rating " + fmt(r.rating()) + " of movie " + r.movieId()
            + " is off the data's scale " + scale.text());
      }
      int i = model.items().indexOf(r.movieId().strip());
      if (i < 0) {
        unknown.add(r.movieId());
        continue;
      }
      if (!seen.add(i)) {
        throw new CinerecException("movie " + r.movieId() + " is rated twice in one history");
      }
      items[n] = i;
      values[n++] = r.rating();
    }
    return new ResolvedHistory(History.of(Arrays.copyOf(items, n), Arrays.copyOf(values, n)), unknown);
  }

  private static String fmt(float r) {
    return Float.isFinite(r) ? org.cinerec.data.RatingScale.fmt(Double.parseDouble(Float.toString(r)))
        : String.valueOf(r);
  }

  // ---- serving

  /**
   * Recommendations: the subject's scores with every movie that may not be listed set aside first (the
   * filters; rated movies when asked; dismissed movies), then the best {@code offset + k} (or, with diversity
   * above 0, the MMR order over the model's item vectors: {@link Mmr}) of which the last {@code k} are given.
   * So a list is short only when fewer movies remain.
   *
   * <p>Diversity needs item vectors ({@link ItemEmbeddings}: mf, svdpp, als, ials, bpmf, bpr, multitask); other
   * models refuse it as bad input rather than diversify by a similarity on another scale. Reasons
   * ({@link RecommendRequest#explain}) are described in {@link Explainer}: the rated movies most similar to
   * each recommended one, weighted by how much the subject liked them; none for a non-personal list.
   */
  public Recommendations recommend(RecommendRequest request) {
    return request.diversity() > 0
        ? recommend(request, requireVectors("diversity"), ((ItemEmbeddings) model).embeddingDim())
        : recommend(request, null, 0);
  }

  /**
   * {@link #recommend} where diversity never fails: MMR over the model's item vectors when it has them, else
   * over the movies' genres (unit vectors of their genre sets: a movie sharing no genre with those picked is
   * as different as can be). For the home screen's "something different" ({@link HomeScreen}), where any
   * model should offer variety; the API's {@code diversity} keeps to the model's own vectors.
   */
  Recommendations recommendVaried(RecommendRequest request) {
    if (request.diversity() == 0 || model instanceof ItemEmbeddings) {
      return recommend(request);
    }
    float[] g = genreVectors;
    if (g == null) {
      g = filter.genreUnitVectors();
      genreVectors = g;
    }
    return recommend(request, g, filter.genreCount());
  }

  private Recommendations recommend(RecommendRequest request, float[] vectors, int vectorDim) {
    Who who = resolve(request.subject());
    float[] scores = Scratch.scores(added.width()); // every slot written by scoreWide
    scoreWide(who.scorer(), scores);
    filter.apply(request.filters(), scores);
    int excludedRated = 0;
    if (request.excludeRated()) {
      if (who.rated() == null && request.rated().isEmpty()) {
        throw new CinerecException("the " + model.kind() + " model does not record which movies its users rated, "
            + "so rated movies cannot be left out; give them, or ask for rated movies to be included");
      }
      int[] rated = who.rated() == null ? CandidateFilter.NONE : who.rated();
      excludedRated = filter.exclude(rated, request.rated(), scores);
    }
    int excludedDismissed = filter.exclude(CandidateFilter.NONE, request.dismissed(), scores);
    int candidates = 0;
    for (float s : scores) {
      candidates += s > Float.NEGATIVE_INFINITY ? 1 : 0; // NaN fails too
    }
    int want = (int) Math.min((long) request.offset() + request.k(), scores.length);
    int[] order = request.diversity() > 0
        ? Mmr.select(scores, want, request.diversity(), vectors, vectorDim)
        : TopK.select(scores, want);
    float[] unit = request.explain() && who.scorer().personal() && model instanceof ItemEmbeddings
        ? unitVectors() : null; // rows for the added movies too when they are ranked
    int dim = unit == null ? 0 : ((ItemEmbeddings) model).embeddingDim();
    List<RankedMovie> rows = new ArrayList<>();
    Explainer.Candidates because = request.explain() && who.scorer().personal() && who.reasonItems() != null
        && request.offset() < order.length ? explainer.candidates(who.reasonItems(), who.reasonRatings()) : null;
    for (int r = request.offset(); r < order.length; r++) {
      int i = order[r];
      List<Reason> reasons = because != null ? explainer.reasons(i, because, unit, dim) : List.of();
      rows.add(row(r + 1, i, scores[i], predicted(who.scorer(), i), reasons));
    }
    List<String> notes = new ArrayList<>(who.notes());
    if (!who.scorer().personal()) {
      notes.add((who.label() == null ? "no rated movie the model knows" : "user " + who.label()
          + " has no training ratings") + ": these are the model's non-personal fallback recommendations");
    }
    return new Recommendations(name, model.kind(), version, who.label(), who.scorer().personal(), request.k(),
        request.offset(), request.diversity(), candidates, excludedRated, excludedDismissed, notes, rows);
  }

  /**
   * Every candidate's score for this scorer into {@code out}: the model's movies ({@link UserScorer#scoreItems}),
   * then, when {@code out} is longer (the added movies are ranked), each added movie's
   * {@link UserScorer#scoreMovie}; the serving path's own wrappers ({@link WideScorer}) score the whole range
   * themselves.
   */
  void scoreWide(UserScorer scorer, float[] out) {
    int n = model.items().size();
    if (out.length == n) {
      scorer.scoreItems(out);
      return;
    }
    if (scorer instanceof WideScorer w) {
      w.scoreWide(this, out);
      return;
    }
    float[] base = Scratch.base(n); // every slot written by scoreItems
    scorer.scoreItems(base);
    System.arraycopy(base, 0, out, 0, n);
    added.score(scorer, out);
  }

  /**
   * The movies most similar to one, by the model's own similarity ({@link Recommender#similarItems}), the
   * movie itself and filtered movies left out. Bad input when the model has no similarity between movies or
   * the movie had no training ratings ({@link Recommender#requireSimilarity}), or was added after training.
   * Movies the model relates in no way (a non-finite similarity: itemknn's non-neighbours) are never listed;
   * nor are movies added after training (the model learned nothing to relate them by).
   */
  public SimilarMovies similar(SimilarRequest request) {
    MovieMatch match = movie(request.movie());
    int item = match.item();
    if (added.isAdded(item)) {
      throw new CinerecException(label(item) + " was added to the catalogue after the " + model.kind()
          + " model was trained, so the model learned nothing to compare it by; it has similar movies once the "
          + "model is retrained with it");
    }
    model.requireSimilarity(item, label(item));
    float[] scores = Scratch.scores(model.items().size()); // every slot written by similarItems
    model.similarItems(item, scores);
    scores[item] = Float.NEGATIVE_INFINITY;
    int unrelated = 0;
    for (int i = 0; i < scores.length; i++) {
      if (i != item && !Float.isFinite(scores[i])) {
        scores[i] = Float.NEGATIVE_INFINITY;
        unrelated++;
      }
    }
    filter.apply(request.filters(), scores);
    int candidates = 0;
    for (float s : scores) {
      candidates += s > Float.NEGATIVE_INFINITY ? 1 : 0;
    }
    int want = (int) Math.min((long) request.offset() + request.k(), scores.length);
    int[] top = TopK.select(scores, want);
    List<RankedMovie> rows = new ArrayList<>();
    for (int r = request.offset(); r < top.length; r++) {
      rows.add(row(r + 1, top[r], scores[top[r]], null, List.of()));
    }
    List<String> notes = new ArrayList<>();
    if (match.note() != null) {
      notes.add(match.note());
    }
    if (unrelated > 0 && rows.size() < request.k()) {
      notes.add("the " + model.kind() + " model relates only " + (scores.length - 1 - unrelated)
          + " movies to this one");
    }
    return new SimilarMovies(name, model.kind(), version, movieRef(item), request.k(), request.offset(), candidates,
        notes, rows);
  }

  /**
   * Why the subject may like a movie: the reasons a recommendation of it would give ({@link Explainer}); none
   * for a non-personal subject or a model that relates no movies.
   */
  public List<Reason> reasons(Subject subject, int item) {
    Who who = resolve(subject);
    if (!who.scorer().personal() || who.reasonItems() == null || (added.isAdded(item) && !added.ranked())) {
      return List.of();
    }
    float[] unit = model instanceof ItemEmbeddings ? unitVectors() : null;
    int dim = unit == null ? 0 : ((ItemEmbeddings) model).embeddingDim();
    return explainer.reasons(item, who.reasonItems(), who.reasonRatings(), unit, dim);
  }

  /**
   * The rows with {@code scorer}'s predicted rating (for models that predict ratings): a list ranked by
   * something else (similarity, popularity) shown to one viewer.
   */
  public List<RankedMovie> withPredictions(UserScorer scorer, List<RankedMovie> rows) {
    List<RankedMovie> out = new ArrayList<>(rows.size());
    for (RankedMovie r : rows) {
      Float p = predicted(scorer, ids.indexOf(r.movieId()));
      out.add(new RankedMovie(r.rank(), r.movieId(), r.title(), r.year(), r.genres(), r.score(), p, r.reasons()));
    }
    return out;
  }

  /**
   * A predicted rating (or ranking score, for models that only rank) of a movie, by id or title, for the
   * subject; says when and to what it falls back (a user or movie without training ratings).
   */
  public Prediction predict(Subject subject, String movie) {
    Who who = resolve(subject);
    MovieMatch match = movie(movie);
    int i = match.item();
    if (added.isAdded(i)) {
      return predictAdded(who, match);
    }
    float raw = who.scorer().predict(i);
    boolean userKnown = who.scorer().personal();
    boolean movieKnown = model.knowsItem(i);
    String fallback;
    if (who.user() >= 0 || !userKnown) {
      fallback = model.fallback(who.user(), i);
    } else {
      fallback = movieKnown ? null : model.fallback(someKnownUser(), i);
    }
    List<String> notes = new ArrayList<>(who.notes());
    if (match.note() != null) {
      notes.add(match.note());
    }
    if (fallback != null) {
      notes.add(fallbackNote(who.label(), userKnown, label(i), movieKnown, fallback));
    }
    Float spread = who.scorer() instanceof org.cinerec.model.PredictionSpread ps ? ps.spread(i) : null;
    return new Prediction(name, model.kind(), version, who.label(), movieRef(i), finite(raw),
        predicted(who.scorer(), i), spread, fallback == null, userKnown, movieKnown, fallback, notes);
  }

  /** The movie features the model places an added movie by, in words ("genres, year, title words"). */
  private String featureWords() {
    List<String> used = model instanceof org.cinerec.model.NewMovies nm ? nm.movieFeatures() : List.of();
    if (used.isEmpty()) {
      return "genres, year, title words";
    }
    return String.join(", ", used.stream().map(f -> switch (f) {
      case "title" -> "title words";
      case "overview" -> "overview words";
      default -> f;
    }).toList());
  }

  /**
   * A movie added after training: no predicted rating (the model learned nothing about it); its ranking score
   * when the model places it by its features, and what it rests on, in words.
   */
  private Prediction predictAdded(Who who, MovieMatch match) {
    int i = match.item();
    float score = added.score(who.scorer(), i);
    boolean ranked = added.ranked() && Float.isFinite(score);
    String fallback = ranked
        ? "the movie's metadata (" + featureWords() + ") alone: it was added after the " + model.kind()
            + " model was trained, so the model ranks it by them and predicts no rating for it"
        : "nothing: it was added after the " + model.kind() + " model was trained and the model has no movie "
            + "features to place it by, so it neither ranks it nor predicts a rating for it until retrained with it";
    List<String> notes = new ArrayList<>(who.notes());
    if (match.note() != null) {
      notes.add(match.note());
    }
    notes.add(label(i) + " was added to the catalogue after the model was trained: " + (ranked
        ? "it is recommended by its metadata, with no predicted rating"
        : "this model does not recommend it and predicts no rating for it"));
    return new Prediction(name, model.kind(), version, who.label(), movieRef(i), finite(score), null, null, false,
        who.scorer().personal(), false, fallback, notes);
  }

  /**
   * What a prediction that falls back says, naming the cold side or sides: "user 9 and Heat (1995) [movieId 6]
   * have no training ratings: the prediction falls back to μ". {@code user} is the user's id, or null for an
   * anonymous history ("this history has no rated movie the model knows").
   */
  public static String fallbackNote(String user, boolean userKnown, String movie, boolean movieKnown,
      String fallback) {
    String whom = user == null ? "this history" : "user " + user;
    String cold = !userKnown && !movieKnown ? whom + " and " + movie + " have no training ratings"
        : !userKnown ? whom + (user == null ? " has no rated movie the model knows" : " has no training ratings")
        : !movieKnown ? movie + " has no training ratings" : null;
    return (cold == null ? "the prediction" : cold + ": the prediction") + " falls back to " + fallback;
  }

  // ---- internals

  /**
   * A resolved subject: its scorer, its training user index (-1 when not a training user), the movies it
   * rated (left out; null when unknown), the movies reasons may name and their ratings (null when unknown), its
   * label and notes.
   */
  private record Who(UserScorer scorer, int user, int[] rated, int[] reasonItems, float[] reasonRatings,
      String label, List<String> notes) {}

  private Who resolve(Subject subject) {
    if (subject instanceof Subject.User u) {
      int user = user(u.id());
      History known = u.ratings();
      known.requireItemsBelow(model.items().size());
      int[] training = model instanceof RatedItems r ? r.trainingItems().items(user) : null;
      int[] rated = training == null ? (known.size() == 0 ? null : known.items()) : union(training, known.items());
      boolean useKnown = known.size() > 0;
      return new Who(model.scorer(user), user, rated, useKnown ? known.items() : training,
          useKnown ? known.ratings() : null, u.id().strip(), List.of());
    }
    if (subject instanceof Subject.Scored s) {
      History h = s.history();
      return new Who(s.scorer(), -1, h.items(), h.items(), h.ratings(), s.label(), List.of());
    }
    Subject.Anonymous a = (Subject.Anonymous) subject;
    ResolvedHistory rh = history(a.ratings());
    List<String> notes = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    List<String> addedIds = new ArrayList<>();
    int[] addedRated = new int[rh.unknownIds().size()];
    for (String id : rh.unknownIds()) {
      int i = ids.indexOf(id.strip());
      if (i < 0) {
        unknown.add(id);
      } else {
        addedRated[addedIds.size()] = i;
        addedIds.add(id);
      }
    }
    if (!unknown.isEmpty()) {
      notes.add("left out " + unknown.size() + " rated movie" + (unknown.size() == 1 ? "" : "s")
          + " the model does not know: " + String.join(", ", unknown));
    }
    if (!addedIds.isEmpty()) {
      notes.add("left out of the fold-in " + addedIds.size() + " rated movie" + (addedIds.size() == 1 ? "" : "s")
          + " added after the model was trained (it learns from them once retrained): " + String.join(", ", addedIds));
    }
    History h = rh.history();
    String priorNote = priorNote(h.size(), tells(a.attributes()));
    if (priorNote != null) {
      notes.add(priorNote);
    }
    int[] rated = h.items();
    if (!addedIds.isEmpty() && added.ranked()) { // rated added movies are left out of the list too
      rated = Arrays.copyOf(rated, rated.length + addedIds.size());
      System.arraycopy(addedRated, 0, rated, h.size(), addedIds.size());
    }
    if (!a.attributes().isEmpty() && model.userAttributes().isEmpty()) {
      notes.add("the " + model.kind() + " model uses no user attributes: " + String.join(", ",
          a.attributes().keySet()) + " not used");
    }
    return new Who(foldInOrRefuse(h, a.attributes()), -1, rated, h.items(), h.ratings(), null, notes);
  }

  /** The sorted union of two sorted item lists. */
  private static int[] union(int[] a, int[] b) {
    int[] out = new int[a.length + b.length];
    int i = 0;
    int j = 0;
    int n = 0;
    while (i < a.length || j < b.length) {
      int next = j == b.length || (i < a.length && a[i] <= b[j]) ? a[i] : b[j];
      if (i < a.length && a[i] == next) {
        i++;
      }
      if (j < b.length && b[j] == next) {
        j++;
      }
      out[n++] = next;
    }
    return Arrays.copyOf(out, n);
  }

  /**
   * The serving fold-in of a user known by this history (anonymous, or a user whose stored ratings differ from
   * their training ones): the model's fold-in ({@link Recommender#foldIn}), its non-personal fallback for an
   * empty history, with this serving model's {@link #prior()} applied for the history's length. Throws
   * {@link UnsupportedOperationException} when the family cannot fold in.
   */
  public UserScorer foldIn(History h) {
    return foldIn(h, Map.of());
  }

  /**
   * {@link #foldIn(History)} of a user who also told her attributes ({@link Recommender#foldIn(History, Map)}:
   * used by a model with user attributes, ignored by the others). An attribute or value the model does not
   * know is bad input ({@link CinerecException}) naming it and what the model knows.
   */
  public UserScorer foldIn(History h, Map<String, String> attributes) {
    boolean told = tells(attributes);
    UserScorer s = h.size() == 0 && !told ? model.scorer(-1) : model.foldIn(h, attributes);
    return prior.apply(s, h.size(), told);
  }

  /** Whether these attributes reach the model's fold-in (some told, and the model takes attributes). */
  public boolean tells(Map<String, String> attributes) {
    return !attributes.isEmpty() && !model.userAttributes().isEmpty();
  }

  /**
   * What a list folded in from n ratings says about the prior, e.g. "ranked with a prior toward popularity
   * (1,100): popularity weighs 0.97 of each score after 3 ratings", or null when it weighs nothing (no prior,
   * or n at or past its fade-out).
   */
  public String priorNote(int n) {
    return priorNote(n, false);
  }

  /** {@link #priorNote(int)} for a user who {@code told} attributes the model folded in. */
  public String priorNote(int n, boolean told) {
    double w = prior.weight(n, told);
    if (w == 0) {
      return null;
    }
    return String.format(Locale.ROOT, "ranked with a prior toward popularity (%s): popularity weighs %.2f of each "
        + "score after %d rating%s%s", prior.schedule(), w, n, n == 1 ? "" : "s",
        told ? " and what the user told" : "");
  }

  /** {@link #foldIn}, bad input when the family cannot. */
  private UserScorer foldInOrRefuse(History h, Map<String, String> attributes) {
    try {
      return foldIn(h, attributes);
    } catch (UnsupportedOperationException e) {
      throw new CinerecException("the " + model.kind() + " model cannot fold in a new user's ratings yet (not "
          + "supported yet for this family): " + e.getMessage(), e);
    }
  }

  private RankedMovie row(int rank, int item, float score, Float predicted, List<Reason> reasons) {
    MovieRef m = movieRef(item);
    return new RankedMovie(rank, m.movieId(), m.title(), m.year(), m.genres(), finite(score), predicted, reasons);
  }

  /**
   * Per movie of the {@link #catalog}, how many training users rated it (the model's {@link RatedItems}; all 0
   * for a model that does not keep them, and for the movies added after training). Built once.
   */
  public int[] raters() {
    int[] r = raters;
    if (r == null) {
      int[] own = perModel.raters;
      if (own == null) {
        int n = model.items().size();
        own = model instanceof RatedItems ri ? ri.trainingItems().raters(n) : new int[n];
        perModel.raters = own;
      }
      r = added.size() == 0 ? own : Arrays.copyOf(own, own.length + added.size());
      raters = r;
    }
    return r;
  }

  /**
   * Popularity as a scorer: each movie scores its number of training raters ({@link #raters}); not personal,
   * and it predicts no rating. The "popular" lists rank with it.
   */
  public UserScorer popularity() {
    int[] counts = raters();
    return new UserScorer() {
      @Override
      public void scoreItems(float[] out) {
        for (int i = 0; i < out.length; i++) {
          out[i] = counts[i];
        }
      }

      @Override
      public float scoreMovie(float[] movieVector) {
        return 0f; // a movie added after training: nobody rated it in training
      }

      @Override
      public float predict(int item) {
        return Float.NaN; // a count is not a rating
      }

      @Override
      public boolean personal() {
        return false;
      }
    };
  }

  /** The clipped predicted rating of {@code scorer} for models that predict ratings, else null. */
  public Float predictedRating(UserScorer scorer, int item) {
    return predicted(scorer, item);
  }

  /**
   * The clipped predicted rating for models that predict ratings, else null; null for a movie added after
   * training (no model learned anything about it).
   */
  private Float predicted(UserScorer scorer, int item) {
    if (!model.predictsRatings() || added.isAdded(item)) {
      return null;
    }
    float p = model.info().clip(scorer.predict(item));
    return Float.isFinite(p) ? p : null;
  }

  /** JSON has no NaN or infinity: such scores become the float's extreme (top-K never returns them anyway). */
  private static float finite(float v) {
    return Float.isNaN(v) ? 0f : Math.max(-Float.MAX_VALUE, Math.min(Float.MAX_VALUE, v));
  }

  /** "Toy Story (1995) [movieId 1]". */
  private String label(int item) {
    return catalog.displayTitle(item) + " [movieId " + ids.id(item) + "]";
  }

  private float[] requireVectors(String what) {
    if (!(model instanceof ItemEmbeddings)) {
      throw new CinerecException(what + " needs item vectors, and the " + model.kind() + " model has none; use a "
          + "model with them (mf, svdpp, als, ials, bpmf, bpr or multitask), or " + what + " 0");
    }
    return unitVectors();
  }

  /** The model's unit item vectors, then the added movies' when the model ranks them ({@link AddedMovies}). */
  private float[] unitVectors() {
    float[] u = unitVectors;
    if (u == null) {
      ItemEmbeddings e = (ItemEmbeddings) model;
      float[] own = perModel.unitVectors;
      if (own == null) {
        own = Mmr.unitRows(e.itemEmbeddings(), e.embeddingDim());
        perModel.unitVectors = own;
      }
      u = added.withUnitRows(own, e.embeddingDim());
      unitVectors = u;
    }
    return u;
  }

  private TitleSearch titles() {
    TitleSearch t = titles;
    if (t == null) {
      t = new TitleSearch(catalog, raters());
      titles = t;
    }
    return t;
  }

  /** Some training user with ratings, for the wording of a known user's fallback; -1 when there is none. */
  private int someKnownUser() {
    for (int u = 0; u < model.users().size(); u++) {
      if (model.knowsUser(u)) {
        return u;
      }
    }
    return -1;
  }
}
