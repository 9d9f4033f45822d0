package org.cinerec.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cinerec.data.Catalog;
import org.cinerec.data.Dataset;
import org.cinerec.data.Provenance;
import org.cinerec.data.Ratings;
import org.junit.jupiter.api.Test;

/** Intra-list diversity, novelty and popularity (ARP) on a fixture computed by hand. */
class BeyondAccuracyTest {
  private static final double EPS = 1e-9;
  private static final double L = Math.log(3) / Math.log(2); // -log2(1/3): a movie one of 3 users rated
  private static final double H = Math.log(1.5) / Math.log(2); // -log2(2/3): rated by two of 3

  // 3 users × 5 movies. Training: u0 m0 m1, u1 m0 m1, u2 m0 m2. Raters (= training ratings here):
  // m0 3, m1 2, m2 1, m3 0, m4 0; 3 training users.
  static final Ratings TRAIN = Fixtures.ratings(3, 5, new int[] {0, 0, 8}, new int[] {0, 1, 8},
      new int[] {1, 0, 8}, new int[] {1, 1, 8}, new int[] {2, 0, 8}, new int[] {2, 2, 8});
  // Test (every rating relevant): u0 m2, u1 m3, u2 m1.
  static final Ratings TEST = Fixtures.ratings(3, 5, new int[] {0, 2, 8}, new int[] {1, 3, 8}, new int[] {2, 1, 8});
  // Lists over the candidates (training movies out): u0 m2 m3 m4, u1 m3 m4 m2, u2 m4 m1 m3.
  static final float[][] SCORES = {{5, 4, 3, 2, 1}, {1, 2, 3, 5, 4}, {9, 7, 1, 0, 8}};
  // Genres: m0 Action|Comedy, m1 Action, m2 Drama|Thriller, m3 Action|Comedy|Drama, m4 none.
  static final String[][] GENRES = {{"Action", "Comedy"}, {"Action"}, {"Drama", "Thriller"},
      {"Comedy", "Action", "Drama"}, {"(no genres listed)"}};

  private static EvaluationReport.RankingMetrics evaluate() {
    Catalog.Builder b = Catalog.builder();
    for (int i = 0; i < 5; i++) {
      b.add("Movie " + i, 2000, GENRES[i], null, null);
    }
    Dataset train = new Dataset(TRAIN, Fixtures.ids("u", 3), Fixtures.ids("m", 5), b.build(),
        Provenance.of("test", TRAIN.size(), null));
    EvalOptions o = new EvalOptions(new int[] {1, 2, 3}, new int[] {1}, Double.NaN, false, true);
    return new Evaluator(o).evaluate(TableModel.of(SCORES), train, TEST).ranking();
  }

  @Test
  void intraListDiversityIsTheMeanGenreJaccardDistanceOverMoviesWithGenres() {
    EvaluationReport.RankingMetrics m = evaluate();
    // Jaccard distances: (m2, m3) 1 - 1/4 = 0.75 (Drama of 4 genres); (m1, m3) 1 - 1/3 = 2/3; m4 has none.
    // @1: one movie, no pair: no user counts. @2: u0 (m2, m3) 0.75; u1 (m3, m4) and u2 (m4, m1) have no
    // pair of movies with genres. @3: u0 0.75 (m4 left out), u1 (m3, m2) 0.75, u2 (m1, m3) 2/3.
    assertTrue(Double.isNaN(m.diversity()[0]));
    assertEquals(0.75, m.diversity()[1], EPS);
    assertEquals((0.75 + 0.75 + 2.0 / 3) / 3, m.diversity()[2], EPS);
    assertArrayEquals(new long[] {0, 1, 3}, m.diversityUsers());
  }

  @Test
  void noveltyIsTheMeanSelfInformationOfTheRecommendedMovies() {
    EvaluationReport.RankingMetrics m = evaluate();
    // self-information: m1 H, m2 L, m3 and m4 (nobody rated them: counted as one rater) L.
    // u0 m2 m3 m4: L, L, L. u1 m3 m4 m2: L, L, L. u2 m4 m1 m3: L, (L + H)/2, (2L + H)/3.
    assertEquals(L, m.novelty()[0], EPS);
    assertEquals((L + L + (L + H) / 2) / 3, m.novelty()[1], EPS);
    assertEquals((L + L + (2 * L + H) / 3) / 3, m.novelty()[2], EPS);
  }

  @Test
  void popularityIsTheAverageRecommendationPopularity() {
    EvaluationReport.RankingMetrics m = evaluate();
    // training ratings: m1 2, m2 1, m3 0, m4 0. u0 1, 1/2, 1/3; u1 0, 0, 1/3; u2 0, 1, 2/3.
    assertArrayEquals(new double[] {1.0 / 3, 0.5, 4.0 / 9}, m.avgPopularity(), EPS);
  }

  @Test
  void theFormulasOnTheirOwn() {
    int[][] g = {{0, 1}, {0}, {2, 3}, {0, 1, 2}, {}};
    assertEquals(0.75, Metrics.intraListDiversity(new int[] {2, 3}, 2, g), EPS);
    assertEquals(1.0, Metrics.intraListDiversity(new int[] {1, 2, 4}, 3, g), EPS); // no common genre
    assertEquals(0.0, Metrics.intraListDiversity(new int[] {0, 0}, 2, g), EPS); // the same genres
    assertTrue(Double.isNaN(Metrics.intraListDiversity(new int[] {4, 0}, 2, g)));
    assertEquals(3.0, Metrics.selfInformation(1, 8), EPS); // 1 of 8 users: 3 bits
    assertEquals(3.0, Metrics.selfInformation(0, 8), EPS); // nobody: as one
    assertEquals(0.0, Metrics.selfInformation(8, 8), EPS); // everybody: no information
    assertEquals(2.0, Metrics.novelty(new int[] {0, 1}, 2, new double[] {1, 3}), EPS);
  }

  @Test
  void theyAppearInTheFlatMetricsAndTheTableAndAreAbsentWithoutItemStats() {
    Catalog.Builder b = Catalog.builder();
    for (int i = 0; i < 5; i++) {
      b.add("Movie " + i, 2000, GENRES[i], null, null);
    }
    Dataset train = new Dataset(TRAIN, Fixtures.ids("u", 3), Fixtures.ids("m", 5), b.build(),
        Provenance.of("test", TRAIN.size(), null));
    EvaluationReport r = new Evaluator(new EvalOptions(new int[] {3}, new int[] {1}, Double.NaN, false, true))
        .evaluate(TableModel.of(SCORES), train, TEST);
    assertEquals((0.75 + 0.75 + 2.0 / 3) / 3, r.metrics().get("diversity@3"), EPS);
    assertTrue(r.metrics().containsKey("novelty@3"));
    assertTrue(r.toTable().contains("diversity (genre ILD)"), r.toTable());
    assertTrue(r.toTable().contains("novelty (bits)"), r.toTable());
    // a catalogue without genres (a bare ratings file): a dash, and the table says why
    Catalog.Builder bare = Catalog.builder();
    for (int i = 0; i < 5; i++) {
      bare.add("Movie " + i, 2000, new String[0], null, null);
    }
    String table = new Evaluator(new EvalOptions(new int[] {3}, new int[] {1}, Double.NaN, false, true))
        .evaluate(TableModel.of(SCORES), new Dataset(TRAIN, Fixtures.ids("u", 3), Fixtures.ids("m", 5), bare.build(),
            Provenance.of("test", TRAIN.size(), null)), TEST).toTable();
    assertTrue(table.contains("diversity (genre ILD)               -   (no movie has genres)\n"), table);
    assertFalse(table.contains("NaN"), table);
    // the Spark job's path: a UserRanking without item stats; the totals then report neither
    EvalOptions o = new EvalOptions(new int[] {3}, new int[] {1}, Double.NaN, false, true);
    UserRanking plain = new UserRanking(o, new int[] {3, 2, 1, 0, 0});
    RankingTotals t = new RankingTotals(o, 5);
    t.add(plain.rank(SCORES[0], new int[] {0, 1}, 2, new int[] {2}, new float[] {4}, 1, false, null));
    EvaluationReport.RankingMetrics m = t.ranking(6);
    assertNull(m.diversity());
    assertNull(m.novelty());
  }
}
