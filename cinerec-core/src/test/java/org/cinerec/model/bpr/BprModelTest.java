package org.cinerec.model.bpr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.cinerec.CinerecException;
import org.cinerec.data.Dataset;
import org.cinerec.modeltest.ModelChecks;
import org.cinerec.model.ItemFilter;
import org.cinerec.model.ModelFamilies;
import org.cinerec.model.Recommender;
import org.cinerec.model.ScoredItems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BprModelTest {

  static Recommender fit(Dataset d, long seed) {
    return fit(d, seed, "blocked");
  }

  static Recommender fit(Dataset d, long seed, String schedule) {
    Map<String, String> p = new HashMap<>();
    p.put("schedule", schedule);
    p.put("epochs", "300");
    p.put("factors", "8");
    p.put("seed", Long.toString(seed));
    return ModelFamilies.trainer("bpr", p).fit(d);
  }

  @ParameterizedTest
  @CsvSource({"1, blocked", "2, blocked", "3, blocked", "1, uniform", "2, uniform", "3, uniform"})
  void aUserWhoRatedOnlyComediesGetsComediesRecommended(long seed, String schedule) {
    Dataset d = ModelChecks.genreFixture();
    Recommender m = fit(d, seed, schedule);
    ScoredItems top = m.recommend(6, 2, ItemFilter.rated(d.ratings()));
    for (int i : top.items()) {
      assertTrue(i == 2 || i == 3, schedule + " seed " + seed + ": expected comedies 2 and 3, got item " + i);
    }
  }

  @Test
  void theSameSeedGivesTheSameModelAndAnotherSeedAnotherOne(@TempDir Path dir) {
    Dataset d = ModelChecks.genreFixture();
    Recommender a = fit(d, 5);
    Recommender b = fit(d, 5);
    Recommender c = fit(d, 6);
    float[] x = new float[d.numItems()];
    float[] y = new float[d.numItems()];
    float[] z = new float[d.numItems()];
    a.scoreItems(0, x);
    b.scoreItems(0, y);
    c.scoreItems(0, z);
    assertArrayEquals(x, y);
    assertNotEquals(x[0], z[0]);
    ModelChecks.roundTrip(a, d, dir);
    Recommender u = fit(d, 5, "uniform");
    u.scoreItems(0, z);
    assertArrayEquals(z, scores(fit(d, 5, "uniform")));
    ModelChecks.roundTrip(u, d, dir);
  }

  private static float[] scores(Recommender m) {
    float[] out = new float[m.items().size()];
    m.scoreItems(0, out);
    return out;
  }

  @Test
  void itOnlyRanksAndAnUnknownUserGetsTheItemBias() {
    Dataset d = ModelChecks.genreFixture();
    Recommender m = fit(d, 1);
    assertFalse(m.predictsRatings());
    assertFalse(m.knowsUser(-1));
    float[] s = new float[d.numItems()];
    m.scoreItems(-1, s);
    for (int i = 0; i < s.length; i++) {
      assertEquals(s[i], m.predict(-1, i));
    }
    float[] sim = new float[d.numItems()];
    m.similarItems(2, sim);
    assertEquals(1f, sim[2], 1e-5);
  }

  @Test
  void badHyperParametersAreRejectedNamingTheFlag() {
    CinerecException e = assertThrows(CinerecException.class, () -> ModelFamilies.trainer("bpr", Map.of("factors", "0")));
    assertTrue(e.getMessage().contains("--factors"), e.getMessage());
    e = assertThrows(CinerecException.class, () -> ModelFamilies.trainer("bpr", Map.of("learning-rate", "abc")));
    assertTrue(e.getMessage().contains("--learning-rate"), e.getMessage());
  }
}
