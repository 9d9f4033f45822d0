package org.cinerec.model.neural;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cinerec.CinerecException;
import org.cinerec.Progress;
import org.cinerec.data.Catalog;
import org.cinerec.data.Dataset;
import org.cinerec.eval.EvalOptions;
import org.cinerec.eval.EvaluationReport;
import org.cinerec.eval.Evaluator;
import org.cinerec.math.Rng;
import org.cinerec.model.ModelFamilies;
import org.cinerec.model.ModelFiles;
import org.cinerec.model.Recommender;
import org.cinerec.model.content.Features;
import org.cinerec.split.Split;
import org.cinerec.split.SplitSpec;
import org.cinerec.synth.Preset;
import org.cinerec.synth.SyntheticData;
import org.cinerec.train.Optimizer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two-tower model with movie features: gradients of the feature embeddings, the composed rows, the
 * file, and what features are for: ranking movies nobody rated (item cold start) on data whose taste
 * follows genres.
 */
class MultitaskFeaturesTest {
  static Dataset data;
  static Split split;
  static Dataset train;

  @BeforeAll
  static void data() {
    data = SyntheticData.generate(Preset.TINY.resized("features", 300, 800, 20_000), 11, Progress.NONE);
    split = SplitSpec.parse("items:0.2:11").apply(data);
    train = split.trainSet(data);
  }

  /** The multitask parameters of these tests (one thread, 8 epochs) with {@code kv} pairs on top. */
  static Map<String, String> params(String... kv) {
    Map<String, String> p = new HashMap<>();
    p.put("threads", "1");
    p.put("epochs", "8");
    for (int k = 0; k < kv.length; k += 2) {
      p.put(kv[k], kv[k + 1]);
    }
    return p;
  }

  /**
   * Analytic gradients of the feature embeddings (read off one SGD step with learning rate 1: w - w' = g)
   * against central differences of the double reference on the composed tables.
   */
  @Test
  void featureEmbeddingGradientsMatchFiniteDifferences() {
    Map<String, String> given = new HashMap<>();
    given.put("preset", "notebook");
    given.put("embedding-dim", "3");
    given.put("layers", "5,4");
    given.put("threads", "1");
    given.put("logq", "true");
    MultitaskConfig cfg = MultitaskConfig.of(MultitaskFamily.SPEC.parse(given));
    Mlp mlp = Mlp.forEmbeddings(cfg.dim(), cfg.layers(), cfg.activation());
    int d = cfg.dim();
    Catalog cat = Catalog.builder().add("Star Wars (1977)", 1977, new String[] {"Sci-Fi", "Action"}, null, null)
        .add("Star Trek (1979)", 1979, new String[] {"Sci-Fi"}, null, null)
        .add("Heat (1995)", 1995, new String[] {"Crime", "Action"}, null, null)
        .add("Alien (1979)", 1979, new String[] {"Horror", "Sci-Fi"}, null, null)
        .add("Fargo (1996)", 1996, new String[0], null, null).build();
    Features f = Features.ofMovies(cat, List.of("genres", "year", "title"), 2);
    int nu = 4;
    int ni = 5;
    Rng rng = new Rng(20261204L);
    float[] ut = new float[(nu + 1) * d];
    float[] it = new float[(ni + 1) * d];
    float[] theta = new float[mlp.numParams()];
    rng.fillUniform(ut, -1, 1);
    rng.fillUniform(it, -1, 1);
    rng.fillUniform(theta, -0.8, 0.8);
    int[] users = {0, 1, 2, 1, 3, 0, 2};
    int[] items = {0, 1, 2, 3, 4, 1, 0};
    float[] ratings = {4f, 3.5f, 1f, 5f, 2f, 0.5f, 3f};
    int n = users.length;
    float[] logq = MultitaskGradientTest.logq(ni, ni + 1);
    FeatureTower tower = new FeatureTower(f, ni + 1, d, n, 0, new Rng(3), new Rng(4));
    rng.fillUniform(tower.featureEmb, -1, 1);
    float[] featBefore = tower.featureEmb.clone();
    BatchStep step = new BatchStep(cfg, mlp, n);
    step.itemTower = tower;
    step.run(ut, it, theta, users, items, ratings, n, logq);
    double stepLoss = step.loss();
    Optimizer sgd = MultitaskGradientTest.unitSgd();
    float[] itAfter = it.clone();
    tower.apply(sgd, itAfter, sgd.newState(it.length), sgd.newState(featBefore.length), items, step.dm, n);
    float[] gFeat = MultitaskGradientTest.stepped(featBefore, tower.featureEmb);
    float[] gId = MultitaskGradientTest.stepped(it, itAfter);

    DoubleReference ref = DoubleReference.of(cfg, mlp, logq, ni + 1);
    double[] dut = MultitaskGradientTest.toDouble(ut);
    double[] dth = MultitaskGradientTest.toDouble(theta);
    double[] dfe = MultitaskGradientTest.toDouble(featBefore);
    double[] did = MultitaskGradientTest.toDouble(it);
    java.util.function.DoubleSupplier loss = () -> ref.loss(dut, composed(did, f, dfe, d), dth, users, items,
        ratings, n);
    assertEquals(loss.getAsDouble(), stepLoss, 1e-5 * Math.max(1, Math.abs(stepLoss)), "loss on composed rows");
    MultitaskGradientTest.check("feature embeddings", gFeat, dfe, loss);
    MultitaskGradientTest.check("movie id embeddings", gId, did, loss);
  }

  /** {@code E + Σ w F} per movie row in doubles (the OOV row: E alone). */
  private static double[] composed(double[] id, Features f, double[] fe, int d) {
    double[] out = id.clone();
    for (int r = 0; r < f.rows(); r++) {
      for (int e = f.start(r); e < f.end(r); e++) {
        for (int j = 0; j < d; j++) {
          out[r * d + j] += f.weight(e) * fe[f.id(e) * d + j];
        }
      }
    }
    return out;
  }

  /**
   * The pooled history ({@code --user-features history}): analytic gradients of the pooled-movie embedding
   * P and of the user ids (one SGD step, learning rate 1) against central differences of the double
   * reference on per-row user vectors {@code U[u_b] + mean of P over H(u_b) less the row's movie}.
   * The pools cover each case: the target in its pool (left out), its only movie (nothing pooled), a
   * movie not in the pool (all pooled), a user with no pool; with movie features on the other tower.
   */
  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
  void pooledHistoryGradientsMatchFiniteDifferences(boolean shared) {
    Map<String, String> given = new HashMap<>();
    given.put("preset", "notebook");
    given.put("embedding-dim", "3");
    given.put("layers", "5,4");
    given.put("threads", "1");
    given.put("logq", "true");
    given.put("l2", "0.01");
    given.put("user-features", "history");
    MultitaskConfig cfg = MultitaskConfig.of(MultitaskFamily.SPEC.parse(given));
    assertTrue(cfg.history() && cfg.userFeatures().isEmpty() && cfg.historySize() == 50);
    Mlp mlp = Mlp.forEmbeddings(cfg.dim(), cfg.layers(), cfg.activation());
    int d = cfg.dim();
    int nu = 4;
    int ni = 5;
    Rng rng = new Rng(20261205L);
    float[] ut = new float[(nu + 1) * d];
    float[] it = new float[(ni + 1) * d];
    float[] theta = new float[mlp.numParams()];
    rng.fillUniform(ut, -1, 1);
    rng.fillUniform(it, -1, 1);
    rng.fillUniform(theta, -0.8, 0.8);
    // pools: user 0 {0, 1, 2}, user 1 {1, 3}, user 2 {2}, user 3 none
    int[] offsets = {0, 3, 5, 6, 6};
    int[] pooled = {0, 1, 2, 1, 3, 2};
    float[] p = new float[ni * d];
    rng.fillUniform(p, -1, 1);
    // shared (--history-table movie): P is the movie id table, updated by both paths
    float[] itLive = it.clone();
    HistoryPool pool = shared ? new HistoryPool(50, d, offsets, pooled, itLive, true)
        : new HistoryPool(50, d, offsets, pooled, p.clone());
    int[] users = {0, 1, 2, 1, 3, 0, 2, 4};
    int[] items = {0, 1, 2, 3, 4, 1, 0, 2};
    float[] ratings = {4f, 3.5f, 1f, 5f, 2f, 0.5f, 3f, 4.5f};
    int n = users.length;
    float[] logq = MultitaskGradientTest.logq(ni, ni + 1);
    BatchStep step = new BatchStep(cfg, mlp, n);
    step.pool = pool;
    step.run(ut, itLive, theta, users, items, ratings, n, logq);
    double stepLoss = step.loss();
    Optimizer sgd = MultitaskGradientTest.unitSgd();
    pool.apply(sgd, sgd.newState(pool.emb.length), users, step.du, n);
    if (shared) { // the movie side's own gradient too: with SGD the two updates add up to the total gradient
      new MultitaskTrainer.SparseRows(ni + 1, n, d).apply(sgd, itLive, sgd.newState(it.length), items, step.dm, n);
    }
    float[] utAfter = ut.clone();
    new MultitaskTrainer.SparseRows(nu + 1, n, d).apply(sgd, utAfter, sgd.newState(ut.length), users, step.du, n);
    float[] before = shared ? it : p;
    float[] gPool = MultitaskGradientTest.stepped(before, pool.emb);
    float[] gUser = MultitaskGradientTest.stepped(ut, utAfter);

    DoubleReference ref = DoubleReference.of(cfg, mlp, logq, ni + 1);
    double[] dut = MultitaskGradientTest.toDouble(ut);
    double[] dit = MultitaskGradientTest.toDouble(it);
    double[] dth = MultitaskGradientTest.toDouble(theta);
    double[] dp = shared ? dit : MultitaskGradientTest.toDouble(p);
    int[] rowIds = new int[n];
    java.util.Arrays.setAll(rowIds, b -> b);
    java.util.function.DoubleSupplier loss = () -> {
      double[] rows = new double[n * d]; // per batch row: U[u] + mean P over H(u) less the row's movie
      for (int b = 0; b < n; b++) {
        int u = users[b];
        int c = 0;
        double[] s = new double[d];
        for (int q = u < nu ? offsets[u] : 0; u < nu && q < offsets[u + 1]; q++) {
          if (pooled[q] != items[b]) {
            c++;
            for (int j = 0; j < d; j++) {
              s[j] += dp[pooled[q] * d + j];
            }
          }
        }
        for (int j = 0; j < d; j++) {
          rows[b * d + j] = dut[u * d + j] + (c == 0 ? 0 : s[j] / c);
        }
      }
      return ref.loss(rows, dit, dth, rowIds, items, ratings, n);
    };
    assertEquals(loss.getAsDouble(), stepLoss, 1e-5 * Math.max(1, Math.abs(stepLoss)), "loss on pooled rows");
    MultitaskGradientTest.check(shared ? "movie id embeddings (pooled and scored)" : "pooled-movie embeddings",
        gPool, dp, loss);
    MultitaskGradientTest.check("user id embeddings", gUser, dut, loss);
    for (int j = 0; j < d && !shared; j++) { // movie 4 is in no pool: no gradient, no update
      assertEquals(0f, gPool[4 * d + j], "movie 4 is pooled by nobody");
    }
  }

  /** The pools: each user's N most recent training movies (ties by movie), in movie order. */
  @Test
  void thePoolIsEachUsersMostRecentMoviesInMovieOrder() {
    org.cinerec.data.Ratings r = new org.cinerec.data.Ratings(new int[] {0, 0, 0, 1, 0}, new int[] {4, 1, 2, 2, 3},
        new float[] {1, 2, 3, 4, 5}, new int[] {30, 10, 20, 5, 10}, 2, 5);
    HistoryPool two = HistoryPool.build(r, new int[] {0, 1, 2, 3, 4}, 2, 5, 2, 2, new Rng(1));
    assertArrayEquals(new int[] {0, 2, 3}, two.offsets);
    assertArrayEquals(new int[] {2, 4, 2}, two.items);
    HistoryPool three = HistoryPool.build(r, new int[] {0, 1, 2, 3, 4}, 2, 5, 3, 2, new Rng(1));
    assertArrayEquals(new int[] {1, 2, 4}, three.pool(0), "ties at t=10: the lower movie index first");
    HistoryPool all = HistoryPool.build(r, new int[] {0, 1, 2, 4}, 2, 5, 0, 2, new Rng(1));
    assertArrayEquals(new int[] {1, 2, 3, 4}, all.pool(0));
    assertArrayEquals(new int[0], all.pool(1), "only the rows given are pooled");
  }

  @Test
  void aPooledHistoryRoundTripsThroughTheFileAndRepeatsForASeed(@TempDir Path dir) throws Exception {
    Map<String, String> p = params("user-features", "history", "history-size", "7", "epochs", "2",
        "item-features", "genres");
    MultitaskModel m = (MultitaskModel) ModelFamilies.trainer("multitask", p).fit(train);
    MultitaskModel again = (MultitaskModel) ModelFamilies.trainer("multitask", p).fit(train);
    MultitaskModel plain = (MultitaskModel) ModelFamilies.trainer("multitask",
        params("epochs", "2", "item-features", "genres")).fit(train);
    HistoryPool pool = m.towers().history();
    assertNotNull(pool);
    assertNull(plain.towers().history());
    assertEquals(7, pool.size);
    int user = 5;
    assertTrue(pool.pool(user).length == Math.min(7, m.trainingItems().count(user)));
    float[] s = new float[m.items().size()];
    float[] s2 = new float[s.length];
    float[] s3 = new float[s.length];
    m.scoreItems(user, s);
    again.scoreItems(user, s2);
    assertArrayEquals(s, s2, 0f, "the same seed gives the same model");
    plain.scoreItems(user, s3);
    assertTrue(!java.util.Arrays.equals(s, s3), "the pool changes the scores");

    Path file = dir.resolve("history.cinerec");
    ModelFiles.save(file, m, train.catalog());
    MultitaskModel back = (MultitaskModel) ModelFiles.load(file).model();
    assertEquals(7, back.towers().history().size);
    assertEquals("history", org.cinerec.model.TrainedParams.text(back.info(), "user-features"));
    back.scoreItems(user, s2);
    assertArrayEquals(s, s2, 0f);
    assertEquals(m.predict(user, 3), back.predict(user, 3), 0f);
    Path twice = dir.resolve("twice.cinerec");
    ModelFiles.save(twice, back, train.catalog());
    assertArrayEquals(java.nio.file.Files.readAllBytes(file), java.nio.file.Files.readAllBytes(twice));
  }

  @Test
  void aSharedPoolIsTheMovieIdTableAndTheFileDoesNotRepeatIt(@TempDir Path dir) throws Exception {
    MultitaskModel m = (MultitaskModel) ModelFamilies.trainer("multitask",
        params("user-features", "history", "history-table", "movie", "epochs", "2")).fit(train);
    assertTrue(m.towers().history().shared);
    Path file = dir.resolve("shared.cinerec");
    ModelFiles.save(file, m, train.catalog());
    MultitaskModel back = (MultitaskModel) ModelFiles.load(file).model();
    assertTrue(back.towers().history().shared);
    float[] s = new float[m.items().size()];
    float[] s2 = new float[s.length];
    m.scoreItems(5, s);
    back.scoreItems(5, s2);
    assertArrayEquals(s, s2, 0f);
    Path twice = dir.resolve("twice.cinerec");
    ModelFiles.save(twice, back, train.catalog());
    assertArrayEquals(java.nio.file.Files.readAllBytes(file), java.nio.file.Files.readAllBytes(twice));
  }

  /**
   * Fold-in with a pooled history starts from the given movies' pool: two histories start apart by exactly
   * their pools' difference, and the folded-in user differs from the one started at the training mean.
   */
  @Test
  void foldInWithAPooledHistoryIsPersonalBeforeAnyStep() {
    MultitaskModel m = (MultitaskModel) ModelFamilies.trainer("multitask",
        params("user-features", "history", "epochs", "3")).fit(train);
    HistoryPool pool = m.towers().history();
    int[] a = m.trainingItems().items(3);
    int[] b = m.trainingItems().items(9);
    float[] sa = m.foldInStart(a);
    float[] sb = m.foldInStart(b);
    int d = m.embeddingDim();
    float[] pa = new float[d];
    float[] pb = new float[d];
    pool.addMean(a, 0, a.length, pa, 0);
    pool.addMean(b, 0, b.length, pb, 0);
    double gap = 0;
    for (int j = 0; j < d; j++) {
      assertEquals(pa[j] - pb[j], sa[j] - sb[j], 1e-5, "starts differ by the pools' difference");
      gap += Math.abs(sa[j] - sb[j]);
    }
    assertTrue(gap > 1e-3, "two histories start apart: " + gap);
    float[] ratings = new float[a.length];
    java.util.Arrays.fill(ratings, 4f);
    MultitaskFoldIn.Context cx = m.foldInContext();
    float[] fromPool = new MultitaskFoldIn(cx, a, ratings, m.foldInStart(a)).solve();
    float[] fromMean = new MultitaskFoldIn(cx, a, ratings).solve();
    assertTrue(!java.util.Arrays.equals(fromPool, fromMean), "the pool changes the folded-in user");
    org.cinerec.model.UserScorer withPool = m.foldIn(org.cinerec.model.History.of(a, ratings));
    assertTrue(withPool.personal());
    float[] s = new float[m.items().size()];
    withPool.scoreItems(s);
    float[] viaVector = new float[s.length];
    org.cinerec.math.Vectors.matVec(m.itemEmbeddings(), m.items().size(), d, fromPool, 0, viaVector);
    assertArrayEquals(viaVector, s, 1e-5f, "foldIn scores with the pool-started user");
    float[] empty = new float[m.items().size()];
    m.foldIn(org.cinerec.model.History.EMPTY).scoreItems(empty);
    assertTrue(!java.util.Arrays.equals(s, empty), "a history folds in to something else than none");
  }

  @Test
  void withIdDropoutEachRowIsItsFeaturesAloneOrTheScaledIdPlusFeatures() {
    Catalog cat = Catalog.builder().add("A", 1990, new String[] {"Drama"}, null, null)
        .add("B", 2000, new String[] {"Comedy"}, null, null).build();
    Features f = Features.ofMovies(cat, List.of("genres"), 1);
    int d = 2;
    FeatureTower t = new FeatureTower(f, 3, d, 400, 0.5, new Rng(1), new Rng(2));
    float[] table = {1, 2, 3, 4, 5, 6};
    int[] rows = new int[400];
    for (int b = 0; b < rows.length; b++) {
      rows[b] = b % 2;
    }
    t.drawDropout(rows.length);
    float[] out = new float[rows.length * d];
    t.gather(table, rows, rows.length, out);
    int dropped = 0;
    for (int b = 0; b < rows.length; b++) {
      float[] feat = new float[d];
      FeatureTower.addFeatures(f, t.featureEmb, d, rows[b], feat, 0);
      boolean isDropped = out[b * d] == feat[0] && out[b * d + 1] == feat[1];
      if (isDropped) {
        dropped++;
      } else {
        assertEquals(2 * table[rows[b] * d] + feat[0], out[b * d], 1e-6, "kept rows scaled by 1/(1-p)");
      }
    }
    assertTrue(dropped > 150 && dropped < 250, dropped + " of 400 rows dropped at p = 0.5");
  }

  /** A user tower whose only feature is the pooled history: the id part and its dropout alone. */
  @Test
  void withoutFeaturesTheTowerIsTheIdPartAndItsDropout() {
    int d = 2;
    FeatureTower t = new FeatureTower(null, 3, d, 400, 0.5, new Rng(1), new Rng(2));
    float[] table = {1, 2, 3, 4, 5, 6};
    int[] rows = new int[400];
    for (int b = 0; b < rows.length; b++) {
      rows[b] = b % 3;
    }
    t.drawDropout(rows.length);
    float[] out = new float[rows.length * d];
    t.gather(table, rows, rows.length, out);
    float[] g = new float[rows.length * d];
    java.util.Arrays.fill(g, 1f);
    int dropped = 0;
    for (int b = 0; b < rows.length; b++) {
      boolean isDropped = out[b * d] == 0f && out[b * d + 1] == 0f;
      dropped += isDropped ? 1 : 0;
      assertTrue(isDropped || out[b * d] == 2 * table[rows[b] * d], "kept rows scaled by 1/(1-p)");
    }
    assertTrue(dropped > 150 && dropped < 250, dropped + " of 400 rows dropped at p = 0.5");
    Optimizer sgd = MultitaskGradientTest.unitSgd();
    float[] after = table.clone();
    t.apply(sgd, after, sgd.newState(table.length), sgd.newState(0), rows, g, rows.length);
    int kept0 = 0;
    for (int b = 0; b < rows.length; b += 3) {
      kept0 += out[b * d] != 0f ? 1 : 0;
    }
    assertEquals(table[0] - 2f * kept0, after[0], 1e-4f, "row 0: the kept rows' scaled gradient, no more");
  }

  @Test
  void aMovieNobodyRatedIsItsFeaturesAndTheFileKeepsThem(@TempDir Path dir) {
    MultitaskModel m = (MultitaskModel) ModelFamilies.trainer("multitask",
        params("item-features", "genres,year,title", "epochs", "2")).fit(train);
    assertTrue(m.hasMovieFeatures());
    int cold = -1;
    for (int i = 0; i < m.items().size() && cold < 0; i++) {
      cold = m.knowsItem(i) ? -1 : i;
    }
    assertTrue(cold >= 0, "the items split leaves movies without training ratings");
    Catalog c = train.catalog();
    float[] v = m.movieVector(c.title(cold), c.year(cold), c.genres(cold));
    float[] all = m.itemEmbeddings();
    float[] row = java.util.Arrays.copyOfRange(all, cold * v.length, (cold + 1) * v.length);
    assertArrayEquals(row, v, 1e-6f, "the composed row of a cold catalogue movie = its metadata's vector");
    float[] s = new float[m.items().size()];
    m.scoreItems(0, s);
    assertEquals(s[cold], m.scorer(0).scoreMovie(v), 1e-5f);

    Path file = dir.resolve("mt.cinerec");
    ModelFiles.save(file, m, data.catalog());
    Recommender back = ModelFiles.load(file).model();
    float[] s2 = new float[s.length];
    back.scoreItems(0, s2);
    assertArrayEquals(s, s2, 0f);
    assertEquals(m.predict(3, cold), back.predict(3, cold), 0f);
    assertArrayEquals(v, ((MultitaskModel) back).movieVector(c.title(cold), c.year(cold), c.genres(cold)), 0f);

    MultitaskModel plain = (MultitaskModel) ModelFamilies.trainer("multitask", params("epochs", "1")).fit(train);
    assertNull(plain.movieVector("X", 2000, new String[] {"Drama"}));
    assertThrows(UnsupportedOperationException.class, () -> plain.scorer(0).scoreMovie(new float[32]));
  }

  /**
   * The training data with Kaggle-like details made from each movie's genres (its first genre's language,
   * a runtime and overview words), some movies without them: the catalogue a movies_metadata.csv gives.
   */
  static Dataset withDetails(Dataset d) {
    Catalog c = d.catalog();
    Catalog.Builder b = Catalog.builder();
    String[] languages = {"en", "fr", "de", "ja"};
    for (int i = 0; i < c.size(); i++) {
      String[] g = c.genres(i);
      String first = g.length == 0 ? "none" : g[0];
      Catalog.Details more = i % 7 == 0 ? Catalog.Details.NONE
          : new Catalog.Details(languages[Math.floorMod(first.hashCode(), 4)], 70 + 10 * (i % 12),
              "A story of " + String.join(" and ", g) + " with the movie " + i + ".");
      b.add(c.title(i), c.year(i), g, c.imdbId(i), c.tmdbId(i), more);
    }
    return new Dataset(d.ratings(), d.users(), d.items(), b.build(), d.provenance(), d.scale(), d.userAttributes());
  }

  @Test
  void languageRuntimeAndOverviewFeaturesRoundTripThroughTheFile(@TempDir Path dir) {
    Dataset detailed = withDetails(train);
    MultitaskModel m = (MultitaskModel) ModelFamilies.trainer("multitask",
        params("item-features", "genres,year,title,language,runtime,overview", "epochs", "2")).fit(detailed);
    Features f = m.towers().items();
    assertEquals(List.of("genres", "year", "title", "language", "runtime", "overview"), f.groups());
    java.util.Set<String> values = new java.util.HashSet<>();
    for (int v = 0; v < f.size(); v++) {
      values.add(f.value(v));
    }
    assertTrue(values.containsAll(List.of("language:?", "language:en", "runtime:?", "runtime:<80",
        "runtime:160+", "overview:?", "overview:story")), values.toString());
    assertTrue(!values.contains("overview:the") && !values.contains("overview:of"), "stop words left out");
    int noDetails = 0; // movie 0 has none: every detail group is its unknown
    java.util.List<String> of0 = new java.util.ArrayList<>();
    for (int e = f.start(noDetails); e < f.end(noDetails); e++) {
      of0.add(f.value(f.id(e)));
    }
    assertTrue(of0.containsAll(List.of("language:?", "runtime:?", "overview:?")), of0.toString());

    Path file = dir.resolve("details.cinerec");
    ModelFiles.save(file, m, detailed.catalog());
    ModelFiles.Saved back = ModelFiles.load(file);
    float[] s = new float[m.items().size()];
    float[] s2 = new float[s.length];
    m.scoreItems(4, s);
    back.model().scoreItems(4, s2);
    assertArrayEquals(s, s2, 0f);
    assertEquals(((MultitaskModel) back.model()).towers().items().groups(), f.groups());
    for (int i = 0; i < detailed.numItems(); i++) {
      assertEquals(detailed.catalog().details(i), back.catalog().details(i), "movie " + i);
    }
    // saving what was loaded gives the same bytes
    Path again = dir.resolve("again.cinerec");
    ModelFiles.save(again, back.model(), back.catalog());
    try {
      assertArrayEquals(java.nio.file.Files.readAllBytes(file), java.nio.file.Files.readAllBytes(again));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * A movie added after training with details (the service's admin route): placed by its language, runtime and
   * overview as well, so it scores as the catalogue movie with the same features does, and otherwise when only
   * its details differ; without details each detail group is its unknown, as for a catalogue movie without them.
   */
  @Test
  void anAddedMovieIsPlacedByItsDetailsAsACatalogueMovieOfTheSameFeatures() {
    Dataset detailed = withDetails(train);
    MultitaskModel m = (MultitaskModel) ModelFamilies.trainer("multitask",
        params("item-features", "genres,year,title,language,runtime,overview", "epochs", "2")).fit(detailed);
    Catalog c = detailed.catalog();
    int cold = -1;
    int bare = -1;
    for (int i = 0; i < m.items().size(); i++) {
      if (!m.knowsItem(i) && cold < 0 && !c.details(i).isEmpty()) {
        cold = i;
      }
      if (!m.knowsItem(i) && bare < 0 && c.details(i).isEmpty()) {
        bare = i;
      }
    }
    assertTrue(cold >= 0 && bare >= 0, "cold movies with and without details");
    assertEquals(Features.MOVIE_GROUPS, m.movieFeatures());
    Catalog.Details own = c.details(cold);
    Catalog.Details other = new Catalog.Details(own.language().equals("ja") ? "en" : "ja",
        own.runtime() >= 160 ? 75 : 185, "A story of the sea told with glass, mirrors and a lighthouse keeper.");
    List<org.cinerec.serve.NewMovie> added = List.of(
        new org.cinerec.serve.NewMovie("new-same", c.title(cold), c.year(cold), List.of(c.genres(cold)), own),
        new org.cinerec.serve.NewMovie("new-other", c.title(cold), c.year(cold), List.of(c.genres(cold)), other),
        new org.cinerec.serve.NewMovie("new-bare", c.title(bare), c.year(bare), List.of(c.genres(bare))));
    org.cinerec.serve.ServingModel s = org.cinerec.serve.ServingModel.of(m, c).withAddedMovies(added);
    float[] v = m.movieVector(c.title(cold), c.year(cold), c.genres(cold), own);
    int d = v.length;
    assertArrayEquals(java.util.Arrays.copyOfRange(m.itemEmbeddings(), cold * d, (cold + 1) * d), v, 1e-6f,
        "the catalogue movie's composed row");
    float[] scores = new float[m.items().size()];
    String user = m.users().id(2);
    m.scoreItems(2, scores);
    org.cinerec.serve.Subject who = org.cinerec.serve.Subject.user(user);
    float same = s.predict(who, "new-same").score();
    float differ = s.predict(who, "new-other").score();
    assertEquals(scores[cold], same, 1e-5f, "as the catalogue movie of the same features");
    assertTrue(Math.abs(same - differ) > 1e-4f, "other details, another score: " + same + " vs " + differ);
    assertEquals(scores[bare], s.predict(who, "new-bare").score(), 1e-5f, "no details: the unknown buckets");
    assertTrue(!java.util.Arrays.equals(m.movieVector(c.title(cold), c.year(cold), c.genres(cold)),
        m.movieVector(c.title(cold), c.year(cold), c.genres(cold), own)), "the details change the vector");
    int item = s.movieIndex("new-same");
    assertEquals(own, s.catalog().details(item), "the serving catalogue carries them");
  }

  @Test
  void detailFeaturesTheDataDoesNotHaveAreUsageErrorsNamingThem() {
    CinerecException e = assertThrows(CinerecException.class, () -> ModelFamilies.trainer("multitask",
        params("item-features", "genres,language,overview", "epochs", "1")).fit(train));
    assertEquals("--item-features genres,language,overview: the data has no language, no overview for any movie "
        + "(only Kaggle's movies_metadata.csv gives original_language, runtime and overview); leave language, "
        + "overview out of --item-features", e.getMessage());
    assertEquals(CinerecException.Kind.USAGE, e.kind());
  }

  @Test
  void theSameSeedGivesTheSameModelWithFeatures() {
    Map<String, String> p = params("item-features", "genres,year", "epochs", "2", "id-dropout", "0.3");
    Recommender a = ModelFamilies.trainer("multitask", p).fit(train);
    Recommender b = ModelFamilies.trainer("multitask", p).fit(train);
    float[] sa = new float[a.items().size()];
    float[] sb = new float[sa.length];
    a.scoreItems(5, sa);
    b.scoreItems(5, sb);
    assertArrayEquals(sa, sb, 0f);
  }

  /**
   * What features are for: on data whose taste follows genres, the new movies (an items split) ranked by
   * the feature model beat the id-only model (whose new movies are random vectors) and chance.
   */
  @Test
  void movieFeaturesRankMoviesNobodyRated() {
    Evaluator ev = new Evaluator(EvalOptions.defaults().withKs(10).forSplit(SplitSpec.parse("items:0.2:11")));
    Recommender featured = ModelFamilies.trainer("multitask", params("item-features", "genres,year,title"))
        .fit(train);
    Recommender plain = ModelFamilies.trainer("multitask", params()).fit(train);
    EvaluationReport f = ev.evaluate(featured, train, split.test());
    EvaluationReport p = ev.evaluate(plain, train, split.test());
    double nf = f.ranking().ndcg()[0];
    double np = p.ranking().ndcg()[0];
    System.out.println(String.format(java.util.Locale.ROOT, "new-movie NDCG@10: features %.4f, id only %.4f", nf, np));
    assertTrue(nf > 1.3 * np, "features " + nf + " vs id only " + np);
  }

  /**
   * What user features are for: users with few training ratings (a stratified split keeping a tenth of each
   * user's ratings), on synthetic data whose demographics follow the taste groups: ranked better with them.
   */
  @Test
  void demographicsHelpUsersWithFewRatings() {
    Dataset d = SyntheticData.generate(Preset.TINY.resized("users", 300, 600, 15_000), 13, Progress.NONE);
    Split sparse = SplitSpec.parse("stratified:0.9:13").apply(d);
    Dataset tr = sparse.trainSet(d);
    assertTrue(!tr.userAttributes().isEmpty(), "the generator's users carry age, gender and occupation");
    Evaluator ev = new Evaluator(EvalOptions.defaults().withKs(10));
    Recommender withUsers = ModelFamilies.trainer("multitask", params("user-features", "all")).fit(tr);
    Recommender plain = ModelFamilies.trainer("multitask", params()).fit(tr);
    double nu = ev.evaluate(withUsers, tr, sparse.test()).ranking().ndcg()[0];
    double np = ev.evaluate(plain, tr, sparse.test()).ranking().ndcg()[0];
    System.out.println(String.format(java.util.Locale.ROOT, "sparse users NDCG@10: demographics %.4f, id only %.4f",
        nu, np));
    assertTrue(nu > 1.2 * np, "demographics " + nu + " vs id only " + np);
  }

  @Test
  void badFeatureFlagsAreUsageErrorsNamingTheFlag() {
    CinerecException e = assertThrows(CinerecException.class,
        () -> ModelFamilies.trainer("multitask", params("item-features", "genres,plot")));
    assertTrue(e.getMessage().contains("--item-features"), e.getMessage());
    CinerecException u = assertThrows(CinerecException.class,
        () -> ModelFamilies.trainer("multitask", params("user-features", "shoesize")).fit(train));
    assertTrue(u.getMessage().contains("--user-features: the data has no user attribute \"shoesize\""),
        u.getMessage());
    Dataset bare = train.withUserAttributes(org.cinerec.data.UserAttributes.none(train.numUsers()));
    CinerecException none = assertThrows(CinerecException.class,
        () -> ModelFamilies.trainer("multitask", params("user-features", "all")).fit(bare));
    assertTrue(none.getMessage().contains("the data has no user attributes"), none.getMessage());
    assertTrue(none.getMessage().endsWith("use --user-features none"), none.getMessage());
    CinerecException withHistory = assertThrows(CinerecException.class,
        () -> ModelFamilies.trainer("multitask", params("user-features", "all,history")).fit(bare));
    assertTrue(withHistory.getMessage().startsWith("--user-features all,history: the data has no user attributes"),
        withHistory.getMessage());
    assertTrue(withHistory.getMessage().endsWith("use --user-features history (the pooled history alone)"),
        withHistory.getMessage());
  }
}
