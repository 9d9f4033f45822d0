package org.cinerec.split;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.BitSet;
import org.cinerec.Progress;
import org.cinerec.testkit.SharedData;
import org.cinerec.data.Dataset;
import org.cinerec.io.DataSources;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Splits of the real ml-latest-small, with the counts peers/split.py gives (peers/README.md). */
class RealDataSplitTest {
  static Dataset data;

  @BeforeAll
  static void load() {
    data = DataSources.load(SharedData.mlLatestSmall());
  }

  @Test
  void randomHoldoutHasThePeersCounts() {
    Split s = SplitSpec.parse("random:0.2:42").apply(data);
    assertEquals(80_668, s.train().size());
    assertEquals(20_168, s.test().size());
  }

  /** The counts an independent XXH64 in Python (per the spec, checked on its known answers) gives. */
  @Test
  void hashHoldoutHasTheCountsOfAnIndependentImplementation() {
    Split s = SplitSpec.parse("hash:0.2:42").apply(data);
    assertEquals(80_787, s.train().size());
    assertEquals(20_049, s.test().size());
  }

  /** Σ_u floor(0.75·n_u) train, as python_stratified_split's rank/count <= 0.75 (every user has ≥ 20 ratings). */
  @Test
  void stratifiedSplitHasRecommendersPerUserCounts() {
    Split s = SplitSpec.parse("stratified:0.25:42").apply(data);
    assertEquals(75_403, s.train().size());
    assertEquals(25_433, s.test().size());
  }

  @Test
  void orderedSplitPutsAlmostAllTestUsersOnlyInTheTestSetAsTheNotebookDid() {
    Split s = SplitSpec.parse("ordered:0.2").apply(data);
    assertEquals(80_668, s.train().size());
    BitSet train = new BitSet();
    for (int u : s.train().users()) {
      train.set(u);
    }
    BitSet test = new BitSet();
    for (int u : s.test().users()) {
      test.set(u);
    }
    assertEquals(102, test.cardinality());
    test.andNot(train);
    assertEquals(101, test.cardinality(), "test users never seen in training");
  }

  @Test
  void aSplitWrittenAsCsvReadsBackAsTheSameRowsThroughTheFilesSpec(@TempDir Path dir) {
    Split s = SplitSpec.parse("temporal:5").apply(data);
    s.writeCsv(dir, data, Progress.NONE);
    Split back = SplitSpec.parse("files:" + dir.resolve("train.csv") + "," + dir.resolve("test.csv")).apply(data);
    assertEquals(s.train(), back.train());
    assertEquals(s.test(), back.test());
    assertEquals(610 * 5, s.test().size());
  }
}
