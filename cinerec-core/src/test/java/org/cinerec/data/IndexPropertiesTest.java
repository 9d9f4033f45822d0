package org.cinerec.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.cinerec.math.Rng;
import org.cinerec.testkit.Seeds;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Properties of the vocabularies and the CSR indexes on seeded random inputs (the seed is in each message). */
@ExtendWith(Seeds.class)
class IndexPropertiesTest {

  @Test
  void theWorkedExampleOfTheCsrJavadocHolds() {
    CsrIndex byUser = CsrIndex.build(new int[] {0, 2, 0, 2, 2}, 3);
    assertEquals("[0, 2, 2, 5]", Arrays.toString(byUser.offsets()));
    assertEquals("[0, 2, 1, 3, 4]", Arrays.toString(byUser.positions()));
  }

  @RepeatedTest(30)
  void csrGroupsEveryPositionOnceUnderItsKeyInFileOrder(@Seeds.Seed long seed) {
    Rng rng = new Rng(seed);
    int numKeys = 1 + rng.nextInt(50);
    int[] keys = new int[rng.nextInt(400)];
    for (int p = 0; p < keys.length; p++) {
      keys[p] = rng.nextInt(numKeys);
    }
    CsrIndex index = CsrIndex.build(keys, numKeys);
    boolean[] seen = new boolean[keys.length];
    int total = 0;
    for (int k = 0; k < numKeys; k++) {
      assertTrue(index.start(k) <= index.end(k), "seed " + seed);
      int previous = -1;
      for (int j = index.start(k); j < index.end(k); j++) {
        int p = index.positions()[j];
        assertEquals(k, keys[p], "seed " + seed + ": position " + p + " filed under the wrong key");
        assertTrue(p > previous, "seed " + seed + ": positions of key " + k + " out of file order");
        assertTrue(!seen[p], "seed " + seed + ": position " + p + " listed twice");
        seen[p] = true;
        previous = p;
        total++;
      }
    }
    assertEquals(keys.length, total, "seed " + seed + ": every position is listed");
  }

  @RepeatedTest(20)
  void anIdIndexMapsEveryIdToItsIndexAndBack(@Seeds.Seed long seed) {
    Rng rng = new Rng(seed);
    int[] perm = rng.permutation(1 + rng.nextInt(300));
    String[] ids = Arrays.stream(perm).mapToObj(i -> "id" + (i * 7 + 3)).toArray(String[]::new);
    IdIndex index = IdIndex.of(ids);
    assertEquals(ids.length, index.size());
    for (int i = 0; i < ids.length; i++) {
      assertEquals(i, index.indexOf(index.id(i)), "seed " + seed);
      assertEquals(ids[i], index.id(i), "seed " + seed);
    }
    assertEquals(-1, index.indexOf("id-unknown"), "seed " + seed);
  }

  @Test
  void anIdIndexComparesAllDigitIdsAsNumbersAndKeepsTheirSpelling() {
    IdIndex ids = IdIndex.of("10", "0007", "tt042", "0", "-5");
    assertEquals(1, ids.indexOf("0007"));
    assertEquals(1, ids.indexOf("7"));
    assertEquals(1, ids.indexOf("000000007"));
    assertEquals("0007", ids.id(1));
    assertEquals(java.util.List.of("10", "0007", "tt042", "0", "-5"), ids.asList(), "the spellings, in order");
    assertThrows(UnsupportedOperationException.class, () -> ids.asList().set(0, "11"), "a read-only view");
    assertEquals("7", ids.key(1));
    assertEquals(2, ids.indexOf("tt042"));
    assertEquals(-1, ids.indexOf("tt42"), "ids with letters are text");
    assertEquals(3, ids.indexOf("000"));
    assertEquals(4, ids.indexOf("-5"));
    assertEquals(-1, ids.indexOf("-05"), "a sign makes an id text");
    assertEquals(-1, ids.indexOf("8"));
    assertEquals("770828", IdIndex.key("0770828"));
    assertEquals("0", IdIndex.key("0000"));
    assertEquals("0a", IdIndex.key("0a"));
    assertEquals("", IdIndex.key(""));
    String canonical = "770828";
    assertSame(canonical, IdIndex.key(canonical), "a canonical id is returned as is");
  }

  @Test
  void anIdIndexRefusesTwoSpellingsOfOneNumber() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdIndex.of("42", "7", "007"));
    assertEquals("ids \"7\" (index 1) and \"007\" (index 2) are the same number", e.getMessage());
  }

  @Test
  void anIdIndexRefusesDuplicates() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IdIndex.of("1", "2", "1"));
    assertTrue(e.getMessage().contains("duplicate id \"1\" at indices 0 and 2"), e.getMessage());
  }

  @RepeatedTest(10)
  void selectingRowsKeepsTheirValuesAndTheIndexSpaces(@Seeds.Seed long seed) {
    Rng rng = new Rng(seed);
    int n = 1 + rng.nextInt(200);
    int[] u = new int[n];
    int[] it = new int[n];
    float[] r = new float[n];
    int[] t = new int[n];
    for (int p = 0; p < n; p++) {
      u[p] = rng.nextInt(20);
      it[p] = rng.nextInt(30);
      r[p] = 0.5f * (1 + rng.nextInt(10));
      t[p] = rng.nextInt(1_000_000);
    }
    Ratings ratings = new Ratings(u, it, r, t, 20, 30);
    int[] rows = rng.permutation(n);
    rows = Arrays.copyOf(rows, rng.nextInt(n + 1));
    Ratings part = ratings.select(rows);
    assertEquals(20, part.numUsers());
    assertEquals(30, part.numItems());
    for (int k = 0; k < rows.length; k++) {
      assertEquals(ratings.user(rows[k]), part.user(k), "seed " + seed);
      assertEquals(ratings.item(rows[k]), part.item(k), "seed " + seed);
      assertEquals(ratings.rating(rows[k]), part.rating(k), "seed " + seed);
      assertEquals(ratings.timestamp(rows[k]), part.timestamp(k), "seed " + seed);
    }
  }

  @Test
  void ratingsRefuseAnIndexOutsideTheirSpaceNamingTheRow() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new Ratings(new int[] {0, 5}, new int[] {0, 0}, new float[2], new int[2], 3, 1));
    assertTrue(e.getMessage().contains("user index 5 at row 1"), e.getMessage());
  }
}
