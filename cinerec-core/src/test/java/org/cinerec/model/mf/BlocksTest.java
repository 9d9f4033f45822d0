package org.cinerec.model.mf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.cinerec.data.Ratings;
import org.cinerec.math.Rng;
import org.junit.jupiter.api.Test;

class BlocksTest {

  @Test
  void balancedGroupsNeverDifferByMoreThanTheHeaviestRow() {
    for (long seed = 1; seed <= 40; seed++) {
      Rng rng = new Rng(seed);
      int n = 1 + rng.nextInt(300);
      int ratings = rng.nextInt(5000);
      int[] ids = new int[ratings];
      for (int x = 0; x < ratings; x++) {
        // skewed: a few heavy rows, as real users are
        ids[x] = (int) (n * Math.pow(rng.nextDouble(), 3));
      }
      int[] group = Blocks.balancedGroups(ids, n);
      long[] load = new long[Blocks.B];
      int[] count = new int[n];
      for (int id : ids) {
        count[id]++;
        load[group[id]]++;
      }
      int heaviest = Arrays.stream(count).max().orElse(0);
      long spread = Arrays.stream(load).max().getAsLong() - Arrays.stream(load).min().getAsLong();
      assertTrue(spread <= heaviest, "seed " + seed + ": group loads " + Arrays.toString(load));
      for (int g : group) {
        assertTrue(g >= 0 && g < Blocks.B, "seed " + seed);
      }
    }
  }

  @Test
  void theOrderIsAPermutationGroupedByBlockAndStrataShareNoUserOrItem() {
    Rng rng = new Rng(5);
    int size = 2000;
    int[] user = new int[size];
    int[] item = new int[size];
    for (int x = 0; x < size; x++) {
      user[x] = rng.nextInt(50);
      item[x] = rng.nextInt(70);
    }
    Ratings r = new Ratings(user, item, new float[size], new int[size], 50, 70);
    Blocks blocks = new Blocks(r, 9);
    int[] order = blocks.order(r);
    int[] sorted = order.clone();
    Arrays.sort(sorted);
    int[] identity = new int[size];
    Arrays.setAll(identity, x -> x);
    assertArrayEquals(identity, sorted);
    for (int t = 1; t < size; t++) {
      assertTrue(blocks.block(user[order[t - 1]], item[order[t - 1]]) <= blocks.block(user[order[t]], item[order[t]]));
    }
    // blocks (g, (g + s) mod B) of one stratum: distinct user groups and distinct item groups
    for (int s = 0; s < Blocks.B; s++) {
      boolean[] userGroups = new boolean[Blocks.B];
      boolean[] itemGroups = new boolean[Blocks.B];
      for (int g = 0; g < Blocks.B; g++) {
        int b = g * Blocks.B + (g + s) % Blocks.B;
        userGroups[b / Blocks.B] = true;
        itemGroups[b % Blocks.B] = true;
      }
      for (int g = 0; g < Blocks.B; g++) {
        assertTrue(userGroups[g] && itemGroups[g]);
      }
    }
    assertEquals(blocks.block(3, 4) / Blocks.B, blocks.block(3, 60) / Blocks.B, "a user's group is one");
  }
}
