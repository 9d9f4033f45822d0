package org.cinerec.split;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cinerec.CinerecException;
import org.cinerec.data.Ratings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SplitSpecTest {

  @ParameterizedTest
  @CsvSource(delimiter = ';', value = {
      "random:0.2:42; random:0.2:42",
      "RANDOM:0.20:42; random:0.2:42",
      "random:0.25; random:0.25:42",
      "ordered:0.2; ordered:0.2",
      "kfold:5:42; kfold:5:42:0",
      "kfold:5; kfold:5:42:0",
      "kfold:5:1:3; kfold:5:1:3",
      "temporal:10; temporal:10",
      "temporal-fraction:0.2; temporal-fraction:0.2",
      "stratified:0.25:7; stratified:0.25:7",
      "Stratified:0.250; stratified:0.25:42",
      "files:a/train.csv,b/test.csv; files:a/train.csv,b/test.csv"})
  void parsesEachFormToItsCanonicalText(String text, String canonical) {
    assertEquals(canonical, SplitSpec.parse(text).spec());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "random", "random:1.5:4", "random:0:4", "random:x:4", "random:0.2:x", "ordered",
      "kfold:1:2", "kfold:3:2:3", "temporal:0", "temporal:a", "temporal-fraction:1", "files:a.csv", "bogus:1",
      "stratified", "stratified:1:2", "stratified:0.25:x", "stratified:0.25:1:2",
      "random:0.2:1:2"})
  void rejectsABadSpecAsAUsageErrorNamingTheFlagAndTheForms(String text) {
    CinerecException e = assertThrows(CinerecException.class, () -> SplitSpec.parse(text));
    assertEquals(CinerecException.Kind.USAGE, e.kind());
    assertTrue(e.getMessage().startsWith("--split \""), e.getMessage());
    assertTrue(e.getMessage().contains("random:FRACTION:SEED"), e.getMessage());
  }

  @Test
  void orderedSplitKeepsFileOrderSoTheLastUsersAreOnlyInTest() {
    // 2 users x 5 ratings, sorted by user as MovieLens is: ordered:0.4 puts user 1's last 4 rows in test
    int[] u = {0, 0, 0, 0, 0, 1, 1, 1, 1, 1};
    int[] it = {0, 1, 2, 3, 4, 0, 1, 2, 3, 4};
    Ratings r = new Ratings(u, it, new float[10], new int[10], 2, 5);
    Split s = SplitSpec.parse("ordered:0.4").apply(Fixtures.dataset(r));
    assertArrayEquals(new int[] {0, 0, 0, 0, 0, 1}, s.train().users());
    assertArrayEquals(new int[] {1, 1, 1, 1}, s.test().users());
    assertArrayEquals(new int[] {1, 2, 3, 4}, s.test().items());
    assertEquals("ordered:0.4", s.spec());
  }

  @Test
  void temporalLeavesEachUsersLatestOutBreakingTiesByRowOrder() {
    // user 0: times 5, 9, 9, 1 -> latest two are rows 1 and 2 (tie at 9: both); user 1: times 3, 3, 3 ->
    // the tie is broken by row order, so the last row (6) is the latest; user 2 has one rating: kept in train
    int[] u = {0, 0, 0, 0, 1, 1, 1, 2};
    int[] it = {0, 1, 2, 3, 0, 1, 2, 0};
    int[] t = {5, 9, 9, 1, 3, 3, 3, 4};
    Ratings r = new Ratings(u, it, new float[8], t, 3, 4);
    Split one = SplitSpec.parse("temporal:1").apply(Fixtures.dataset(r));
    assertArrayEquals(new int[] {0, 1}, one.test().users());
    assertArrayEquals(new int[] {2, 2}, one.test().items()); // user 0's row 2 (tie at 9, later row), user 1's row 6
    Split two = SplitSpec.parse("temporal:2").apply(Fixtures.dataset(r));
    assertArrayEquals(new int[] {0, 0, 1, 1}, two.test().users());
    assertArrayEquals(new int[] {1, 2, 1, 2}, two.test().items());
    assertArrayEquals(new int[] {0, 0, 1, 2}, two.train().users());
  }

  @Test
  void temporalFractionTakesTheSameShareAsHoldoutPerUser() {
    int n = 20;
    int[] u = new int[n];
    int[] it = new int[n];
    int[] t = new int[n];
    for (int i = 0; i < n; i++) {
      it[i] = i;
      t[i] = 100 - i; // file order is newest first
    }
    Ratings r = new Ratings(u, it, new float[n], t, 1, n);
    Split s = SplitSpec.parse("temporal-fraction:0.2").apply(Fixtures.dataset(r));
    assertArrayEquals(new int[] {0, 1, 2, 3}, s.test().items());
  }

  @Test
  void theSameSeedGivesTheSameShuffleAndAnotherSeedAnother() {
    Ratings r = Fixtures.randomRatings(99);
    while (r.size() < 30) {
      r = Fixtures.randomRatings(r.size() + 1000L);
    }
    Split a = SplitSpec.parse("random:0.2:1").apply(Fixtures.dataset(r));
    Split b = SplitSpec.parse("random:0.2:1").apply(Fixtures.dataset(r));
    Split c = SplitSpec.parse("random:0.2:2").apply(Fixtures.dataset(r));
    assertEquals(a.test(), b.test());
    assertTrue(!a.test().equals(c.test()), "seeds 1 and 2 give different test sets");
  }

  @Test
  void lastFoldOfFiveIsTheRandomHoldoutOfTheSameSeed() {
    Ratings r = Fixtures.randomRatings(4242);
    Split fold = SplitSpec.parse("kfold:5:42:4").apply(Fixtures.dataset(r));
    Split holdout = SplitSpec.parse("random:0.2:42").apply(Fixtures.dataset(r));
    assertEquals(holdout.test(), fold.test());
  }
}
