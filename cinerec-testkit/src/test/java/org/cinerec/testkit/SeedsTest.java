package org.cinerec.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

class SeedsTest {

  @Test
  void masterSeedIsFixedByDefaultAndTakesHexOrRandom() {
    assertEquals(Seeds.DEFAULT_MASTER, Seeds.master(null));
    assertEquals(Seeds.DEFAULT_MASTER, Seeds.master(" "));
    assertEquals(0xffL, Seeds.master("ff"));
    assertEquals(0xffL, Seeds.master("0xFF"));
    assertEquals(-1L, Seeds.master("ffffffffffffffff"));
    assertNotEquals(Seeds.master("random"), Seeds.master("random"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Seeds.master("seven"));
    assertTrue(e.getMessage().contains("-Dcinerec.seed=seven"), e.getMessage());
  }

  @Test
  void seedsDependOnMasterAndTestIdentityOnly() {
    assertEquals(Seeds.seedFor(1, "a#b|x"), Seeds.seedFor(1, "a#b|x"));
    assertNotEquals(Seeds.seedFor(1, "a#b|x"), Seeds.seedFor(2, "a#b|x"));
    assertNotEquals(Seeds.seedFor(1, "a#b|x"), Seeds.seedFor(1, "a#b|y"));
    assertNotEquals(Seeds.seedFor(1, "ab#|"), Seeds.seedFor(1, "a#b|"));
  }

  /** Runs inside the engine below; not a test of this class on its own (no @ExtendWith on SeedsTest). */
  @ExtendWith(Seeds.class)
  static class Repeated {
    static final List<Long> SEEN = new ArrayList<>();

    @RepeatedTest(5)
    void draws(@Seeds.Seed long seed) {
      SEEN.add(seed);
    }
  }

  @ExtendWith(Seeds.class)
  static class Failing {
    @Test
    void fails(@Seeds.Seed long seed) {
      throw new AssertionError("boom " + (seed != 0));
    }
  }

  @Test
  void repetitionsGetDifferentSeedsAndTheSameOnesAgain() {
    Repeated.SEEN.clear();
    EngineTestKit.engine("junit-jupiter").selectors(selectClass(Repeated.class)).execute().testEvents()
        .assertStatistics(s -> s.succeeded(5));
    List<Long> first = new ArrayList<>(Repeated.SEEN);
    Set<Long> distinct = new HashSet<>(first);
    assertEquals(5, distinct.size(), "five repetitions, five seeds: " + first);
    Repeated.SEEN.clear();
    EngineTestKit.engine("junit-jupiter").selectors(selectClass(Repeated.class)).execute();
    assertEquals(first, Repeated.SEEN, "the same seeds on a second run");
  }

  @Test
  void aFailureCarriesItsSeedAndTheCommandThatRepeatsIt() {
    List<Event> failed = EngineTestKit.engine("junit-jupiter").selectors(selectClass(Failing.class)).execute()
        .testEvents().failed().list();
    assertEquals(1, failed.size());
    Throwable t = failed.get(0).getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow()
        .getThrowable().orElseThrow();
    assertEquals("boom true", t.getMessage());
    String info = Arrays.stream(t.getSuppressed()).map(Throwable::getMessage).findFirst().orElse("");
    assertTrue(info.matches("seed [0-9a-f]{16} \\(master [0-9a-f]{16}\\) of SeedsTest\\$Failing#fails .*"), info);
    assertTrue(info.contains("-Dcinerec.seed=" + Long.toHexString(Seeds.master())), info);
  }
}
