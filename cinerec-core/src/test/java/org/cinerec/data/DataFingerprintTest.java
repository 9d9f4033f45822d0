package org.cinerec.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import org.cinerec.math.Rng;
import org.junit.jupiter.api.Test;

/**
 * The fingerprint of docs/data.md: a hand-computed value (each step done with the reference tool
 * {@code xxhsum -H1} on the bytes the definition names) and order-independence under shuffles of rows
 * and vocabularies.
 */
class DataFingerprintTest {
  static final RatingScale HALVES = RatingScale.HALF_STARS;

  static Dataset data(String[] users, String[] items, int[] u, int[] i, float[] r, RatingScale scale) {
    Ratings ratings = new Ratings(u, i, r, new int[u.length], users.length, items.length);
    Catalog.Builder c = Catalog.builder();
    for (String id : items) {
      c.addPlaceholder(id);
    }
    return new Dataset(ratings, IdIndex.of(users), IdIndex.of(items), c.build(), Provenance.of("test", u.length, null),
        scale);
  }

  @Test
  void twoRatingsGiveTheValueComputedByHandWithTheReferenceTool() {
    // user "1" rated movie "2" 4.5 and user "10" rated movie "2" 3.0, on 0.5..5 in steps of 0.5:
    //   row1 = 0x760346a9fcc395b8, row2 = 0x3f5eed69fddd2d54, S = 0xb5623413faa0c30c,
    //   XXH64(int64 2 | S | 0.5 | 5.0 | 0.5) = 0xc7663129d06d6a72
    assertEquals(0x760346a9fcc395b8L, DataFingerprint.row("1", "2", 4.5f));
    assertEquals(0x3f5eed69fddd2d54L, DataFingerprint.row("10", "2", 3.0f));
    Dataset d = data(new String[] {"1", "10"}, new String[] {"2"}, new int[] {0, 1}, new int[] {0, 0},
        new float[] {4.5f, 3.0f}, HALVES);
    assertEquals(0xc7663129d06d6a72L, DataFingerprint.of(d));
    assertEquals("c7663129d06d6a72", DataFingerprint.hex(DataFingerprint.of(d)));
    assertEquals(0xc7663129d06d6a72L, DataFingerprint.finish(2, 0xb5623413faa0c30cL, HALVES));
  }

  @Test
  void theValueDoesNotDependOnTheOrderOfRowsOrOfTheVocabularies() {
    for (long seed = 1; seed <= 20; seed++) {
      Rng rng = new Rng(seed);
      int nu = 1 + rng.nextInt(30);
      int ni = 1 + rng.nextInt(30);
      int n = rng.nextInt(200);
      int[] u = new int[n];
      int[] i = new int[n];
      float[] r = new float[n];
      for (int k = 0; k < n; k++) {
        u[k] = rng.nextInt(nu);
        i[k] = rng.nextInt(ni);
        r[k] = 0.5f * (1 + rng.nextInt(10));
      }
      String[] users = ids("u", nu);
      String[] items = ids("", ni);
      long expected = DataFingerprint.of(data(users, items, u, i, r, HALVES));
      // shuffle the rows, and renumber users and items by a random permutation of each vocabulary
      int[] rows = permutation(n, rng);
      int[] up = permutation(nu, rng);
      int[] ip = permutation(ni, rng);
      String[] users2 = new String[nu];
      String[] items2 = new String[ni];
      for (int k = 0; k < nu; k++) {
        users2[up[k]] = users[k];
      }
      for (int k = 0; k < ni; k++) {
        items2[ip[k]] = items[k];
      }
      int[] u2 = new int[n];
      int[] i2 = new int[n];
      float[] r2 = new float[n];
      for (int k = 0; k < n; k++) {
        u2[k] = up[u[rows[k]]];
        i2[k] = ip[i[rows[k]]];
        r2[k] = r[rows[k]];
      }
      assertEquals(expected, DataFingerprint.of(data(users2, items2, u2, i2, r2, HALVES)), "seed " + seed);
    }
  }

  @Test
  void aChangedRatingIdOrScaleChangesTheValue() {
    String[] users = {"1", "2"};
    String[] items = {"7", "8"};
    long base = DataFingerprint.of(data(users, items, new int[] {0, 1}, new int[] {0, 1}, new float[] {4, 3}, HALVES));
    assertNotEquals(base, DataFingerprint.of(data(users, items, new int[] {0, 1}, new int[] {0, 1},
        new float[] {4, 3.5f}, HALVES)));
    assertNotEquals(base, DataFingerprint.of(data(users, items, new int[] {0, 1}, new int[] {1, 0},
        new float[] {4, 3}, HALVES)));
    assertNotEquals(base, DataFingerprint.of(data(users, items, new int[] {0, 1}, new int[] {0, 1},
        new float[] {4, 3}, new RatingScale(0, 10, 1, RatingScale.Source.GIVEN))));
    assertEquals(base, DataFingerprint.of(data(users, items, new int[] {0, 1}, new int[] {0, 1}, new float[] {4, 3},
        HALVES.withSource(RatingScale.Source.INFERRED))), "the scale's source is not part of it");
  }

  @Test
  void idsAreHashedInTheirCanonicalFormSoLeadingZerosOfNumericIdsDoNotCount() {
    long padded = DataFingerprint.of(data(new String[] {"0001"}, new String[] {"0770828", "tt0770828"},
        new int[] {0, 0}, new int[] {0, 1}, new float[] {4, 3}, HALVES));
    long plain = DataFingerprint.of(data(new String[] {"1"}, new String[] {"770828", "tt0770828"},
        new int[] {0, 0}, new int[] {0, 1}, new float[] {4, 3}, HALVES));
    assertEquals(plain, padded);
    long text = DataFingerprint.of(data(new String[] {"1"}, new String[] {"770828", "tt770828"},
        new int[] {0, 0}, new int[] {0, 1}, new float[] {4, 3}, HALVES));
    assertNotEquals(plain, text, "a text id keeps its zeros");
  }

  private static String[] ids(String prefix, int n) {
    List<String> out = new ArrayList<>();
    for (int k = 0; k < n; k++) {
      out.add(prefix + (k * 7 + 3));
    }
    return out.toArray(new String[0]);
  }

  private static int[] permutation(int n, Rng rng) {
    int[] p = new int[n];
    for (int k = 0; k < n; k++) {
      p[k] = k;
    }
    for (int k = n - 1; k > 0; k--) {
      int j = rng.nextInt(k + 1);
      int t = p[k];
      p[k] = p[j];
      p[j] = t;
    }
    return p;
  }
}
