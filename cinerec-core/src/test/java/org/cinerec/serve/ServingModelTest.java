package org.cinerec.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cinerec.CinerecException;
import org.cinerec.data.Catalog;
import org.cinerec.math.Mmr;
import org.cinerec.math.TopK;
import org.cinerec.model.History;
import org.junit.jupiter.api.Test;

/**
 * The serving path on a hand-made model ({@link ToyModel}), checked against brute force: every filter and
 * exclusion, k and offset at their edges, NOT_FOUND apart from bad input, MMR, determinism, reasons.
 */
class ServingModelTest {
  static final ToyModel.Fixture TOY = ToyModel.random(60, 8, 11, true);
  static final ServingModel SERVE = TOY.serving();

  /** The expected list by brute force: every item that passes, sorted by score (ties: lower index), paged. */
  static List<String> bruteForce(float[] scores, java.util.function.IntPredicate keep, int k, int offset) {
    List<Integer> ok = new ArrayList<>();
    for (int i = 0; i < scores.length; i++) {
      if (keep.test(i)) {
        ok.add(i);
      }
    }
    ok.sort(Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparingInt(i -> i));
    List<String> out = new ArrayList<>();
    for (int r = offset; r < Math.min(ok.size(), offset + k); r++) {
      out.add("m" + ok.get(r));
    }
    return out;
  }

  static List<String> ids(Recommendations r) {
    return r.recommendations().stream().map(RankedMovie::movieId).toList();
  }

  static Set<String> randomSubset(SplittableRandom rng, String[] from, double p) {
    Set<String> s = new HashSet<>();
    for (String x : from) {
      if (rng.nextDouble() < p) {
        s.add(x);
      }
    }
    return s;
  }

  @Test
  void filtersAndExclusionsMatchBruteForce() {
    SplittableRandom rng = new SplittableRandom(5);
    Catalog c = TOY.catalog();
    String[] movieIds = TOY.model().items().ids();
    for (int trial = 0; trial < 300; trial++) {
      int u = rng.nextInt(8);
      Set<String> any = randomSubset(rng, ToyModel.GENRES, 0.3);
      Set<String> all = randomSubset(rng, ToyModel.GENRES, 0.15);
      Integer from = rng.nextBoolean() ? null : 1990 + rng.nextInt(20);
      Integer to = rng.nextBoolean() ? null : (from == null ? 1990 : from) + rng.nextInt(20);
      Set<String> excludeMovies = randomSubset(rng, movieIds, 0.1);
      Set<String> dismissed = randomSubset(rng, movieIds, 0.1);
      Set<String> rated = randomSubset(rng, movieIds, 0.05);
      boolean excludeRated = rng.nextBoolean();
      int k = 1 + rng.nextInt(20);
      int offset = rng.nextInt(30);
      Filters f = new Filters(any, all, from, to, excludeMovies);
      Recommendations got = SERVE.recommend(RecommendRequest.builder(Subject.user("u" + u)).k(k).offset(offset)
          .filters(f).excludeRated(excludeRated).rated(rated).dismissed(dismissed).build());

      float[] scores = new float[60];
      TOY.model().scoreItems(u, scores);
      List<String> expected = bruteForce(scores, i -> {
        List<String> g = Arrays.stream(c.genres(i)).map(x -> x.toLowerCase(java.util.Locale.ROOT)).toList();
        boolean ok = any.isEmpty() || any.stream().anyMatch(x -> g.contains(x.toLowerCase(java.util.Locale.ROOT)));
        ok &= all.stream().allMatch(x -> g.contains(x.toLowerCase(java.util.Locale.ROOT)));
        int y = c.year(i);
        ok &= (from == null && to == null) || (y != Catalog.NO_YEAR && (from == null || y >= from)
            && (to == null || y <= to));
        ok &= !excludeMovies.contains("m" + i) && !dismissed.contains("m" + i);
        ok &= !excludeRated || (!rated.contains("m" + i) && !TOY.model().trainingItems().contains(u, i));
        return ok;
      }, k, offset);
      assertEquals(expected, ids(got), "trial " + trial + ": " + f + " rated " + excludeRated);
      for (int r = 0; r < got.recommendations().size(); r++) {
        assertEquals(offset + r + 1, got.recommendations().get(r).rank());
      }
    }
  }

  @Test
  void aListIsNeverShortWhileEnoughMoviesRemainAndPagesJoinUp() {
    Filters drama = Filters.NONE.withGenresAny(Set.of("drama"));
    Recommendations whole = SERVE.recommend(RecommendRequest.builder(Subject.user("u3")).k(1000).filters(drama)
        .build());
    int n = whole.candidates();
    assertEquals(n, whole.recommendations().size());
    assertTrue(n > 12, "fixture has enough dramas: " + n);
    List<String> pages = new ArrayList<>();
    for (int offset = 0; offset < n + 5; offset += 5) {
      Recommendations page = SERVE.recommend(RecommendRequest.builder(Subject.user("u3")).k(5).offset(offset)
          .filters(drama).build());
      assertEquals(Math.max(0, Math.min(5, n - offset)), page.recommendations().size(), "offset " + offset);
      pages.addAll(ids(page));
    }
    assertEquals(ids(whole), pages);
    Recommendations past = SERVE.recommend(RecommendRequest.builder(Subject.user("u3")).k(3).offset(10_000).build());
    assertTrue(past.recommendations().isEmpty());
    Recommendations one = SERVE.recommend(RecommendRequest.builder(Subject.user("u3")).k(1).build());
    assertEquals(ids(whole).subList(0, 1), ids(SERVE.recommend(RecommendRequest.builder(Subject.user("u3")).k(1)
        .filters(drama).build())));
    assertEquals(1, one.recommendations().size());
  }

  static CinerecException fails(CinerecException.Kind kind, Executable e) {
    CinerecException x = assertThrows(CinerecException.class, e::run);
    assertEquals(kind, x.kind(), x.getMessage());
    return x;
  }

  interface Executable {
    void run();
  }

  @Test
  void unknownThingsAreNotFoundAndWrongInputIsBadInput() {
    var nf = CinerecException.Kind.NOT_FOUND;
    var bad = CinerecException.Kind.BAD_INPUT;
    assertEquals(404, nf.httpStatus());
    assertEquals(400, bad.httpStatus());
    assertTrue(fails(nf, () -> SERVE.recommend(RecommendRequest.builder(Subject.user("nobody")).build()))
        .getMessage().startsWith("unknown user \"nobody\": the model knows 8 users"));
    fails(nf, () -> SERVE.predict(Subject.user("u1"), "no such film"));
    fails(nf, () -> SERVE.movieById("m999"));
    fails(nf, () -> SERVE.similar(SimilarRequest.of("m999", 3)));
    assertEquals(bad, assertThrows(CinerecException.class, () -> RecommendRequest.builder(Subject.user("u1")).k(0)
        .build()).kind());
    assertThrows(CinerecException.class, () -> RecommendRequest.builder(Subject.user("u1")).k(1001).build());
    assertThrows(CinerecException.class, () -> RecommendRequest.builder(Subject.user("u1")).offset(-1).build());
    assertThrows(CinerecException.class, () -> RecommendRequest.builder(Subject.user("u1")).diversity(1.5).build());
    assertThrows(CinerecException.class, () -> RecommendRequest.builder(Subject.user("u1")).diversity(Double.NaN)
        .build());
    assertThrows(CinerecException.class, () -> new SimilarRequest("m1", 0, 0, null));
    assertThrows(CinerecException.class, () -> Filters.NONE.withYears(2000, 1999));
    assertTrue(fails(bad, () -> SERVE.recommend(RecommendRequest.builder(Subject.user("u1"))
        .filters(Filters.NONE.withGenresAny(Set.of("Scifi"))).build())).getMessage()
        .contains("unknown genre \"Scifi\"; the catalogue's genres: Action, Comedy, Drama, Horror, Sci-Fi"));
    assertTrue(fails(bad, () -> SERVE.recommend(RecommendRequest.builder(Subject.anonymous(
        List.of(new MovieRating("m1", 7)))).build())).getMessage().contains("off the data's scale 1..5"));
    fails(bad, () -> SERVE.recommend(RecommendRequest.builder(Subject.anonymous(
        List.of(new MovieRating("m1", 4), new MovieRating("m1", 2)))).build()));
    // a family without fold-in yet: bad input saying so, not an UnsupportedOperationException
    ServingModel noFold = ToyModel.random(20, 3, 1, false).serving();
    assertTrue(fails(bad, () -> noFold.recommend(RecommendRequest.builder(Subject.anonymous(
        List.of(new MovieRating("m1", 4)))).build())).getMessage().contains("not supported yet"));
    // an empty history needs no fold-in: the fallback, and a note
    Recommendations empty = noFold.recommend(RecommendRequest.builder(Subject.anonymous(List.of())).k(3).build());
    assertFalse(empty.personal());
    assertEquals(List.of("m0", "m1", "m2"), ids(empty));
    assertTrue(empty.notes().get(0).contains("non-personal fallback"), empty.notes().toString());
  }
  @Test
  void anUnknownTextIdNamesTheIdsWithinATypo() {
    org.cinerec.data.IdIndex ids = org.cinerec.data.IdIndex.of("A00912265B1F5", "Ann", "ann-2", "B0067", "a00912265b1f",
        "7");
    assertEquals("; did you mean \"a00912265b1f\" or \"A00912265B1F5\"?",
        ServingModel.didYouMean("A00912265B1F", ids), "same letters in another case first, then one edit");
    assertEquals("; did you mean \"Ann\"?", ServingModel.didYouMean("ANN", ids));
    assertEquals("; did you mean \"Ann\"?", ServingModel.didYouMean("Anne", ids), "one edit for a short id");
    assertEquals("", ServingModel.didYouMean("Anna-2x", ids), "two edits is too far for a short id");
    assertEquals("", ServingModel.didYouMean("8", ids), "a number gets no suggestion");
    assertEquals("", ServingModel.didYouMean("", ids));
    assertEquals("; did you mean \"Ann\" or \"Anna\"?", ServingModel.didYouMean("Anne", List.of("Ann", "Ann", "Anna")),
        "any ids in order of preference, one named twice counted once");
  }


  @Test
  void titlesResolveOnceAndAmbiguityIsBadInputNamingTheCandidates() {
    Catalog c = Catalog.builder()
        .add("Hamlet (1990)", 1990, new String[] {"Drama"}, null, null)
        .add("Hamlet (1996)", 1996, new String[] {"Drama"}, null, null)
        .add("Toy Story (1995)", 1995, new String[] {"Comedy"}, null, null)
        .add("Toy Story 2 (1999)", 1999, new String[] {"Comedy"}, null, null)
        .add("Alien (1979)", 1979, new String[] {"Horror", "Sci-Fi"}, null, null)
        .add("Aliens (1986)", 1986, new String[] {"Action", "Sci-Fi"}, null, null)
        .build();
    float[][] v = {{1, 0, 0}, {1, 0.1f, 0}, {0, 1, 0}, {0, 1, 0.1f}, {0, 0, 1}, {0.1f, 0, 1}};
    ServingModel s = ToyModel.of(v, c, true).serving();
    CinerecException x = fails(CinerecException.Kind.BAD_INPUT, () -> s.movie("hamlet"));
    assertTrue(x.getMessage().startsWith("2 movies match \"hamlet\"; give the year or the id: "
        + "Hamlet (1990) [movieId m0]; Hamlet (1996) [movieId m1]"), x.getMessage());
    assertEquals(1, s.movie("Hamlet (1996)").item());
    MovieMatch toy = s.movie("toy story");
    assertEquals(2, toy.item());
    assertEquals("2 movies match \"toy story\"; using Toy Story (1995) (others: Toy Story 2 (1999))", toy.note());
    assertEquals(3, s.movie("story 2").item());
    assertNull(s.movie("story 2").note());
    fails(CinerecException.Kind.BAD_INPUT, () -> s.movie("story"));
    assertEquals(4, s.movie("m4").item(), "an id comes first");
    x = fails(CinerecException.Kind.NOT_FOUND, () -> s.movie("Alein"));
    assertTrue(x.getMessage().startsWith("no movie matches \"Alein\"; close titles: Alien (1979)"), x.getMessage());
    assertEquals("Alien (1979)", s.searchTitles("alein", 3).get(0).title());
    assertEquals(List.of("m4", "m5"), s.searchTitles("alien", 2).stream().map(MovieRef::movieId).toList());
  }

  @Test
  void diversityZeroIsThePlainRankingAndMoreDiversityMeansLessAlikeLists() {
    SplittableRandom rng = new SplittableRandom(3);
    float[] unit = Mmr.unitRows(TOY.model().itemEmbeddings(), ToyModel.DIM);
    for (int trial = 0; trial < 50; trial++) {
      float[] scores = new float[60];
      for (int i = 0; i < scores.length; i++) {
        scores[i] = rng.nextInt(4) == 0 ? Float.NEGATIVE_INFINITY : (float) rng.nextInt(10); // many ties
      }
      int n = 1 + rng.nextInt(60);
      assertArrayEquals(TopK.select(scores, n), Mmr.select(scores, n, 0, unit, ToyModel.DIM), "trial " + trial);
    }
    RecommendRequest.Builder b = RecommendRequest.builder(Subject.user("u2")).k(8);
    Recommendations plain = SERVE.recommend(b.build());
    Recommendations zero = SERVE.recommend(b.diversity(0).build());
    assertEquals(plain, zero);
    Recommendations diverse = SERVE.recommend(b.diversity(0.7).build());
    assertEquals(8, diverse.recommendations().size());
    assertEquals(plain.recommendations().get(0), diverse.recommendations().get(0), "the first pick is the best");
    assertTrue(meanPairwiseCosine(ids(diverse), unit) < meanPairwiseCosine(ids(plain), unit),
        ids(plain) + " vs " + ids(diverse));
    Set<String> rated = new HashSet<>();
    for (int i : TOY.model().trainingItems().items(2)) {
      rated.add("m" + i);
    }
    assertTrue(diverse.recommendations().stream().noneMatch(r -> rated.contains(r.movieId())));
    // a model without item vectors refuses diversity (ToyModel always has them: see FamiliesServeTest)
  }

  static double meanPairwiseCosine(List<String> ids, float[] unit) {
    double s = 0;
    int n = 0;
    for (int a = 0; a < ids.size(); a++) {
      for (int b = a + 1; b < ids.size(); b++) {
        int i = Integer.parseInt(ids.get(a).substring(1));
        int j = Integer.parseInt(ids.get(b).substring(1));
        s += org.cinerec.math.Vectors.dot(unit, i * 3, unit, j * 3, 3);
        n++;
      }
    }
    return s / n;
  }

  @Test
  void answersAreDeterministicFromManyThreads() throws Exception {
    RecommendRequest req = RecommendRequest.builder(Subject.anonymous(List.of(new MovieRating("m3", 5),
        new MovieRating("m8", 1), new MovieRating("m20", 4.5f)))).k(7).diversity(0.3).explain(true).build();
    Recommendations first = SERVE.recommend(req);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Recommendations>> runs = new ArrayList<>();
      for (int t = 0; t < 40; t++) {
        runs.add(pool.submit(() -> ToyModel.random(60, 8, 11, true).serving().recommend(req)));
        runs.add(pool.submit(() -> SERVE.recommend(req)));
      }
      for (Future<Recommendations> f : runs) {
        assertEquals(first, f.get());
      }
    } finally {
      pool.shutdownNow();
    }
    // the order ratings are given in does not matter
    RecommendRequest shuffled = RecommendRequest.builder(Subject.anonymous(List.of(new MovieRating("m20", 4.5f),
        new MovieRating("m3", 5), new MovieRating("m8", 1)))).k(7).diversity(0.3).explain(true).build();
    assertEquals(first, SERVE.recommend(shuffled));
  }

  @Test
  void anAnonymousHistoryIsFoldedInLeftOutAndNamedInReasons() {
    Catalog c = Catalog.builder()
        .add("Alien (1979)", 1979, new String[] {"Horror"}, null, null)
        .add("Aliens (1986)", 1986, new String[] {"Action"}, null, null)
        .add("Toy Story (1995)", 1995, new String[] {"Comedy"}, null, null)
        .add("Toy Story 2 (1999)", 1999, new String[] {"Comedy"}, null, null)
        .add("Heat (1995)", 1995, new String[] {"Action"}, null, null)
        .add("Ronin (1998)", 1998, new String[] {"Action"}, null, null)
        .build();
    float[][] v = {{0, 0, 1}, {0.1f, 0, 1}, {0, 1, 0}, {0, 1, -0.1f}, {1, 0, 0}, {1, 0.05f, 0.1f}};
    ServingModel s = ToyModel.of(v, c, true).serving();
    // loved Alien and Heat, hated Toy Story; "x9" is unknown to the model
    Recommendations r = s.recommend(RecommendRequest.builder(Subject.anonymous(List.of(new MovieRating("m0", 5),
        new MovieRating("m4", 4), new MovieRating("m2", 1), new MovieRating("x9", 3)))).k(3).explain(true).build());
    assertTrue(r.personal());
    assertNull(r.user());
    assertEquals(3, r.excludedRated());
    assertEquals(List.of("left out 1 rated movie the model does not know: x9"), r.notes());
    assertEquals(List.of("m1", "m5", "m3"), ids(r));
    RankedMovie aliens = r.recommendations().get(0);
    assertEquals("m0", aliens.reasons().get(0).movieId());
    assertEquals("because you rated Alien (1979) 5★", aliens.reasons().get(0).text());
    assertEquals(5f, aliens.reasons().get(0).rating());
    assertEquals("m4", r.recommendations().get(1).reasons().get(0).movieId());
    for (RankedMovie m : r.recommendations()) {
      for (Reason why : m.reasons()) {
        assertTrue(Set.of("m0", "m4").contains(why.movieId()), "a reason is a movie rated at or above the mean: "
            + why);
      }
      assertEquals(Math.min(5f, Math.max(1f, 3 + m.score())), m.predictedRating(), 1e-6f);
    }
    assertTrue(r.recommendations().get(2).reasons().isEmpty(), "Toy Story 2 resembles only the hated movie");
    // no reasons unless asked
    Recommendations quiet = s.recommend(RecommendRequest.builder(Subject.anonymous(List.of(new MovieRating("m0",
        5)))).k(3).build());
    assertTrue(quiet.recommendations().stream().allMatch(m -> m.reasons().isEmpty()));
    // a scored subject: the caller's scorer and history, as the service passes a stored user's
    History h = s.history(List.of(new MovieRating("m0", 5), new MovieRating("m4", 4), new MovieRating("m2", 1)))
        .history();
    Recommendations scored = s.recommend(RecommendRequest.builder(Subject.scored(s.model().foldIn(h), h, "ann"))
        .k(3).explain(true).build());
    assertEquals("ann", scored.user());
    assertEquals(r.recommendations(), scored.recommendations());
  }

  @Test
  void aTrainingUserGetsWhatTheModelGivesAndReasonsWithoutRatings() {
    for (int u = 0; u < 8; u++) {
      Recommendations r = SERVE.recommend(RecommendRequest.builder(Subject.user("u" + u)).k(10).explain(true)
          .build());
      var top = TOY.model().recommend(u, 10, TOY.model().trainingItems().filter());
      assertArrayEquals(top.items(), r.recommendations().stream().mapToInt(m -> TOY.model().items()
          .indexOf(m.movieId())).toArray());
      assertEquals(u > 0, r.personal());
      for (int k = 0; k < top.size(); k++) {
        assertEquals(top.scores()[k], r.recommendations().get(k).score());
        for (Reason why : r.recommendations().get(k).reasons()) {
          assertTrue(TOY.model().trainingItems().contains(u, TOY.model().items().indexOf(why.movieId())));
          assertNull(why.rating());
          assertFalse(why.text().contains("★"), why.text());
        }
      }
      if (u == 0) {
        assertEquals(List.of("user u0 has no training ratings: these are the model's non-personal fallback "
            + "recommendations"), r.notes());
      }
    }
    // a training user with ratings known from elsewhere: those are left out too, and reasons carry the ratings
    int[] training = TOY.model().trainingItems().items(3);
    int e = 0;
    while (TOY.model().trainingItems().contains(3, e) || !TOY.model().knowsItem(e)) {
      e++;
    }
    int extra = e;
    History known = History.of(new int[] {training[0], extra}, new float[] {5, 4});
    Recommendations r3 = SERVE.recommend(RecommendRequest.builder(Subject.user("u3", known)).k(59).explain(true)
        .build());
    assertEquals(training.length + 1, r3.excludedRated());
    assertTrue(r3.recommendations().stream().noneMatch(m -> m.movieId().equals("m" + extra)));
    boolean rated = false;
    for (RankedMovie m : r3.recommendations()) {
      for (Reason why : m.reasons()) {
        rated = true;
        assertTrue(Set.of("m" + training[0], "m" + extra).contains(why.movieId()), why.toString());
        assertEquals(why.movieId().equals("m" + extra) ? 4f : 5f, why.rating());
      }
    }
    assertTrue(rated, "some movie resembles a rated one");
    assertEquals(ids(SERVE.recommend(RecommendRequest.builder(Subject.user("u3")).k(5).build())).get(0),
        ids(SERVE.recommend(RecommendRequest.builder(Subject.user("u3", known)).k(5).build())).stream()
            .filter(id -> !id.equals("m" + extra)).findFirst().orElseThrow(), "scored as trained");
    Recommendations withRated = SERVE.recommend(RecommendRequest.builder(Subject.user("u1")).excludeRated(false)
        .k(60).build());
    assertEquals(60, withRated.recommendations().size());
    assertEquals(0, withRated.excludedRated());
  }

  @Test
  void similarMoviesLeaveOutTheMovieAndFilteredOnes() {
    int item = 0;
    while (!TOY.model().knowsItem(item)) {
      item++;
    }
    int it = item;
    SimilarMovies s = SERVE.similar(new SimilarRequest("m" + it, 6, 2, Filters.NONE.withYears(1995, 2005)));
    float[] sim = new float[60];
    TOY.model().similarItems(it, sim);
    Catalog c = TOY.catalog();
    List<String> expected = bruteForce(sim, i -> i != it && c.year(i) >= 1995 && c.year(i) <= 2005, 6, 2);
    assertEquals(expected, s.similar().stream().map(RankedMovie::movieId).toList());
    assertEquals("m" + it, s.movie().movieId());
    int cold = 0;
    while (TOY.model().knowsItem(cold)) {
      cold++;
    }
    String coldId = "m" + cold;
    fails(CinerecException.Kind.BAD_INPUT, () -> SERVE.similar(SimilarRequest.of(coldId, 3)));
    assertTrue(s.similar().stream().allMatch(m -> m.predictedRating() == null && m.reasons().isEmpty()));
    assertEquals(3, s.similar().get(0).rank());
  }

  @Test
  void predictionsForUsersAndHistoriesSayWhenTheyFallBack() {
    Prediction p = SERVE.predict(Subject.user("u1"), "m4");
    assertEquals(TOY.model().info().clip(TOY.model().predict(1, 4)), p.predictedRating());
    assertEquals(TOY.model().predict(1, 4), p.score());
    assertTrue(p.personal());
    assertTrue(p.notes().isEmpty());
    Prediction cold = SERVE.predict(Subject.user("u0"), "m4");
    assertFalse(cold.personal());
    assertEquals("m4", cold.movie().movieId());
    assertEquals(List.of("user u0 has no training ratings: the prediction falls back to the model's non-personal "
        + "estimate"), cold.notes());
    Prediction anon = SERVE.predict(Subject.anonymous(List.of(new MovieRating("m1", 5))), "m4");
    assertTrue(anon.personal());
    assertNull(anon.user());
    assertEquals(3 + 2 * TOY.model().score(Arrays.copyOfRange(TOY.model().itemVec, 3, 6), 4), anon.score(), 1e-6);
  }

  @Test
  void theJsonSchemaIsTheRecordsFields() throws Exception {
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    int known = TOY.model().trainingItems().items(1)[0];
    var r = json.readTree(json.writeValueAsString(SERVE.recommend(RecommendRequest.builder(Subject.anonymous(
        List.of(new MovieRating("m" + known, 5)))).k(2).explain(true).build())));
    assertEquals(List.of("model", "kind", "modelVersion", "user", "personal", "k", "offset", "diversity",
        "candidates", "excludedRated", "excludedDismissed", "notes", "recommendations"), fieldNames(r));
    assertEquals(List.of("rank", "movieId", "title", "year", "genres", "score", "predictedRating", "reasons"),
        fieldNames(r.get("recommendations").get(0)));
    assertEquals(List.of("movieId", "title", "rating", "similarity", "text"),
        fieldNames(r.get("recommendations").get(0).get("reasons").get(0)));
    assertEquals("toy-1", r.get("model").asText());
    assertEquals("v1", r.get("modelVersion").asText());
    assertTrue(r.get("user").isNull());
    var p = json.readTree(json.writeValueAsString(SERVE.predict(Subject.user("u1"), "m2")));
    assertEquals(List.of("model", "kind", "modelVersion", "user", "movie", "score", "predictedRating", "personal",
        "userHasTrainingRatings", "movieHasTrainingRatings", "fallback", "notes"), fieldNames(p));
    assertEquals(List.of("movieId", "title", "year", "genres"), fieldNames(p.get("movie")));
  }

  @Test
  void withAPriorAnEmptyHistoryIsRankedByTrainingPopularityAndALongOneByTheModel() {
    ServingModel plain = SERVE;
    ServingModel withPrior = SERVE.withPrior(new PopularityPrior.Schedule(1, 3));
    assertTrue(plain.prior().isOff());
    assertEquals(new PopularityPrior.Schedule(1, 3), withPrior.prior().schedule());
    int items = TOY.model().items().size();
    int[] raters = TOY.model().trainingItems().raters(items);
    float[] pop = new float[items];
    for (int i = 0; i < items; i++) {
      pop[i] = raters[i];
    }
    Recommendations cold = withPrior.recommend(RecommendRequest.builder(Subject.anonymous(List.of())).k(8).build());
    assertEquals(bruteForce(pop, i -> true, 8, 0), ids(cold));
    assertFalse(cold.personal());
    // three ratings: w(3) = 1 · (1 − 3/3) = 0, exactly the model's list
    List<MovieRating> three = List.of(new MovieRating("m3", 5), new MovieRating("m9", 1), new MovieRating("m20", 4));
    assertEquals(plain.recommend(RecommendRequest.builder(Subject.anonymous(three)).k(8).build()),
        withPrior.recommend(RecommendRequest.builder(Subject.anonymous(three)).k(8).build()));
    // one rating: a blend, the same every time, predictions still the model's
    List<MovieRating> one = List.of(new MovieRating("m3", 5));
    Recommendations blended = withPrior.recommend(RecommendRequest.builder(Subject.anonymous(one)).k(8).build());
    assertEquals(blended, withPrior.recommend(RecommendRequest.builder(Subject.anonymous(one)).k(8).build()));
    assertTrue(blended.notes().contains("ranked with a prior toward popularity (1,3): popularity weighs 0.67 of each "
        + "score after 1 rating"), blended.notes().toString());
    Recommendations model = plain.recommend(RecommendRequest.builder(Subject.anonymous(one)).k(items).build());
    for (RankedMovie m : blended.recommendations()) {
      RankedMovie same = model.recommendations().stream().filter(x -> x.movieId().equals(m.movieId())).findFirst()
          .orElseThrow();
      assertEquals(same.predictedRating(), m.predictedRating());
    }
    History h = withPrior.history(one).history();
    float[] viaFoldIn = new float[items];
    withPrior.foldIn(h).scoreItems(viaFoldIn);
    float[] byHand = new float[items];
    withPrior.prior().apply(TOY.model().foldIn(h), 1).scoreItems(byHand);
    assertArrayEquals(byHand, viaFoldIn);
  }

  static List<String> fieldNames(com.fasterxml.jackson.databind.JsonNode n) {
    List<String> out = new ArrayList<>();
    n.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
