package org.cinerec.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import org.cinerec.CinerecException;
import org.cinerec.data.Catalog;
import org.cinerec.data.Dataset;
import org.cinerec.data.IdIndex;
import org.cinerec.data.Provenance;
import org.cinerec.data.Ratings;
import org.cinerec.data.XxHash64;
import org.cinerec.math.Rng;
import org.cinerec.testkit.Seeds;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code hash:F:SEED}: its definition on bytes, its share, and that each row is decided on its own. */
@ExtendWith(Seeds.class)
class HashSplitTest {

  @Test
  void thePairHashIsXxh64OfTheTwoIdHashesSeededWithTheSplitSeed() {
    long uh = XxHash64.hash("1".getBytes(StandardCharsets.UTF_8), 0, 1, 0);
    long mh = XxHash64.hash("31".getBytes(StandardCharsets.UTF_8), 0, 2, 0);
    byte[] bytes = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(uh).putLong(mh).array();
    long h = XxHash64.hash(bytes, 0, 16, 42);
    assertEquals(h, HashSplit.pairHash(42, HashSplit.idHash("1"), HashSplit.idHash("31")));
    assertEquals(HashSplit.EXAMPLE_HASH_HEX, String.format(Locale.ROOT, "%016x", h));
    assertEquals((h >>> 11) * 0x1.0p-53 < 0.3, HashSplit.inTest(42, 0.3, 1, 31));
  }

  @Test
  void intIdsZeroPaddedIdsAndTextIdsHashAsTheirCanonicalForm() {
    assertEquals(HashSplit.idHash("7"), HashSplit.idHash("007"));
    assertEquals(HashSplit.idHash("7"), HashSplit.idHash(7));
    assertEquals(HashSplit.idHash("0"), HashSplit.idHash(0));
    assertEquals(XxHash64.hash("tt007"), HashSplit.idHash("tt007"));
    HashSplit s = new HashSplit(0.5, 3);
    for (int u = 0; u < 50; u++) {
      assertEquals(s.isTest("00" + u, Integer.toString(u + 100)), HashSplit.inTest(3, 0.5, u, u + 100));
    }
  }

  @Test
  void theTestShareIsTheFractionWithinBinomialNoise() {
    int n = 200_000;
    for (double f : new double[] {0.05, 0.2, 0.5, 0.9}) {
      for (long seed : new long[] {0, 42, -7}) {
        int test = 0;
        for (int k = 0; k < n; k++) {
          test += HashSplit.inTest(seed, f, k / 400, k % 400 * 13 + 1) ? 1 : 0;
        }
        double sd = Math.sqrt(n * f * (1 - f));
        assertTrue(Math.abs(test - n * f) < 4 * sd, "f " + f + " seed " + seed + ": " + test + " of " + n);
      }
    }
  }

  @Test
  void differentSeedsGiveNearlyIndependentTestSets() {
    int n = 100_000;
    int both = 0;
    for (int k = 0; k < n; k++) {
      both += HashSplit.inTest(1, 0.2, k, 5) && HashSplit.inTest(2, 0.2, k, 5) ? 1 : 0;
    }
    assertTrue(Math.abs(both - n * 0.04) < 4 * Math.sqrt(n * 0.04 * 0.96), "both test under seeds 1 and 2: " + both);
  }

  @RepeatedTest(20)
  void theTestPairsDoNotDependOnRowOrderVocabularyOrderOrIdSpelling(@Seeds.Seed long seed) {
    Rng rng = new Rng(seed);
    int users = 30;
    int items = 40;
    int n = 600;
    int[] cells = rng.permutation(users * items);
    int[] u = new int[n];
    int[] it = new int[n];
    float[] r = new float[n];
    for (int k = 0; k < n; k++) {
      u[k] = cells[k] / items;
      it[k] = cells[k] % items;
      r[k] = 1 + rng.nextInt(5);
    }
    Dataset a = dataset(u, it, r, users, items, false);
    // the same ratings, rows shuffled, vocabularies reversed, ids zero-padded
    int[] perm = rng.permutation(n);
    int[] u2 = new int[n];
    int[] it2 = new int[n];
    float[] r2 = new float[n];
    for (int k = 0; k < n; k++) {
      u2[k] = users - 1 - u[perm[k]];
      it2[k] = items - 1 - it[perm[k]];
      r2[k] = r[perm[k]];
    }
    Dataset b = dataset(u2, it2, r2, users, items, true);
    SplitSpec spec = SplitSpec.parse("hash:0.25:" + seed);
    Set<String> ta = pairs(spec.apply(a).test(), a);
    Set<String> tb = pairs(spec.apply(b).test(), b);
    assertEquals(ta, tb, "seed " + seed);
    assertFalse(ta.isEmpty(), "seed " + seed);
    Set<String> again = pairs(SplitSpec.parse(spec.spec()).apply(a).test(), a);
    assertEquals(ta, again, "seed " + seed);
  }

  @Test
  void trainAndTestKeepTheDataOrder() {
    int[] u = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};
    int[] it = new int[10];
    float[] r = new float[10];
    Arrays.fill(r, 3);
    Split s = new HashSplit(0.5, 1).apply(dataset(u, it, r, 10, 1, false));
    assertTrue(s.train().size() > 0 && s.test().size() > 0, s.toString());
    for (Ratings part : new Ratings[] {s.train(), s.test()}) {
      for (int k = 1; k < part.size(); k++) {
        assertTrue(part.user(k - 1) < part.user(k), s.toString());
      }
    }
  }

  @Test
  void theSpecParsesWithADefaultSeedAndRejectsBadFractions() {
    assertEquals("hash:0.2:42", SplitSpec.parse("hash:0.2").spec());
    assertEquals("hash:0.1:-3", SplitSpec.parse(" HASH:0.1:-3 ").spec());
    CinerecException e = assertThrows(CinerecException.class, () -> SplitSpec.parse("hash:1.5:1"));
    assertTrue(e.getMessage().contains("FRACTION 1.5"), e.getMessage());
    assertThrows(CinerecException.class, () -> SplitSpec.parse("hash"));
    assertThrows(CinerecException.class, () -> SplitSpec.parse("hash:0.2:x"));
  }

  private static Set<String> pairs(Ratings r, Dataset d) {
    Set<String> s = new HashSet<>();
    for (int k = 0; k < r.size(); k++) {
      s.add(d.users().key(r.user(k)) + "/" + d.items().key(r.item(k)));
    }
    return s;
  }

  private static Dataset dataset(int[] u, int[] it, float[] r, int users, int items, boolean padded) {
    String[] uid = new String[users];
    for (int i = 0; i < users; i++) {
      uid[i] = (padded ? "00" : "") + (padded ? users - 1 - i : i);
    }
    String[] iid = new String[items];
    Catalog.Builder cat = Catalog.builder();
    for (int i = 0; i < items; i++) {
      iid[i] = (padded ? "0" : "") + (100 + (padded ? items - 1 - i : i));
      cat.add("Movie " + i, 2000, new String[] {"Drama"}, null, null);
    }
    Ratings ratings = new Ratings(u, it, r, new int[u.length], users, items);
    return new Dataset(ratings, IdIndex.of(uid), IdIndex.of(iid), cat.build(), Provenance.of("test", u.length, null));
  }
}
