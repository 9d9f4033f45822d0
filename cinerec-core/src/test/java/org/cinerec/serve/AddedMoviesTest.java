package org.cinerec.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import org.cinerec.CinerecException;
import org.cinerec.data.Catalog;
import org.cinerec.model.History;
import org.cinerec.model.UserScorer;
import org.junit.jupiter.api.Test;

/**
 * Movies added to the catalogue after training (item cold start) on the serving path, over a hand-made model
 * with movie features ({@link FeatureToyModel}): every list matches brute force over the catalogue's scores and
 * the added movies' {@code p_u · v(genres)}, with every filter and exclusion; a model without movie features
 * lists, resolves and searches them but never ranks them, and says so where a prediction would be.
 */
class AddedMoviesTest {
  static final ToyModel.Fixture TOY = ToyModel.random(60, 8, 11, true);
  /** Three added movies: a pure Action one, a Comedy|Drama one with an unknown year, a Western (no known genre). */
  static final List<NewMovie> ADDED = List.of(
      new NewMovie("a1", "Tide of Glass", 2024, List.of("Action")),
      new NewMovie("a2", "Second Light", Catalog.NO_YEAR, List.of("Comedy", "Drama")),
      new NewMovie("a3", "Dust Road", 1995, List.of("Western")));

  static ServingModel serving(boolean features) {
    return ServingModel.of("toy-1", "v1", new FeatureToyModel(TOY.model(), features), TOY.catalog())
        .withAddedMovies(ADDED);
  }

  /** Every candidate's score for training user u: the catalogue's, then the added movies'. */
  static float[] scores(FeatureToyModel m, int u) {
    float[] s = new float[60 + ADDED.size()];
    float[] own = new float[60];
    m.scoreItems(u, own);
    System.arraycopy(own, 0, s, 0, 60);
    for (int t = 0; t < ADDED.size(); t++) {
      NewMovie a = ADDED.get(t);
      s[60 + t] = FeatureToyModel.scoreOf(m.knowsUser(u) ? TOY.model().user(u) : null,
          m.movieVector(a.title(), a.year(), a.genreArray()));
    }
    return s;
  }

  static String id(int i) {
    return i < 60 ? "m" + i : ADDED.get(i - 60).movieId();
  }

  static List<String> genresOf(int i) {
    return i < 60 ? Arrays.asList(TOY.catalog().genres(i)) : ADDED.get(i - 60).genres();
  }

  static int yearOf(int i) {
    return i < 60 ? TOY.catalog().year(i) : ADDED.get(i - 60).year();
  }

  @Test
  void addedMoviesAreRankedBesideTheCataloguesWithEveryFilterAndExclusionAsBruteForceSays() {
    ServingModel s = serving(true);
    FeatureToyModel m = (FeatureToyModel) s.model();
    String[] allIds = new String[63];
    for (int i = 0; i < 63; i++) {
      allIds[i] = id(i);
    }
    String[] genres = {"Action", "Comedy", "Drama", "Horror", "Sci-Fi", "Western"};
    SplittableRandom rng = new SplittableRandom(17);
    int addedListed = 0;
    for (int trial = 0; trial < 300; trial++) {
      int u = 1 + rng.nextInt(7);
      Set<String> any = ServingModelTest.randomSubset(rng, genres, 0.3);
      Set<String> all = ServingModelTest.randomSubset(rng, genres, 0.1);
      Integer from = rng.nextBoolean() ? null : 1990 + rng.nextInt(36);
      Integer to = rng.nextBoolean() ? null : (from == null ? 1990 : from) + rng.nextInt(36);
      Set<String> excludeMovies = ServingModelTest.randomSubset(rng, allIds, 0.1);
      Set<String> dismissed = ServingModelTest.randomSubset(rng, allIds, 0.1);
      Set<String> rated = ServingModelTest.randomSubset(rng, allIds, 0.1);
      boolean excludeRated = rng.nextBoolean();
      int k = 1 + rng.nextInt(30);
      int offset = rng.nextInt(10);
      Recommendations got = s.recommend(RecommendRequest.builder(Subject.user("u" + u)).k(k).offset(offset)
          .filters(new Filters(any, all, from, to, excludeMovies)).excludeRated(excludeRated).rated(rated)
          .dismissed(dismissed).build());
      float[] sc = scores(m, u);
      List<String> expected = ServingModelTest.bruteForce(sc, i -> {
        List<String> g = genresOf(i).stream().map(x -> x.toLowerCase(Locale.ROOT)).toList();
        boolean ok = any.isEmpty() || any.stream().anyMatch(x -> g.contains(x.toLowerCase(Locale.ROOT)));
        ok &= all.stream().allMatch(x -> g.contains(x.toLowerCase(Locale.ROOT)));
        int y = yearOf(i);
        ok &= (from == null && to == null) || (y != Catalog.NO_YEAR && (from == null || y >= from)
            && (to == null || y <= to));
        ok &= !excludeMovies.contains(id(i)) && !dismissed.contains(id(i));
        ok &= !excludeRated || (!rated.contains(id(i)) && (i >= 60 || !m.trainingItems().contains(u, i)));
        return ok;
      }, k, offset);
      List<String> want = new ArrayList<>();
      for (String x : expected) { // bruteForce names items "m<index>": the added ones by their ids
        int i = Integer.parseInt(x.substring(1));
        want.add(id(i));
      }
      assertEquals(want, ServingModelTest.ids(got), "trial " + trial);
      for (RankedMovie r : got.recommendations()) {
        int i = s.movieIndex(r.movieId());
        assertEquals(sc[i], r.score(), 0f, r.movieId());
        if (s.isAdded(i)) {
          addedListed++;
          assertNull(r.predictedRating(), "no predicted rating for a movie added after training");
          assertEquals(ADDED.get(i - 60).title(), r.title());
        }
      }
    }
    assertTrue(addedListed > 30, "the added movies were listed " + addedListed + " times");
  }

  @Test
  void aModelWithoutMovieFeaturesListsAddedMoviesButNeverRanksThem() {
    ServingModel s = serving(false);
    assertFalse(s.ranksAddedMovies());
    assertEquals(3, s.addedMovies().size());
    Recommendations r = s.recommend(RecommendRequest.builder(Subject.user("u3")).k(1000).build());
    assertTrue(r.recommendations().stream().noneMatch(x -> x.movieId().startsWith("a")), r.toString());
    assertEquals(60 - r.excludedRated(), r.candidates(), "the catalogue's movies only");
    assertEquals(62, s.movieById("a3"));
    assertEquals(new MovieRef("a2", "Second Light", null, List.of("Comedy", "Drama")), s.movieRef(61));
    assertEquals("a1", s.searchTitles("tide of glass", 5).get(0).movieId());
    assertEquals(61, s.movie("Second Light").item());
    assertEquals(63, s.catalog().size());
    assertEquals(63, s.raters().length);
    assertEquals(0, s.raters()[60]);
    Prediction p = s.predict(Subject.user("u3"), "a1");
    assertNull(p.predictedRating());
    assertFalse(p.personal());
    assertFalse(p.movieHasTrainingRatings());
    assertTrue(p.fallback().startsWith("nothing: it was added after the featuretoy model was trained"), p.fallback());
    assertTrue(p.notes().get(p.notes().size() - 1).contains("this model does not recommend it"), p.notes().toString());
    CinerecException e = assertThrows(CinerecException.class, () -> s.similar(SimilarRequest.of("a1", 5)));
    assertEquals(CinerecException.Kind.BAD_INPUT, e.kind());
    assertTrue(e.getMessage().contains("was added to the catalogue after the featuretoy model was trained"),
        e.getMessage());
    MoviePage page = MoviePage.compose(s, new Subject.Scored(s.model().scorer(3), History.EMPTY, "u3"), "a1",
        Set.of(), 5);
    assertNull(page.prediction().predictedRating());
    assertFalse(page.similarAvailable());
    assertTrue(page.notes().stream().anyMatch(n -> n.contains("trained before this movie was added")),
        page.notes().toString());
  }

  @Test
  void aModelWithFeaturesPredictsNoRatingForAnAddedMovieButGivesItsScore() {
    ServingModel s = serving(true);
    FeatureToyModel m = (FeatureToyModel) s.model();
    assertTrue(s.ranksAddedMovies());
    Prediction p = s.predict(Subject.user("u4"), "a2");
    assertNull(p.predictedRating());
    assertEquals(scores(m, 4)[61], p.score(), 0f);
    // the features it was trained on, no others
    assertTrue(p.fallback().startsWith("the movie's metadata (genres) alone"), p.fallback());
    assertEquals(new MovieRef("a2", "Second Light", null, List.of("Comedy", "Drama")), p.movie());
    // a cold user gets the model's fallback for it, as for every movie
    assertEquals(FeatureToyModel.FALLBACK_ADDED, s.predict(Subject.user("u0"), "a2").score(), 0f);
  }

  @Test
  void anAnonymousHistoryWithAnAddedMovieLeavesItOutOfTheFoldInAndTheList() {
    ServingModel s = serving(true);
    FeatureToyModel m = (FeatureToyModel) s.model();
    List<MovieRating> history = List.of(new MovieRating("m3", 5), new MovieRating("m7", 1), new MovieRating("a1", 5));
    Recommendations r = s.recommend(RecommendRequest.builder(Subject.anonymous(history)).k(1000).build());
    assertTrue(r.recommendations().stream().noneMatch(x -> x.movieId().equals("a1")), "rated: left out");
    assertEquals(3, r.excludedRated());
    assertTrue(r.notes().stream().anyMatch(n -> n.startsWith("left out of the fold-in 1 rated movie added after")),
        r.notes().toString());
    // the others are ranked by the fold-in of the two catalogue ratings: p = 2 q_3 - 2 q_7
    float[] p = new float[ToyModel.DIM];
    for (int d = 0; d < ToyModel.DIM; d++) {
      p[d] = 2 * TOY.model().itemVec[3 * ToyModel.DIM + d] - 2 * TOY.model().itemVec[7 * ToyModel.DIM + d];
    }
    for (RankedMovie x : r.recommendations()) {
      int i = s.movieIndex(x.movieId());
      float want = i < 60 ? TOY.model().score(p, i) : FeatureToyModel.scoreOf(p, m.movieVector("", 0,
          ADDED.get(i - 60).genreArray()));
      assertEquals(want, x.score(), 1e-6f, x.movieId());
    }
    assertEquals(60 + 3 - 3, r.candidates());
  }

  @Test
  void vectorsAreMadeOncePerAddedMoviePerModelAndAMovieTheModelKnowsIsItsOwn() {
    FeatureToyModel m = new FeatureToyModel(TOY.model(), true);
    ServingModel first = ServingModel.of("toy-1", "v1", m, TOY.catalog()).withAddedMovies(ADDED.subList(0, 1));
    assertEquals(1, m.vectorsMade.get());
    ServingModel second = first.withAddedMovies(ADDED).withPrior(new PopularityPrior.Schedule(1, 10));
    assertEquals(3, m.vectorsMade.get(), "the first movie's vector is taken over");
    for (int k = 0; k < 5; k++) {
      second.recommend(RecommendRequest.builder(Subject.user("u2")).k(5).build());
    }
    assertEquals(3, m.vectorsMade.get(), "requests only score");
    ServingModel mine = second.withAddedMovies(List.of(new NewMovie("m5", "Movie 5 again", 2000, List.of("Action")),
        new NewMovie("0a1", "Not the same id", 2001, List.of()), ADDED.get(0)));
    assertEquals(List.of("0a1", "a1"), mine.addedMovies().stream().map(NewMovie::movieId).toList(),
        "m5 is the model's own (retrained with it); text ids are compared as written");
    assertEquals(5, mine.movieIndex("m5"));
  }

  @Test
  void thePopularityPriorBlendsAddedMoviesAsMoviesNobodyRated() {
    FeatureToyModel m = new FeatureToyModel(TOY.model(), true);
    ServingModel s = ServingModel.of("toy-1", "v1", m, TOY.catalog()).withPrior(new PopularityPrior.Schedule(0.5, 10))
        .withAddedMovies(ADDED);
    History h = History.of(new int[] {3, 9}, new float[] {5, 4});
    UserScorer folded = s.foldIn(h);
    Recommendations r = s.recommend(RecommendRequest.builder(Subject.scored(folded, h, "x")).k(1000).build());
    // by hand: w = 0.5 (1 - 2/10) = 0.4; s_i = 0.6 z(model)_i + 0.4 z(log(1 + raters))_i over all 63 movies
    double w = 0.4;
    float[] p = new float[ToyModel.DIM];
    for (int d = 0; d < ToyModel.DIM; d++) {
      p[d] = 2 * TOY.model().itemVec[3 * ToyModel.DIM + d] + TOY.model().itemVec[9 * ToyModel.DIM + d];
    }
    double[] raw = new double[63];
    for (int i = 0; i < 63; i++) {
      raw[i] = i < 60 ? TOY.model().score(p, i) : FeatureToyModel.scoreOf(p, m.movieVector("", 0,
          ADDED.get(i - 60).genreArray()));
    }
    int[] raters = m.trainingItems().raters(60);
    double[] logs = new double[60];
    for (int i = 0; i < 60; i++) {
      logs[i] = Math.log1p(raters[i]);
    }
    double[] zRaw = z(raw, raw);
    double[] zPop = z(logs, logs);
    double[] popAll = Arrays.copyOf(zPop, 63);
    double absent = z(new double[] {0}, logs)[0];
    Arrays.fill(popAll, 60, 63, absent);
    for (RankedMovie x : r.recommendations()) {
      int i = s.movieIndex(x.movieId());
      assertEquals((1 - w) * zRaw[i] + w * popAll[i], x.score(), 1e-4, x.movieId());
    }
    assertTrue(r.recommendations().stream().anyMatch(x -> x.movieId().startsWith("a")));
    // an empty history: popularity alone, the added movies with the prior of an unrated movie
    Recommendations empty = s.recommend(RecommendRequest.builder(Subject.scored(s.foldIn(History.EMPTY),
        History.EMPTY, "y")).k(1000).build());
    for (RankedMovie x : empty.recommendations()) {
      int i = s.movieIndex(x.movieId());
      assertEquals(popAll[i], x.score(), 1e-5, x.movieId());
    }
  }

  /** z-scores of xs by the mean and population sd of of. */
  static double[] z(double[] xs, double[] of) {
    double mean = Arrays.stream(of).average().orElse(0);
    double sd = Math.sqrt(Arrays.stream(of).map(v -> (v - mean) * (v - mean)).sum() / of.length);
    return Arrays.stream(xs).map(v -> sd > 0 ? (v - mean) / sd : 0).toArray();
  }

  @Test
  void theHomeScreensRowsRankAddedMoviesAndDiversityTakesTheirVectors() {
    FeatureToyModel m = new FeatureToyModel(TOY.model(), true);
    float[] p = TOY.model().user(5);
    int g = argmaxGenre(p);
    ServingModel s = ServingModel.of("toy-1", "v1", m, TOY.catalog())
        .withAddedMovies(List.of(new NewMovie("a9", "Made For Five", 2020, List.of(ToyModel.GENRES[g]))));
    Home home = HomeScreen.compose(s, new HomeRequest(new Subject.Scored(m.scorer(5), History.EMPTY, "u5"),
        List.of(), Set.of(), Set.of(), 10));
    float[] sc = new float[61];
    float[] own = new float[60];
    m.scoreItems(5, own);
    System.arraycopy(own, 0, sc, 0, 60);
    sc[60] = FeatureToyModel.scoreOf(p, FeatureToyModel.GENRE_VECTORS[g]);
    List<String> expected = ServingModelTest.bruteForce(sc, i -> true, 10, 0).stream()
        .map(x -> x.equals("m60") ? "a9" : x).toList();
    assertTrue(expected.contains("a9"), "the fixture's added movie is one of u5's ten best: " + expected);
    HomeRow picks = home.rows().get(0);
    assertEquals("top-picks", picks.id());
    assertEquals(expected, picks.movies().stream().map(RankedMovie::movieId).toList());
    HomeRow different = home.rows().get(home.rows().size() - 1);
    assertEquals("different", different.id());
    assertEquals(10, new HashSet<>(different.movies().stream().map(RankedMovie::movieId).toList()).size());
    Recommendations varied = s.recommend(RecommendRequest.builder(Subject.user("u5")).k(20).diversity(0.5)
        .explain(true).build());
    assertEquals(20, new HashSet<>(ServingModelTest.ids(varied)).size());
  }

  private static int argmaxGenre(float[] p) {
    int best = 0;
    float bestScore = Float.NEGATIVE_INFINITY;
    for (int g = 0; g < FeatureToyModel.GENRE_VECTORS.length; g++) {
      float sc = FeatureToyModel.scoreOf(p, FeatureToyModel.GENRE_VECTORS[g]);
      if (sc > bestScore) {
        bestScore = sc;
        best = g;
      }
    }
    return best;
  }
}
