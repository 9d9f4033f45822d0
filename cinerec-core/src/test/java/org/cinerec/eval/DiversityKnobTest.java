package org.cinerec.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.cinerec.CinerecException;
import org.cinerec.data.Catalog;
import org.cinerec.data.Dataset;
import org.cinerec.data.Provenance;
import org.cinerec.data.Ratings;
import org.cinerec.math.Mmr;
import org.cinerec.math.Rng;
import org.cinerec.model.ItemEmbeddings;
import org.cinerec.testkit.Seeds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The evaluator's diversity knob ({@link EvalOptions#diversity}): the top-N lists are the service's MMR
 * lists ({@link Mmr}), on a fixture computed by hand where the best-scored movies share a genre.
 */
@ExtendWith(Seeds.class)
class DiversityKnobTest {
  private static final double EPS = 1e-9;
  private static final ObjectMapper JSON = new ObjectMapper();

  // 2 users × 6 movies. Training: u0 m5; u1 m0 m3. Test: u0 m1 (relevant).
  static final Ratings TRAIN = Fixtures.ratings(2, 6, new int[] {0, 5, 8}, new int[] {1, 0, 8},
      new int[] {1, 3, 8});
  static final Ratings TEST = Fixtures.ratings(2, 6, new int[] {0, 1, 8});
  // u0's scores: m5 (its training movie) best, then the three dramas m0 m1 m2, then m3, m4.
  static final float[][] SCORES = {{1.0f, 0.9f, 0.8f, 0.5f, 0.0f, 2.0f}, {0, 0, 0, 0, 0, 0}};
  // Item vectors (unit already): the dramas and m5 along x, m3 along y, m4 between.
  static final float[] VECTORS = {1, 0, 1, 0, 1, 0, 0, 1, 0.6f, 0.8f, 1, 0};
  static final String[][] GENRES = {{"Drama"}, {"Drama"}, {"Drama"}, {"Comedy"}, {"Comedy"}, {"Drama"}};

  static Dataset train() {
    Catalog.Builder b = Catalog.builder();
    for (int i = 0; i < GENRES.length; i++) {
      b.add("Movie " + i, 2000, GENRES[i], null, null);
    }
    return new Dataset(TRAIN, Fixtures.ids("u", 2), Fixtures.ids("m", 6), b.build(),
        Provenance.of("test", TRAIN.size(), null));
  }

  static EvalOptions options(double lambda) {
    return new EvalOptions(new int[] {1, 2}, new int[] {1}, Double.NaN, false, true).withDiversity(lambda);
  }

  static EvaluationReport.RankingMetrics evaluate(double lambda) {
    return new Evaluator(options(lambda)).evaluate(new Vectors(SCORES, VECTORS, 2), train(), TEST).ranking();
  }

  @Test
  void aboveTheBreakEvenMmrSwapsTheSecondDramaForTheComedy() {
    // u0's candidates m0..m4 (m5 is a training movie); pool = all 5; rel rescaled over the pool: 1, .9, .8,
    // .5, 0. Pick 1: m0. Then cos with m0: m1 1, m2 1, m3 0, m4 .6, and pick 2 maximises
    // (1-λ)·rel - λ·cos: at λ = .5, m1 .45-.5 = -.05, m2 .4-.5 = -.1, m3 .25-0 = .25, m4 0-.3 = -.3: m3.
    // The list (m0, m3): Drama and Comedy, Jaccard distance 1; the relevant m1 is left out.
    EvaluationReport.RankingMetrics m = evaluate(0.5);
    assertEquals(0.5, m.mmrDiversity());
    assertEquals(1.0, m.diversity()[1], EPS);
    assertArrayEquals(new double[] {0, 0}, m.ndcg(), EPS); // m0 at rank 1 is not relevant, m1 is not listed
    assertArrayEquals(new double[] {0, 0}, m.recall(), EPS);
    // MRR: the list, then the other candidates by score: m1 (0.9) first of them, rank 2 + 1
    assertEquals(1.0 / 3, m.mrr(), EPS);
    // popularity: m0 1, m3 1 (u1's training ratings); coverage: 2 of 6 movies
    assertEquals(1.0, m.avgPopularity()[1], EPS);
    assertEquals(2.0 / 6, m.coverage()[1], EPS);
  }

  @Test
  void belowTheBreakEvenAndAtZeroTheListIsThePlainOne() {
    // m3 beats m1 when (1-λ)·.5 > (1-λ)·.9 - λ, i.e. λ > .4/1.4 = .2857: at .25 the list is still (m0, m1)
    EvaluationReport.RankingMetrics plain = evaluate(0);
    assertNull(plain.mmrDiversity());
    assertEquals(0.0, plain.diversity()[1], EPS); // two dramas
    assertArrayEquals(new double[] {0, 1 / (Math.log(3) / Math.log(2))}, plain.ndcg(), EPS);
    assertEquals(0.5, plain.mrr(), EPS);
    assertEquals(0.5, plain.avgPopularity()[1], EPS); // m0 1, m1 0
    EvaluationReport.RankingMetrics low = evaluate(0.25);
    assertEquals(0.25, low.mmrDiversity());
    assertArrayEquals(plain.ndcg(), low.ndcg(), 0.0);
    assertArrayEquals(plain.diversity(), low.diversity(), 0.0);
    assertEquals(plain.mrr(), low.mrr(), 0.0);
  }

  @Test
  void diversityZeroIsByteForByteTheDefaultEvaluation(@Seeds.Seed long seed) throws Exception {
    RandomCase r = RandomCase.of(seed, 40, 60, 8);
    EvalOptions defaults = new EvalOptions(new int[] {1, 5, 10}, new int[] {1, 5, 10}, Double.NaN, true, true);
    EvaluationReport a = new Evaluator(defaults, 3).evaluate(r.model, r.train, r.test);
    EvaluationReport b = new Evaluator(defaults.withDiversity(0), 3).evaluate(r.model, r.train, r.test);
    assertEquals(json(a), json(b));
    assertEquals(a.toTable().replaceAll("time: .*", ""), b.toTable().replaceAll("time: .*", ""));
  }

  @Test
  void theListsAreTheServicesMmrListsAndDoNotDependOnTheThreads(@Seeds.Seed long seed) throws Exception {
    RandomCase r = RandomCase.of(seed, 40, 60, 8);
    EvalOptions o = new EvalOptions(new int[] {1, 5, 10}, new int[] {1, 5, 10}, Double.NaN, true, true)
        .withDiversity(0.4);
    EvaluationReport one = new Evaluator(o, 1).evaluate(r.model, r.train, r.test);
    EvaluationReport many = new Evaluator(o, 7).evaluate(r.model, r.train, r.test);
    assertEquals(json(one), json(many));
    assertEquals(json(one), json(new Evaluator(o, 1).evaluate(r.model, r.train, r.test)));
    // top-K accuracy ranks by score: as without diversity
    EvaluationReport plain = new Evaluator(o.withDiversity(0), 1).evaluate(r.model, r.train, r.test);
    assertEquals(JSON.writeValueAsString(plain.accuracy()), JSON.writeValueAsString(one.accuracy()));
    assertTrue(one.toTable().contains("lists MMR re-ranked at diversity 0.4"), one.toTable());
    // one user by hand: UserRanking's list is Mmr.select over the candidates, as the service calls it
    float[] unit = Mmr.unitRows(r.model.vectors, r.model.dim);
    int u = r.test.user(0);
    float[] scores = new float[60];
    r.model.scoreItems(u, scores);
    float[] excl = scores.clone();
    var byUser = r.train.ratings().byUser();
    int nTrain = byUser.count(u);
    int[] trainItems = new int[nTrain];
    for (int q = byUser.start(u), j = 0; q < byUser.end(u); q++, j++) {
      trainItems[j] = r.train.ratings().item(byUser.positions()[q]);
      excl[trainItems[j]] = Float.NEGATIVE_INFINITY;
    }
    int[] mmr = Mmr.select(excl, 10, 0.4, unit, r.model.dim);
    EvalOptions one10 = new EvalOptions(new int[] {10}, new int[] {1}, Double.NaN, false, true).withDiversity(0.4);
    UserRanking ranking = new UserRanking(one10, new int[60], null, unit, r.model.dim);
    int[] first = RankingTotals.firstRanks(60);
    // every movie relevant: the first ranks say exactly which movies were listed, in which order
    int[] all = new int[60];
    float[] ratings = new float[60];
    for (int i = 0; i < 60; i++) {
      all[i] = i;
      ratings[i] = 4;
    }
    ranking.rank(scores, trainItems, nTrain, all, ratings, 60, false, first);
    for (int rank = 0; rank < mmr.length; rank++) {
      assertEquals(rank, first[mmr[rank]], "rank " + rank);
    }
    assertEquals(mmr.length, java.util.Arrays.stream(first).filter(f -> f != Integer.MAX_VALUE).count());
  }

  @Test
  void aDiversityOutsideZeroToOneOrAModelWithoutVectorsIsAUsageErrorNamingTheFlag() {
    for (double bad : new double[] {-0.1, 1.5, Double.NaN}) {
      CinerecException e = assertThrows(CinerecException.class, () -> options(bad));
      assertEquals(CinerecException.Kind.USAGE, e.kind());
      assertTrue(e.getMessage().startsWith("--diversity must be between 0 and 1"), e.getMessage());
    }
    CinerecException e = assertThrows(CinerecException.class,
        () -> new Evaluator(options(0.5)).evaluate(TableModel.of(SCORES), train(), TEST));
    assertEquals(CinerecException.Kind.USAGE, e.kind());
    assertTrue(e.getMessage().contains("--diversity 0.5") && e.getMessage().contains("the table model has none"),
        e.getMessage());
    // without diversity the same model is fine
    assertEquals(2, new Evaluator(options(0)).evaluate(TableModel.of(SCORES), train(), TEST).ranking().ks().length);
  }

  private static String json(EvaluationReport r) throws Exception {
    // timing aside, which is wall time
    return JSON.writeValueAsString(new EvaluationReport(r.model(), r.protocol(), r.trainRatings(), r.testRatings(),
        r.coldUserPairs(), r.coldItemPairs(), r.fallbackPairs(), r.rating(), r.accuracy(), r.ranking(), null));
  }

  /** A table of scores with item vectors: a model the diversity knob applies to. */
  static final class Vectors extends TableModel.Forwarding implements ItemEmbeddings {
    final float[] vectors;
    final int dim;

    Vectors(float[][] scores, float[] vectors, int dim) {
      super(TableModel.of(scores));
      this.vectors = vectors;
      this.dim = dim;
    }

    @Override
    public int embeddingDim() {
      return dim;
    }

    @Override
    public float[] itemEmbeddings() {
      return vectors.clone();
    }

    @Override
    public String kind() {
      return "vectors";
    }
  }

  /** Random scores, vectors, genres and ratings from a seed: users × items, vectors of length dim. */
  record RandomCase(Vectors model, Dataset train, Ratings test) {
    static RandomCase of(long seed, int users, int items, int dim) {
      Rng rng = new Rng(seed);
      float[][] scores = new float[users][items];
      for (float[] row : scores) {
        for (int i = 0; i < items; i++) {
          row[i] = (float) rng.nextGaussian();
        }
      }
      float[] v = new float[items * dim];
      for (int i = 0; i < v.length; i++) {
        v[i] = (float) rng.nextGaussian();
      }
      String[] names = {"Action", "Comedy", "Drama", "Horror", "Romance"};
      Catalog.Builder b = Catalog.builder();
      for (int i = 0; i < items; i++) {
        b.add("Movie " + i, 2000, new String[] {names[rng.nextInt(5)], names[rng.nextInt(5)]}, null, null);
      }
      java.util.List<int[]> train = new java.util.ArrayList<>();
      java.util.List<int[]> test = new java.util.ArrayList<>();
      for (int u = 0; u < users; u++) {
        for (int i = 0; i < items; i++) {
          int x = rng.nextInt(10);
          if (x < 2) {
            train.add(new int[] {u, i, 1 + rng.nextInt(10)});
          } else if (x < 3) {
            test.add(new int[] {u, i, 1 + rng.nextInt(10)});
          }
        }
      }
      Ratings tr = Fixtures.ratings(users, items, train.toArray(new int[0][]));
      Dataset data = new Dataset(tr, Fixtures.ids("u", users), Fixtures.ids("m", items), b.build(),
          Provenance.of("test", tr.size(), null));
      return new RandomCase(new Vectors(scores, v, dim), data, Fixtures.ratings(users, items, test.toArray(new int[0][])));
    }
  }
}
