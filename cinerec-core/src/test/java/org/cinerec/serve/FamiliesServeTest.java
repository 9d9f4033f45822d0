package org.cinerec.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.cinerec.CinerecException;
import org.cinerec.Progress;
import org.cinerec.data.Dataset;
import org.cinerec.model.ModelFamilies;
import org.cinerec.model.RatedItems;
import org.cinerec.model.Recommender;
import org.cinerec.model.ScoredItems;
import org.cinerec.synth.Preset;
import org.cinerec.synth.SyntheticData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The serving path over real families on small synthetic data: a training user gets exactly the model's own
 * {@code recommend} with training movies left out; what a family cannot do (similarity, diversity, fold-in
 * not written yet) is bad input saying so.
 */
class FamiliesServeTest {
  static Dataset data;

  @BeforeAll
  static void data() {
    data = SyntheticData.generate(Preset.TINY.resized("serve", 100, 300, 5_000), 3, Progress.NONE);
  }

  static ServingModel serve(String kind) {
    Recommender m = ModelFamilies.trainer(kind, Map.of()).fit(data);
    return ServingModel.of(kind + ".cinerec", ServingModel.defaultVersion(m), m, data.catalog());
  }

  @ParameterizedTest
  @ValueSource(strings = {"popularity", "itemknn", "mf", "ease", "bpmf", "blend"})
  void aTrainingUserGetsTheModelsOwnTopKWithTrainingMoviesLeftOut(String kind) {
    ServingModel s = serve(kind);
    Recommender m = s.model();
    for (int u = 0; u < 100; u += 9) {
      ScoredItems top = m.recommend(u, 10, ((RatedItems) m).trainingItems().filter());
      Recommendations r = s.recommend(RecommendRequest.builder(Subject.user(m.users().id(u))).explain(true).build());
      assertArrayEquals(top.items(), r.recommendations().stream().mapToInt(x -> m.items().indexOf(x.movieId()))
          .toArray(), kind + " user " + u);
      assertEquals(((RatedItems) m).trainingItems().count(u), r.excludedRated());
      if (!m.hasItemSimilarity()) {
        assertTrue(r.recommendations().stream().allMatch(x -> x.reasons().isEmpty()), kind + " gives no reasons");
      }
    }
    Recommendations any = s.recommend(RecommendRequest.builder(Subject.user(m.users().id(4))).k(50).explain(true)
        .build());
    if (m.hasItemSimilarity()) {
      assertTrue(any.recommendations().stream().anyMatch(x -> !x.reasons().isEmpty()), kind + " explains");
    }
  }

  /** What {@code cinerec evaluate --diversity} measures is the list the service shows: the same movies, in order. */
  @ParameterizedTest
  @ValueSource(strings = {"ials", "bpr", "multitask"})
  void theEvaluatorsDiversityListsAreTheServicesLists(String kind) {
    ServingModel s = serve(kind);
    Recommender m = s.model();
    int n = m.items().size();
    org.cinerec.model.ItemEmbeddings e = (org.cinerec.model.ItemEmbeddings) m;
    float[] unit = org.cinerec.math.Mmr.unitRows(e.itemEmbeddings(), e.embeddingDim());
    int[] everyMovie = new int[n];
    float[] liked = new float[n];
    for (int i = 0; i < n; i++) {
      everyMovie[i] = i;
      liked[i] = 5;
    }
    for (double lambda : new double[] {0.25, 0.75}) {
      org.cinerec.eval.UserRanking ranking = new org.cinerec.eval.UserRanking(new org.cinerec.eval.EvalOptions(
          new int[] {10}, new int[] {1}, Double.NaN, false, true).withDiversity(lambda), new int[n], null, unit,
          e.embeddingDim());
      float[] scores = new float[n];
      for (int u = 0; u < 100; u += 11) {
        Recommendations r = s.recommend(RecommendRequest.builder(Subject.user(m.users().id(u))).diversity(lambda)
            .build());
        int[] served = r.recommendations().stream().mapToInt(x -> m.items().indexOf(x.movieId())).toArray();
        // every movie relevant: the evaluator's best ranks say which movies it listed, and where
        m.scoreItems(u, scores);
        int[] trained = ((RatedItems) m).trainingItems().items(u);
        int[] first = org.cinerec.eval.RankingTotals.firstRanks(n);
        ranking.rank(scores, trained, trained.length, everyMovie, liked, n, false, first);
        int[] listed = new int[served.length];
        int count = 0;
        for (int i = 0; i < n; i++) {
          if (first[i] != Integer.MAX_VALUE) {
            listed[first[i]] = i;
            count++;
          }
        }
        assertEquals(served.length, count, kind + " user " + u + " λ " + lambda);
        assertArrayEquals(served, listed, kind + " user " + u + " λ " + lambda);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"popularity", "itemknn", "ease"})
  void diversityNeedsItemVectors(String kind) {
    ServingModel s = serve(kind);
    CinerecException e = assertThrows(CinerecException.class, () -> s.recommend(RecommendRequest
        .builder(Subject.user(s.model().users().id(1))).diversity(0.5).build()));
    assertEquals(CinerecException.Kind.BAD_INPUT, e.kind());
    assertTrue(e.getMessage().startsWith("diversity needs item vectors, and the " + kind + " model has none"),
        e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"popularity", "baseline"})
  void similarOnAModelWithoutSimilarityIsBadInput(String kind) {
    ServingModel s = serve(kind);
    CinerecException e = assertThrows(CinerecException.class, () -> s.similar(SimilarRequest.of(
        s.model().items().id(0), 5)));
    assertEquals(CinerecException.Kind.BAD_INPUT, e.kind());
  }

  @ParameterizedTest
  @ValueSource(strings = {"mf", "multitask", "ease", "itemknn", "bpmf", "blend"})
  void anonymousHistoriesAreFoldedInOrRefusedAsNotSupportedYet(String kind) {
    ServingModel s = serve(kind);
    List<MovieRating> h = List.of(new MovieRating(s.model().items().id(0), 5),
        new MovieRating(s.model().items().id(1), 2));
    Recommendations r;
    try {
      double diversity = s.model() instanceof org.cinerec.model.ItemEmbeddings ? 0.2 : 0;
      r = s.recommend(RecommendRequest.builder(Subject.anonymous(h)).k(5).diversity(diversity).explain(true)
          .build());
    } catch (CinerecException e) {
      assertEquals(CinerecException.Kind.BAD_INPUT, e.kind());
      assertTrue(e.getMessage().contains("not supported yet"), e.getMessage());
      return;
    }
    assertEquals(5, r.recommendations().size());
    assertTrue(r.personal(), kind);
    assertTrue(r.recommendations().stream().noneMatch(x -> x.movieId().equals(h.get(0).movieId())));
  }

  @org.junit.jupiter.api.Test
  void aPosteriorMeanComesWithItsSpreadAndOtherPredictionsWithout() throws Exception {
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    ServingModel bpmf = serve("bpmf");
    org.cinerec.model.TrainingItems rated = ((RatedItems) bpmf.model()).trainingItems();
    int most = 0;
    for (int u = 1; u < bpmf.model().users().size(); u++) {
      most = rated.count(u) > rated.count(most) ? u : most;
    }
    String user = bpmf.model().users().id(most); // the user the model knows best
    Prediction p = bpmf.predict(Subject.user(user), bpmf.model().items().id(0));
    assertTrue(p.spread() != null && p.spread() > 0 && p.spread() < 5, "spread " + p.spread());
    assertTrue(json.writeValueAsString(p).contains("\"spread\":" + p.spread()), json.writeValueAsString(p));
    // a new user with one rating is less certain than a training user, on the same movie
    Prediction folded = bpmf.predict(Subject.anonymous(List.of(new MovieRating(bpmf.model().items().id(1), 4))),
        bpmf.model().items().id(0));
    assertTrue(folded.spread() > p.spread(), folded.spread() + " vs " + p.spread());
    ServingModel mf = serve("mf");
    Prediction q = mf.predict(Subject.user(user), mf.model().items().id(0));
    assertEquals(null, q.spread());
    assertTrue(!json.writeValueAsString(q).contains("spread"), json.writeValueAsString(q));
  }
}
