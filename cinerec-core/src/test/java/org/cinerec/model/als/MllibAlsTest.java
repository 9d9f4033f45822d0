package org.cinerec.model.als;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.cinerec.CinerecException;
import org.cinerec.data.DataFingerprint;
import org.cinerec.data.RatingScale;
import org.cinerec.model.ModelFiles;
import org.cinerec.model.Recommender;
import org.cinerec.model.mf.FactorModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MLlib's factors as a cinerec model: hand-computed scores, ids reordered, round trip through the file. */
class MllibAlsTest {
  @TempDir Path dir;

  static final Map<String, String> PARAMS = Map.of("rank", "2", "maxIter", "5", "regParam", "0.1", "seed", "7");
  static final RatingScale SCALE = new RatingScale(0.5, 5, 0.5, RatingScale.Source.GIVEN);

  /** Users 20 and 10 (rows out of order), movies 3 and 1; user 30 rated movie 1 but has no factors. */
  static MllibAls.Result build(Map<String, String> params) {
    MllibAls.Factors users = new MllibAls.Factors(new int[] {20, 10}, new float[] {1, 2, 0.5f, -1}, 2);
    MllibAls.Factors items = new MllibAls.Factors(new int[] {3, 1}, new float[] {1, 1, 3, 0}, 2);
    MllibAls.TrainingRatings train = new MllibAls.TrainingRatings(new int[] {10, 10, 20, 30},
        new int[] {1, 3, 3, 1}, new float[] {2, 1, 3, 4});
    return MllibAls.build(params, users, items, train,
        new MllibAls.Source("parquet", List.of("ratings.parquet"), SCALE, "none", 1.5));
  }

  @Test
  void scoresAreMllibsDotProductsAndPredictionsAreClipped() {
    MllibAls.Result r = build(PARAMS);
    FactorModel m = r.model();
    assertEquals("als", m.kind());
    assertEquals(1, r.skipped());
    assertArrayEquals(new String[] {"10", "20"}, m.users().ids());
    assertArrayEquals(new String[] {"1", "3"}, m.items().ids());
    float[] s = new float[2];
    m.scoreItems(m.users().indexOf("10"), s); // (0.5,-1)·(3,0) = 1.5, ·(1,1) = -0.5
    assertArrayEquals(new float[] {1.5f, -0.5f}, s);
    m.scoreItems(m.users().indexOf("20"), s); // (1,2)·(3,0) = 3, ·(1,1) = 3
    assertArrayEquals(new float[] {3f, 3f}, s);
    assertEquals(1f, m.predict(m.users().indexOf("10"), m.items().indexOf("3"))); // -0.5 clipped to the range 1..3
    assertEquals(2f, m.predict(-1, 0)); // unknown user: the training mean (2+1+3)/3
    assertTrue(m.trainingItems().contains(m.users().indexOf("10"), m.items().indexOf("1")));
    assertFalse(m.trainingItems().contains(m.users().indexOf("20"), m.items().indexOf("1")));
    assertEquals(3, m.info().trainRatings());
    assertEquals("5", m.info().params().get("iterations"));
    assertEquals("0.1", m.info().params().get("spark.regParam"));
    assertEquals(7, m.info().seed());
    assertEquals("none", m.info().split());
  }

  @Test
  void theFileLoadsBackAndPredictsTheSame() {
    MllibAls.Result r = build(PARAMS);
    Path file = dir.resolve("m.cinerec");
    ModelFiles.save(file, r.model(), r.placeholders());
    Recommender back = ModelFiles.load(file).model();
    assertEquals(r.model().info(), back.info());
    float[] a = new float[2];
    float[] b = new float[2];
    for (int u = 0; u < 2; u++) {
      r.model().scoreItems(u, a);
      back.scoreItems(u, b);
      assertArrayEquals(a, b);
    }
    // the fingerprint of the three kept ratings, as the core defines it
    long sum = DataFingerprint.row("10", "1", 2) + DataFingerprint.row("10", "3", 1) + DataFingerprint.row("20", "3", 3);
    assertEquals(DataFingerprint.finish(3, sum, SCALE), back.info().dataFingerprint());
  }

  @Test
  void implicitPrefsMakeARankingOnlyIalsModel() {
    Map<String, String> p = new java.util.HashMap<>(PARAMS);
    p.put("implicitPrefs", "true");
    p.put("alpha", "40");
    FactorModel m = build(p).model();
    assertEquals("ials", m.kind());
    assertFalse(m.predictsRatings());
    assertEquals("40", m.info().params().get("alpha"));
    assertEquals(-0.5f, m.predict(m.users().indexOf("10"), m.items().indexOf("3"))); // not clipped
  }

  /**
   * Text ids: MLlib's ids index the vocabularies given (users {alice, bob}, movies {tt1, tt2, tt3}); the
   * model holds the text ids in MLlib id order and scores as for numeric ids; an id past a vocabulary fails.
   */
  @Test
  void textIdsComeFromTheVocabulariesMllibsIdsIndex() {
    MllibAls.Factors users = new MllibAls.Factors(new int[] {1, 0}, new float[] {1, 2, 0.5f, -1}, 2);
    MllibAls.Factors items = new MllibAls.Factors(new int[] {2, 0}, new float[] {1, 1, 3, 0}, 2);
    MllibAls.TrainingRatings train = new MllibAls.TrainingRatings(new int[] {0, 0, 1}, new int[] {0, 2, 2},
        new float[] {2, 1, 3});
    MllibAls.Source src = new MllibAls.Source("parquet", List.of("ratings.parquet"), SCALE, "none", 1);
    FactorModel m = MllibAls.build(PARAMS, users, items, train, src, new String[] {"alice", "bob"},
        new String[] {"tt1", "tt2", "tt3"}).model();
    assertArrayEquals(new String[] {"alice", "bob"}, m.users().ids());
    assertArrayEquals(new String[] {"tt1", "tt3"}, m.items().ids()); // tt2 has no factors
    float[] s = new float[2];
    m.scoreItems(m.users().indexOf("alice"), s); // (0.5,-1)·(3,0) = 1.5, ·(1,1) = -0.5
    assertArrayEquals(new float[] {1.5f, -0.5f}, s);
    assertTrue(m.trainingItems().contains(m.users().indexOf("alice"), m.items().indexOf("tt3")));
    CinerecException e = assertThrows(CinerecException.class, () -> MllibAls.build(PARAMS, users, items, train, src,
        new String[] {"alice"}, null));
    assertTrue(e.getMessage().contains("user id 1 outside the id vocabulary"), e.getMessage());
  }

  @Test
  void dataWithoutAnyFactorRowIsAnError() {
    MllibAls.Factors f = new MllibAls.Factors(new int[] {1}, new float[] {1}, 1);
    CinerecException e = assertThrows(CinerecException.class, () -> MllibAls.build(PARAMS, f, f,
        new MllibAls.TrainingRatings(new int[] {2}, new int[] {2}, new float[] {1}),
        new MllibAls.Source("parquet", List.of(), SCALE, null, 0)));
    assertTrue(e.getMessage().contains("none of the 1 training ratings"), e.getMessage());
  }
}
