package org.cinerec.modeltest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.cinerec.Progress;
import org.cinerec.data.CsrIndex;
import org.cinerec.data.Dataset;
import org.cinerec.data.Ratings;
import org.cinerec.math.Rng;
import org.cinerec.math.TopK;
import org.cinerec.model.History;
import org.cinerec.model.ItemFilter;
import org.cinerec.model.ModelFamilies;
import org.cinerec.model.ModelFamily;
import org.cinerec.model.Recommender;
import org.cinerec.model.ScoredItems;
import org.cinerec.model.UserScorer;
import org.cinerec.split.Split;
import org.cinerec.split.SplitSpec;
import org.cinerec.synth.Preset;
import org.cinerec.synth.SyntheticData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one contract every registered model family is held to, on the same synthetic data (taste groups,
 * so a personal model has something to find): model-file round trip, determinism for a seed, results
 * independent of the thread count, scoring from many threads at once, unknown ids, top-K edge cases,
 * exclusions, and fold-in ({@link Recommender#foldIn}). A new family is checked by registering it.
 */
class ModelContractTest {
  /** Families whose fold-in is not written yet; this list only shrinks. */
  private static final Set<String> FOLD_IN_PENDING = Set.of();
  /** Families whose multi-threaded training may differ from one thread within a tolerance (documented). */
  private static final Set<String> THREADS_WITHIN_TOLERANCE = Set.of("multitask");

  @TempDir
  static Path dir;
  static Dataset data;
  static Split split;
  static Dataset train;
  static final Map<String, Recommender> MODELS = new HashMap<>();

  @BeforeAll
  static void data() {
    data = SyntheticData.generate(Preset.TINY.resized("contract", 200, 600, 12_000), 7, Progress.NONE);
    split = SplitSpec.parse("random:0.2:7").apply(data);
    train = split.trainSet(data);
  }

  /**
   * Settings of a family whose fit takes another code path than its defaults, held to the same contract, as
   * {@code kind:name=value}: EASE with time adjacency (the item Gram form, which the contract data's defaults do not
   * take: fewer users than movies).
   */
  private static final List<String> VARIANTS = List.of("ease:adjacency=5");

  static Stream<String> families() {
    return Stream.concat(ModelFamilies.all().stream().map(ModelFamily::kind), VARIANTS.stream());
  }

  /** Small settings so the whole contract runs in seconds; everything else at its default or the variant's. */
  static Map<String, String> params(String kind, int threads) {
    Map<String, String> p = new HashMap<>();
    ModelFamily f = ModelFamilies.get(kind);
    if (f.params().has("threads")) {
      p.put("threads", Integer.toString(threads));
    }
    if (kind.equals("multitask")) {
      p.put("epochs", "4");
    }
    return p;
  }

  static Recommender fit(String label, int threads) {
    return ModelFamilies.trainerOf(label, params(ModelFamilies.kindOf(label), threads)).fit(train);
  }

  static Recommender model(String kind) {
    synchronized (MODELS) {
      return MODELS.computeIfAbsent(kind, k -> fit(k, 1));
    }
  }

  static float[] scores(UserScorer s, int n) {
    float[] out = new float[n];
    s.scoreItems(out);
    return out;
  }

  @ParameterizedTest
  @MethodSource("families")
  void aSavedModelLoadsBackAndAnswersTheSame(String kind) {
    ModelChecks.roundTrip(model(kind), data, dir);
  }

  @ParameterizedTest
  @MethodSource("families")
  void theSameSeedGivesTheSameModel(String kind) {
    Recommender a = model(kind);
    Recommender b = fit(kind, 1);
    for (int u = -1; u < a.users().size(); u += 7) {
      assertArrayEquals(scores(a.scorer(u), a.items().size()), scores(b.scorer(u), b.items().size()), "user " + u);
    }
  }

  @ParameterizedTest
  @MethodSource("families")
  void theThreadCountDoesNotChangeTheModel(String kind) {
    Recommender one = model(kind);
    Recommender two = fit(kind, 2);
    int n = one.items().size();
    for (int u = 0; u < one.users().size(); u += 5) {
      float[] a = scores(one.scorer(u), n);
      float[] b = scores(two.scorer(u), n);
      if (THREADS_WITHIN_TOLERANCE.contains(kind)) {
        double d = 0;
        double s = 0;
        for (int i = 0; i < n; i++) {
          d += (a[i] - b[i]) * (a[i] - b[i]);
          s += a[i] * a[i];
        }
        assertTrue(d <= 1e-2 * s, kind + " user " + u + ": relative squared difference " + d / s);
      } else {
        assertArrayEquals(a, b, kind + " user " + u);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("families")
  void scoringFromManyThreadsAtOnceGivesWhatOneThreadGives(String kind) throws Exception {
    Recommender m = model(kind);
    int n = m.items().size();
    int users = m.users().size();
    float[][] expected = new float[users][];
    for (int u = 0; u < users; u++) {
      expected[u] = scores(m.scorer(u), n);
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int offset = t;
        done.add(pool.submit(() -> {
          for (int round = 0; round < 3; round++) {
            for (int u = offset; u < users; u += 2) {
              assertArrayEquals(expected[u], scores(m.scorer(u), n), "user " + u);
              assertEquals(m.predict(u, u % n), m.scorer(u).predict(u % n));
            }
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @ParameterizedTest
  @MethodSource("families")
  void unknownUsersAndMoviesGetTheFallbackNotAnError(String kind) {
    Recommender m = model(kind);
    float[] s = scores(m.scorer(-1), m.items().size());
    for (float x : s) {
      assertTrue(Float.isFinite(x), "fallback scores are finite");
    }
    assertFalse(m.knowsUser(-1));
    assertFalse(m.scorer(-1).personal());
    assertTrue(Float.isFinite(m.predict(-1, -1)));
    assertTrue(Float.isFinite(m.predict(0, -1)));
    assertTrue(Float.isFinite(m.predict(-1, 0)));
  }

  @ParameterizedTest
  @MethodSource("families")
  void topKHandlesZeroOneAllAndMoreThanAllAndNeverReturnsAnExcludedMovie(String kind) {
    Recommender m = model(kind);
    int n = m.items().size();
    ItemFilter rated = ItemFilter.rated(train.ratings());
    CsrIndex byUser = train.ratings().byUser();
    for (int u : new int[] {0, 1, m.users().size() - 1}) {
      int seen = byUser.count(u);
      assertEquals(0, m.recommend(u, 0, rated).size());
      assertEquals(1, m.recommend(u, 1, rated).size());
      ScoredItems all = m.recommend(u, n + 5, rated);
      assertEquals(n - seen, all.size(), "every movie the user has not rated, once");
      Set<Integer> ratedItems = new java.util.HashSet<>();
      for (int p = byUser.start(u); p < byUser.end(u); p++) {
        ratedItems.add(train.ratings().item(byUser.positions()[p]));
      }
      for (int k = 0; k < all.size(); k++) {
        assertFalse(ratedItems.contains(all.items()[k]), "a rated movie was recommended");
        if (k > 0) {
          assertTrue(all.scores()[k - 1] >= all.scores()[k], "best first");
        }
      }
      assertEquals(n, m.recommend(u, n, null).size());
    }
  }

  // ---- fold-in

  /** The user's training ratings as a history, in the model's item indices. */
  static History history(int user, Ratings r) {
    CsrIndex byUser = r.byUser();
    int[] items = new int[byUser.count(user)];
    float[] ratings = new float[items.length];
    for (int p = byUser.start(user), k = 0; p < byUser.end(user); p++, k++) {
      items[k] = r.item(byUser.positions()[p]);
      ratings[k] = r.rating(byUser.positions()[p]);
    }
    return History.of(items, ratings);
  }

  static boolean foldInWritten(String kind) {
    return !FOLD_IN_PENDING.contains(kind);
  }

  @ParameterizedTest
  @MethodSource("families")
  void predictingEveryMovieAtOnceGivesWhatOneAtATimeGives(String kind) {
    Recommender m = model(kind);
    int n = m.items().size();
    float[] all = new float[n];
    for (int u = -1; u < m.users().size(); u += 5) {
      UserScorer s = m.scorer(u);
      s.predictItems(all);
      for (int i = 0; i < n; i++) {
        assertEquals(s.predict(i), all[i], 1e-5f, kind + " user " + u + " movie " + i);
      }
    }
    if (foldInWritten(kind)) {
      UserScorer s = m.foldIn(history(3, train.ratings()));
      s.predictItems(all);
      for (int i = 0; i < n; i++) {
        assertEquals(s.predict(i), all[i], 1e-5f, kind + " folded-in movie " + i);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("families")
  void anEmptyHistoryFoldsInToTheFallback(String kind) {
    org.junit.jupiter.api.Assumptions.assumeTrue(foldInWritten(kind), kind + ": fold-in pending");
    Recommender m = model(kind);
    UserScorer s = m.foldIn(History.EMPTY);
    assertFalse(s.personal());
    assertArrayEquals(scores(m.scorer(-1), m.items().size()), scores(s, m.items().size()));
  }

  /**
   * A model lists the user attributes its fold-in takes; one that lists none folds a user in exactly as if she
   * had told nothing (the attributes are for {@code multitask --user-features}: MultitaskAttributesFoldInTest).
   */
  @ParameterizedTest
  @MethodSource("families")
  void attributesAModelDoesNotUseChangeNothing(String kind) {
    org.junit.jupiter.api.Assumptions.assumeTrue(foldInWritten(kind), kind + ": fold-in pending");
    Recommender m = model(kind);
    assertEquals(java.util.Map.of(), m.userAttributes(), kind + ": the contract's data has no user attributes");
    int n = m.items().size();
    java.util.Map<String, String> told = java.util.Map.of("age", "34", "gender", "F");
    History h = history(3, train.ratings());
    assertArrayEquals(scores(m.foldIn(h), n), scores(m.foldIn(h, told), n), kind);
    assertArrayEquals(scores(m.foldIn(History.EMPTY), n), scores(m.foldIn(History.EMPTY, told), n), kind);
  }

  @ParameterizedTest
  @MethodSource("families")
  void foldInDependsOnlyOnTheHistoryWhateverItsOrderAndWhicheverThread(String kind) throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(foldInWritten(kind), kind + ": fold-in pending");
    Recommender m = model(kind);
    int n = m.items().size();
    History h = history(3, train.ratings());
    int[] items = h.items();
    float[] ratings = h.ratings();
    Rng rng = new Rng(11);
    for (int k = items.length - 1; k > 0; k--) { // the same ratings given in another order
      int j = rng.nextInt(k + 1);
      int ti = items[k];
      items[k] = items[j];
      items[j] = ti;
      float tr = ratings[k];
      ratings[k] = ratings[j];
      ratings[j] = tr;
    }
    float[] a = scores(m.foldIn(h), n);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      float[] b = pool.submit(() -> scores(m.foldIn(History.of(items, ratings)), n)).get();
      assertArrayEquals(a, b);
    } finally {
      pool.shutdownNow();
    }
    UserScorer s = m.foldIn(h);
    assertTrue(s.personal());
    for (int i = -1; i < n; i += 13) {
      assertTrue(Float.isFinite(s.predict(i)), "predict(" + i + ")");
    }
  }

  @ParameterizedTest
  @MethodSource("families")
  void aFoldedInHistoryRanksTheUsersHeldOutMoviesBetterThanTheFallback(String kind) {
    org.junit.jupiter.api.Assumptions.assumeTrue(foldInWritten(kind), kind + ": fold-in pending");
    // users of the test part folded in from their training ratings, as a new user would be after rating
    // them; their test movies are what they went on to rate
    Recommender m = model(kind);
    int n = m.items().size();
    Ratings test = split.test();
    CsrIndex testByUser = test.byUser();
    double folded = 0;
    double fallback = 0;
    int users = 0;
    float[] base = scores(m.scorer(-1), n);
    for (int u = 0; u < m.users().size(); u++) {
      if (testByUser.count(u) == 0 || train.ratings().byUser().count(u) == 0) {
        continue;
      }
      History h = history(u, train.ratings());
      if (!m.ranksPersonally()) { // then neither a training user nor a history may change the order
        assertArrayEquals(TopK.select(base, 20), TopK.select(scores(m.foldIn(h), n), 20), kind + " user " + u);
        assertArrayEquals(TopK.select(base, 20), TopK.select(scores(m.scorer(u), n), 20), kind + " user " + u);
        users++;
        continue;
      }
      folded += hitsAt20(scores(m.foldIn(h), n), h, test, testByUser, u);
      fallback += hitsAt20(base.clone(), h, test, testByUser, u);
      users++;
    }
    assertTrue(users > 100, "users: " + users);
    assertTrue(folded > fallback || !m.ranksPersonally(), kind + ": held-out movies in the top 20, folded in "
        + folded + " against " + fallback + " for the fallback, over " + users + " users");
  }

  /** How many of the user's test movies are in the top 20 of these scores, the history's movies left out. */
  private static int hitsAt20(float[] s, History h, Ratings test, CsrIndex byUser, int u) {
    for (int k = 0; k < h.size(); k++) {
      s[h.item(k)] = Float.NEGATIVE_INFINITY;
    }
    int[] top = TopK.select(s, 20);
    Set<Integer> want = new java.util.HashSet<>();
    for (int p = byUser.start(u); p < byUser.end(u); p++) {
      want.add(test.item(byUser.positions()[p]));
    }
    int hits = 0;
    for (int i : top) {
      hits += want.contains(i) ? 1 : 0;
    }
    return hits;
  }
}
