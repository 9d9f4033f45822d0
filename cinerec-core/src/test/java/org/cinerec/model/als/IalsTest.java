package org.cinerec.model.als;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.cinerec.data.Dataset;
import org.cinerec.math.Rng;
import org.cinerec.model.ItemFilter;
import org.cinerec.model.ModelFamilies;
import org.cinerec.model.Recommender;
import org.cinerec.model.ScoredItems;
import org.cinerec.model.mf.Fixtures;
import org.junit.jupiter.api.Test;

class IalsTest {

  /**
   * Two taste groups: users 0..19 watch among items 0..9, users 20..39 among items 10..19, each user about
   * half of their group's items. A rank-2 model (the structure's rank) must recommend, with rated items
   * excluded, only movies of the user's own group.
   */
  @Test
  void recommendsMoviesFromTheUsersOwnTasteGroup() {
    long seed = 11;
    System.out.println("seed " + seed);
    Rng rng = new Rng(seed);
    List<int[]> cells = new ArrayList<>();
    for (int u = 0; u < 40; u++) {
      int base = u < 20 ? 0 : 10;
      for (int i = 0; i < 10; i++) {
        if (rng.nextDouble() < 0.5) {
          cells.add(new int[] {u, base + i});
        }
      }
    }
    int n = cells.size();
    int[] us = new int[n];
    int[] is = new int[n];
    float[] rs = new float[n];
    for (int k = 0; k < n; k++) {
      us[k] = cells.get(k)[0];
      is[k] = cells.get(k)[1];
      rs[k] = 1 + rng.nextInt(5);
    }
    Dataset d = Fixtures.dataset(41, 20, us, is, rs);
    Recommender m = ModelFamilies.trainer("ials", Map.of("factors", "2", "iterations", "10", "alpha", "2")).fit(d);
    assertFalse(m.predictsRatings());
    ItemFilter rated = ItemFilter.rated(d.ratings());
    for (int u = 0; u < 40; u++) {
      int unrated = 10 - d.ratings().byUser().count(u);
      ScoredItems top = m.recommend(u, Math.min(3, unrated), rated);
      for (int item : top.items()) {
        assertEquals(u < 20, item < 10, "user " + u + " got item " + item);
      }
    }
    // items of the same group are more similar than items across groups
    float[] sims = new float[20];
    m.similarItems(0, sims);
    for (int j = 1; j < 10; j++) {
      for (int o = 10; o < 20; o++) {
        assertTrue(sims[j] > sims[o], "sim(0," + j + ")=" + sims[j] + " sim(0," + o + ")=" + sims[o]);
      }
    }
    // user 40 has no ratings: ranked by popularity
    assertFalse(m.knowsUser(40));
    float[] scores = new float[20];
    m.scoreItems(40, scores);
    int most = 0;
    for (int i = 1; i < 20; i++) {
      if (d.ratings().byItem().count(i) > d.ratings().byItem().count(most)) {
        most = i;
      }
    }
    assertEquals(1f, scores[most], 0f);
    assertEquals(scores[most], m.predict(40, most), 0f);
  }
}
