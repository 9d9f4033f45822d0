package org.cinerec.model.content;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.Map;
import org.cinerec.data.Catalog;
import org.cinerec.data.Dataset;
import org.cinerec.data.IdIndex;
import org.cinerec.data.Provenance;
import org.cinerec.data.Ratings;
import org.cinerec.model.History;
import org.cinerec.model.ModelFamilies;
import org.cinerec.model.ModelFiles;
import org.cinerec.model.Recommender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code genre} baseline's scores by hand. */
class GenreModelTest {
  private static final double EPS = 1e-6;

  /**
   * m0 Comedy 1990, m1 Comedy|Drama 2000, m2 Drama 1995, m3 Horror 2010, m4 Comedy 2005; u0 rated m0, m1;
   * u1 rated m3.
   */
  static Dataset data() {
    Catalog c = Catalog.builder().add("A", 1990, new String[] {"Comedy"}, null, null)
        .add("B", 2000, new String[] {"Comedy", "Drama"}, null, null)
        .add("C", 1995, new String[] {"Drama"}, null, null)
        .add("D", 2010, new String[] {"Horror"}, null, null)
        .add("E", 2005, new String[] {"Comedy"}, null, null).build();
    Ratings r = new Ratings(new int[] {0, 0, 1}, new int[] {0, 1, 3}, new float[] {4, 2, 5}, new int[] {1, 2, 3}, 2,
        5);
    return new Dataset(r, IdIndex.of(new String[] {"u0", "u1"}), IdIndex.of(new String[] {"m0", "m1", "m2", "m3",
        "m4"}), c, Provenance.of("test", 3, null));
  }

  static Recommender train() {
    return ModelFamilies.trainer("genre", Map.of()).fit(data());
  }

  @Test
  void aCatalogueWithoutGenresIsRefusedWithTheReason() {
    Catalog none = Catalog.builder().add("A", 1990, new String[0], null, null).add("B", 2000, new String[0], null, null)
        .build();
    Dataset d = new Dataset(new Ratings(new int[] {0}, new int[] {1}, new float[] {4}, new int[] {1}, 1, 2),
        IdIndex.of(new String[] {"u0"}), IdIndex.of(new String[] {"m0", "m1"}), none, Provenance.of("test", 1, null));
    assertEquals("no movie of this data has genres, and the genre model ranks by them",
        ModelFamilies.get("genre").unusableOn(d));
    assertNull(ModelFamilies.get("genre").unusableOn(data()));
    assertNull(ModelFamilies.get("ease").unusableOn(d), "the other families need no genres");
    org.cinerec.CinerecException e = org.junit.jupiter.api.Assertions.assertThrows(org.cinerec.CinerecException.class,
        () -> ModelFamilies.trainer("genre", Map.of()).fit(d));
    assertEquals("genre: no movie of this data has genres, and the genre model ranks by them; train another model",
        e.getMessage());
  }

  @Test
  void scoresAreTheCosineWithTheProfilePlusTheRecencyTerm() {
    Recommender m = train();
    float[] s = new float[5];
    m.scoreItems(0, s);
    // u0's profile: Comedy 1 + 1/2, Drama 1/2; |p| = sqrt(2.5); a one-genre movie's vector has norm 1
    double n = Math.sqrt(2.5);
    double comedyBoth = 1.5 / n;
    // m1: (0.5*1.5 + 0.5*0.5) / (sqrt(0.5) * |p|)
    double m1 = 1.0 / (Math.sqrt(0.5) * n);
    assertArrayEquals(new float[] {(float) (comedyBoth + 190e-6), (float) (m1 + 200e-6),
        (float) (0.5 / n + 195e-6), (float) (210e-6), (float) (comedyBoth + 205e-6)}, s, (float) EPS);
    assertEquals(s[4], m.predict(0, 4), 0f, "predict is the score (ranks only)");
    assertFalse(m.predictsRatings());
    // m4 and m0 have the same genres: the newer one first
    assertEquals(4, m.recommend(0, 1, (u, scores) -> {
      scores[0] = Float.NEGATIVE_INFINITY;
      scores[1] = Float.NEGATIVE_INFINITY;
    }).items()[0]);
  }

  @Test
  void anUnknownUserGetsTheProfileOfAllTrainingRatingsAndFoldInEqualsTraining() {
    Recommender m = train();
    float[] cold = new float[5];
    m.scoreItems(-1, cold);
    // all: Comedy 1.5, Drama 0.5, Horror 1; |p| = sqrt(3.5)
    double n = Math.sqrt(3.5);
    assertEquals(1 / n + 210e-6, cold[3], EPS);
    assertEquals(1.5 / n + 205e-6, cold[4], EPS);
    assertEquals("the genre shares of all training ratings (the user has no profile)", m.fallback(-1, 2));
    assertNull(m.fallback(0, 2), "a movie nobody rated is still scored by its genres");
    float[] folded = new float[5];
    m.foldIn(History.of(new int[] {1, 0}, new float[] {1, 5})).scoreItems(folded);
    float[] trained = new float[5];
    m.scoreItems(0, trained);
    assertArrayEquals(trained, folded, 0f);
  }

  @Test
  void theFileRoundTripGivesTheSameScores(@TempDir Path dir) {
    Recommender m = train();
    Path f = dir.resolve("g.cinerec");
    ModelFiles.save(f, m, data().catalog());
    Recommender back = ModelFiles.load(f).model();
    for (int u = -1; u < 2; u++) {
      float[] a = new float[5];
      float[] b = new float[5];
      m.scoreItems(u, a);
      back.scoreItems(u, b);
      assertArrayEquals(a, b, 0f);
    }
  }
}
