package org.cinerec.model.bpr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.cinerec.Progress;
import org.cinerec.data.Dataset;
import org.cinerec.data.Ratings;
import org.cinerec.math.Rng;
import org.cinerec.math.SparseRows;
import org.cinerec.model.ItemEmbeddings;
import org.cinerec.model.ModelFamilies;
import org.cinerec.model.ModelInfo;
import org.cinerec.model.Recommender;
import org.cinerec.synth.Preset;
import org.cinerec.synth.SyntheticData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BprBlocksTest {
  static Dataset data;

  @BeforeAll
  static void generate() {
    // 3,000 movies: 8 item groups of 375
    data = SyntheticData.generate(Preset.TINY.resized("bpr", 200, 3_000, 20_000), 42, Progress.NONE);
  }

  static SparseRows positives(Ratings r) {
    return SparseRows.of(r.users(), r.items(), new float[r.size()], r.numUsers());
  }

  @Test
  void smallCataloguesGetFewerGroups() {
    assertEquals(1, BprBlocks.groups(8));
    assertEquals(1, BprBlocks.groups(511));
    assertEquals(3, BprBlocks.groups(1_000));
    assertEquals(8, BprBlocks.groups(9_742));
    assertEquals(8, BprBlocks.groups(62_423));
  }

  @Test
  void theSamplerNeverReturnsARatedItemAndStaysInTheBlocksItemGroup() {
    Ratings r = data.ratings();
    SparseRows pos = positives(r);
    BprBlocks blocks = new BprBlocks(pos, r.numItems(), 5);
    int groups = blocks.groups();
    assertEquals(8, groups);
    long seed = 13;
    System.out.println("seed " + seed);
    Rng rng = new Rng(seed);
    int[] perGroupHits = new int[groups];
    for (int u = 0; u < r.numUsers(); u++) {
      for (int h = 0; h < groups; h++) {
        for (int t = 0; t < 50; t++) {
          int j = blocks.negative(rng, u, h);
          assertTrue(j >= 0, "seed " + seed + ": user " + u + " has unrated items in group " + h);
          assertEquals(h, j % groups, "seed " + seed + ": negative " + j + " outside group " + h);
          assertTrue(pos.find(u, j) < 0, "seed " + seed + ": user " + u + " rated negative " + j);
          perGroupHits[h]++;
        }
      }
    }
    assertEquals(r.numUsers() * 50, perGroupHits[0]);
  }

  @Test
  void aUserWhoRatedTheWholeGroupGetsNoNegative() {
    // 3 items, 1 group: user 0 rated them all, user 1 rated item 1
    SparseRows pos = SparseRows.of(new int[] {0, 0, 0, 1}, new int[] {0, 1, 2, 1}, new float[4], 2);
    BprBlocks blocks = new BprBlocks(pos, 3, 1);
    Rng rng = new Rng(3);
    assertEquals(-1, blocks.negative(rng, 0, 0));
    for (int t = 0; t < 100; t++) {
      int j = blocks.negative(rng, 1, 0);
      assertTrue(j == 0 || j == 2, "negative " + j);
    }
  }

  @Test
  void aSeedGivesABitIdenticalModelWhateverTheThreadCount() {
    Recommender one = fit("1");
    float[] embOne = ((ItemEmbeddings) one).itemEmbeddings();
    List<ModelInfo.EpochRecord> hOne = one.info().history();
    for (String threads : new String[] {"2", "3", "8"}) {
      Recommender m = fit(threads);
      assertArrayEquals(embOne, ((ItemEmbeddings) m).itemEmbeddings(), threads + " threads: item vectors");
      float[] a = new float[data.numItems()];
      float[] b = new float[data.numItems()];
      for (int u = 0; u < data.numUsers(); u += 7) {
        one.scoreItems(u, a);
        m.scoreItems(u, b);
        assertArrayEquals(a, b, threads + " threads: scores of user " + u);
      }
      for (int e = 0; e < hOne.size(); e++) {
        assertEquals(hOne.get(e).metrics(), m.info().history().get(e).metrics(), threads + " threads: epoch " + e);
      }
    }
    assertFalse(hOne.isEmpty());
    double first = hOne.get(0).metrics().get("loss");
    double last = hOne.get(hOne.size() - 1).metrics().get("loss");
    assertTrue(last < first, "the loss falls: " + first + " -> " + last);
  }

  private static Recommender fit(String threads) {
    return ModelFamilies.trainer("bpr", Map.of("epochs", "5", "factors", "16", "threads", threads, "seed", "9"))
        .fit(data);
  }
}
