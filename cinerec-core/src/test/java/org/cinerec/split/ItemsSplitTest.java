package org.cinerec.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;
import org.cinerec.CinerecException;
import org.cinerec.data.Catalog;
import org.cinerec.data.Dataset;
import org.cinerec.data.IdIndex;
import org.cinerec.data.Provenance;
import org.cinerec.data.Ratings;
import org.cinerec.math.Rng;
import org.junit.jupiter.api.Test;

/** {@code items:F:SEED}: whole movies held out, decided by the movie id alone. */
class ItemsSplitTest {

  /** 300 users x 2,000 movies, each user rating 40 random movies; ids "u7", "m123"; rows in {@code order}. */
  private static Dataset data(long seed, boolean reversed) {
    Rng rng = new Rng(seed);
    int users = 300;
    int items = 2000;
    int[][] rows = new int[users * 40][];
    int k = 0;
    for (int u = 0; u < users; u++) {
      Set<Integer> seen = new HashSet<>();
      while (seen.size() < 40) {
        int i = rng.nextInt(items);
        if (seen.add(i)) {
          rows[k++] = new int[] {u, i};
        }
      }
    }
    int n = rows.length;
    int[] us = new int[n];
    int[] is = new int[n];
    float[] r = new float[n];
    int[] t = new int[n];
    for (int p = 0; p < n; p++) {
      int[] row = rows[reversed ? n - 1 - p : p];
      us[p] = reversed ? users - 1 - row[0] : row[0];
      is[p] = reversed ? items - 1 - row[1] : row[1];
      r[p] = 1 + (row[0] + row[1]) % 5;
      t[p] = p;
    }
    String[] uid = new String[users];
    String[] mid = new String[items];
    for (int u = 0; u < users; u++) {
      uid[u] = "u" + (reversed ? users - 1 - u : u);
    }
    Catalog.Builder b = Catalog.builder();
    for (int i = 0; i < items; i++) {
      mid[i] = "m" + (reversed ? items - 1 - i : i);
      b.add("Movie " + mid[i], 2000, new String[] {"Drama"}, null, null);
    }
    return new Dataset(new Ratings(us, is, r, t, users, items), IdIndex.of(uid), IdIndex.of(mid), b.build(),
        Provenance.of("test", n, null));
  }

  private static Set<String> pairs(Ratings r, Dataset d) {
    Set<String> s = new TreeSet<>();
    for (int p = 0; p < r.size(); p++) {
      s.add(d.users().id(r.user(p)) + "/" + d.items().id(r.item(p)));
    }
    return s;
  }

  @Test
  void everyMovieIsWhollyOnOneSideAndTheHeldOutShareIsAboutF() {
    Dataset d = data(3, false);
    ItemsSplit spec = (ItemsSplit) SplitSpec.parse("items:0.1:42");
    Split s = spec.apply(d);
    Set<Integer> trainMovies = new HashSet<>();
    for (int p = 0; p < s.train().size(); p++) {
      trainMovies.add(s.train().item(p));
      assertTrue(!spec.isNew(d.items().id(s.train().item(p))));
    }
    Set<Integer> testMovies = new HashSet<>();
    for (int p = 0; p < s.test().size(); p++) {
      testMovies.add(s.test().item(p));
      assertTrue(spec.isNew(d.items().id(s.test().item(p))));
    }
    for (int i : testMovies) {
      assertTrue(!trainMovies.contains(i), "movie " + i + " on both sides");
    }
    int rated = trainMovies.size() + testMovies.size();
    double share = (double) testMovies.size() / rated;
    // binomial: sd = sqrt(0.1 * 0.9 / ~2000) = 0.0067; 4 sd
    assertEquals(0.1, share, 0.027, "share of held-out movies " + share);
    assertEquals(d.ratings().size(), s.train().size() + s.test().size());
  }

  @Test
  void theSameMoviesAreHeldOutInAnyRowAndIndexOrder() {
    Dataset a = data(5, false);
    Dataset b = data(5, true);
    Split sa = SplitSpec.parse("items:0.2:7").apply(a);
    Split sb = SplitSpec.parse("items:0.2:7").apply(b);
    assertEquals(pairs(sa.test(), a), pairs(sb.test(), b));
    assertEquals(pairs(sa.train(), a), pairs(sb.train(), b));
    Split other = SplitSpec.parse("items:0.2:8").apply(a);
    assertTrue(!pairs(other.test(), a).equals(pairs(sa.test(), a)), "the seed decides which movies");
  }

  @Test
  void theSpecIsCanonicalAndBadFormsAreUsageErrorsNamingTheFlag() {
    assertEquals("items:0.1:42", SplitSpec.parse("items:0.1:42").spec());
    assertEquals("items:0.1:42", SplitSpec.parse("items:0.10").spec());
    assertTrue(SplitSpec.parse("items:0.1:3").holdsOutMovies());
    CinerecException e = assertThrows(CinerecException.class, () -> SplitSpec.parse("items:1.5:1"));
    assertTrue(e.getMessage().contains("--split \"items:1.5:1\""), e.getMessage());
    assertThrows(CinerecException.class, () -> SplitSpec.parse("items"));
    assertThrows(CinerecException.class, () -> SplitSpec.parse("items:0.1:x"));
  }
}
