package org.cinerec.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.cinerec.data.Ratings;
import org.cinerec.testkit.Seeds;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.ExtendWith;

/** Properties every split has, checked on many seeded random small datasets (the seed is in each message). */
@ExtendWith(Seeds.class)
class SplitPropertiesTest {

  static final List<String> SPECS = List.of("random:0.2:42", "random:0.5:7", "hash:0.2:42", "hash:0.5:7", "ordered:0.2", "kfold:3:5",
      "kfold:5:42:4", "temporal:1", "temporal:3", "temporal-fraction:0.3", "stratified:0.25:42", "stratified:0.75:3");

  /** A rating row as one comparable long: user, item (rows are distinct pairs in the fixtures). */
  static long[] keys(Ratings r) {
    long[] k = new long[r.size()];
    for (int i = 0; i < k.length; i++) {
      k[i] = ((long) r.user(i) << 32) | r.item(i);
    }
    return k;
  }

  @RepeatedTest(60)
  void everySplitIsDisjointCompleteAndDeterministic(@Seeds.Seed long seed) {
    Ratings data = Fixtures.randomRatings(seed);
    for (String text : SPECS) {
      String msg = "seed " + seed + ", spec " + text + ", " + data;
      SplitSpec spec = SplitSpec.parse(text);
      Split s = spec.apply(Fixtures.dataset(data));
      long[] train = keys(s.train());
      long[] test = keys(s.test());
      long[] all = keys(data);
      assertEquals(all.length, train.length + test.length, msg);
      long[] union = new long[all.length];
      System.arraycopy(train, 0, union, 0, train.length);
      System.arraycopy(test, 0, union, train.length, test.length);
      Arrays.sort(union);
      Arrays.sort(all);
      assertTrue(Arrays.equals(all, union), "train + test is the data, each row once: " + msg);
      Split again = SplitSpec.parse(text).apply(Fixtures.dataset(data));
      assertEquals(s.train(), again.train(), msg);
      assertEquals(s.test(), again.test(), msg);
      assertEquals(spec.spec(), SplitSpec.parse(spec.spec()).spec(), msg);
    }
  }

  @RepeatedTest(40)
  void holdoutTakesFloorOfEightyPercentAsTrainAsSplitPyDoes(@Seeds.Seed long seed) {
    Ratings data = Fixtures.randomRatings(seed);
    Split s = SplitSpec.parse("random:0.2:1").apply(Fixtures.dataset(data));
    assertEquals((int) (data.size() * 0.8), s.train().size(), "seed " + seed);
  }

  @RepeatedTest(40)
  void kFoldTestSetsPartitionTheRows(@Seeds.Seed long seed) {
    Ratings data = Fixtures.randomRatings(seed);
    SplitSpec spec = SplitSpec.parse("kfold:4:" + seed);
    assertEquals(4, spec.folds());
    List<Long> seen = new ArrayList<>();
    for (int f = 0; f < spec.folds(); f++) {
      Split s = spec.fold(f).apply(Fixtures.dataset(data));
      int expected = (int) ((long) data.size() * (f + 1) / 4) - (int) ((long) data.size() * f / 4);
      assertEquals(expected, s.test().size(), "seed " + seed + " fold " + f);
      for (long k : keys(s.test())) {
        seen.add(k);
      }
    }
    long[] all = keys(data);
    Arrays.sort(all);
    long[] got = seen.stream().mapToLong(Long::longValue).sorted().toArray();
    assertTrue(Arrays.equals(all, got), "folds' test sets partition the rows, seed " + seed);
  }

  @RepeatedTest(40)
  void temporalTestRowsAreEachUsersLatest(@Seeds.Seed long seed) {
    Ratings data = Fixtures.randomRatings(seed);
    for (String text : List.of("temporal:2", "temporal-fraction:0.25")) {
      Split s = SplitSpec.parse(text).apply(Fixtures.dataset(data));
      int[] trainCount = new int[data.numUsers()];
      long[] latestTrain = new long[data.numUsers()];
      Arrays.fill(latestTrain, -1);
      for (int i = 0; i < s.train().size(); i++) {
        int u = s.train().user(i);
        trainCount[u]++;
        latestTrain[u] = Math.max(latestTrain[u], s.train().timestamp(i));
      }
      for (int i = 0; i < s.test().size(); i++) {
        int u = s.test().user(i);
        assertTrue(trainCount[u] >= 1, "every test user keeps a training rating, seed " + seed + " " + text);
        assertTrue(s.test().timestamp(i) >= latestTrain[u],
            "test rating is no older than any of the user's train ratings, seed " + seed + " " + text);
      }
    }
  }
}
