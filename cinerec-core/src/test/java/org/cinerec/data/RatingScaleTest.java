package org.cinerec.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cinerec.CinerecException;
import org.junit.jupiter.api.Test;

class RatingScaleTest {

  static RatingScale infer(float... r) {
    return RatingScale.infer(r, r.length);
  }

  @Test
  void inferenceFindsTheObservedBoundsAndTheCoarsestStepEveryValueIsAMultipleOf() {
    assertEquals(new RatingScale(1, 5, 1, RatingScale.Source.INFERRED), infer(1, 3, 5, 2));
    assertEquals(new RatingScale(0.5, 4.5, 0.5, RatingScale.Source.INFERRED), infer(0.5f, 2, 4.5f));
    assertEquals(new RatingScale(0, 10, 1, RatingScale.Source.INFERRED), infer(0, 10, 7, 3));
    assertEquals(0.25, infer(0, 10, 7.25f).step());
    assertEquals(2, infer(2, 4, 10).step());
    assertEquals(0.1, infer(0.1f, 0.3f, 1.2f).step(), "float noise in tenths is not a finer step");
    assertEquals(0.1, infer(0.1f, 0.3f).min());
    assertEquals(0.001, infer(0.333f, 1).step());
    assertEquals(0, infer(1f / 3, 1).step(), "no decimal step: continuous");
    assertEquals(0, infer(-1.5f, 2.25f, 3).min() + 1.5);
    assertEquals(0.75, infer(-1.5f, 2.25f, 3).step(), "-1.5, 2.25 and 3 are multiples of 0.75");
    assertEquals(new RatingScale(0, 0, 0, RatingScale.Source.INFERRED), RatingScale.infer(new float[0], 0));
  }

  @Test
  void aValueIsOnTheScaleWhenInRangeAndOnAStep() {
    RatingScale halves = RatingScale.HALF_STARS;
    assertTrue(halves.contains(0.5f) && halves.contains(5f) && halves.contains(3.5f));
    assertFalse(halves.contains(0f));
    assertFalse(halves.contains(5.5f));
    assertFalse(halves.contains(4.25f));
    assertFalse(halves.contains(Float.NaN));
    RatingScale tenths = RatingScale.parse("0:1:0.1", "--scale");
    assertTrue(tenths.contains(0.3f) && tenths.contains(0.7f), "0.3f is 0.3 within float noise");
    RatingScale any = RatingScale.parse("0:10", "--scale");
    assertTrue(any.contains(7.123f) && any.contains(0) && any.contains(10));
    assertEquals(11, RatingScale.parse("0:10:1", "--scale").values());
    assertEquals(10, halves.values());
    assertEquals(0, any.values());
  }

  @Test
  void parsingTakesMinMaxAndAnOptionalStepAndNamesTheFlagWhenWrong() {
    assertEquals(new RatingScale(0, 10, 0, RatingScale.Source.GIVEN), RatingScale.parse("0:10", "--scale"));
    assertEquals(new RatingScale(0.5, 5, 0.5, RatingScale.Source.GIVEN), RatingScale.parse(" 0.5:5:0.5 ", "--scale"));
    assertEquals(RatingScale.parse("1:10", "--scale"), RatingScale.parse("1..10", "--scale"), "as info prints it");
    assertEquals(RatingScale.parse("0.5:5:0.5", "--scale"), RatingScale.parse("0.5..5:0.5", "--scale"));
    assertEquals(RatingScale.parse("-5:5", "--scale"), RatingScale.parse("-5..5", "--scale"));
    for (String bad : new String[] {"10", "0-10", "a:10", "..10", "1..", "1..5..9", "1:5..9", "1...10", "10:0", "5:5",
        "0:10:0", "0:10:-1", "0:10:3", "0:10:1:2",
        "NaN:5", "0:Infinity", "1:5f"}) {
      CinerecException e = assertThrows(CinerecException.class, () -> RatingScale.parse(bad, "--scale"), bad);
      assertEquals(CinerecException.Kind.USAGE, e.kind(), bad);
      assertTrue(e.getMessage().startsWith("--scale " + bad.strip() + ": "), e.getMessage());
    }
  }

  @Test
  void textIsShortAndExact() {
    assertEquals("0.5..5 in steps of 0.5", RatingScale.HALF_STARS.text());
    assertEquals("0.5..5 in steps of 0.5 (format)", RatingScale.HALF_STARS.describe());
    assertEquals("0.5:5:0.5", RatingScale.HALF_STARS.spec());
    assertEquals("0..10", RatingScale.parse("0:10", "--scale").text());
    assertEquals(4.5f, RatingScale.HALF_STARS.clip(4.5f));
    assertEquals(5f, RatingScale.HALF_STARS.clip(7f));
    assertEquals(0.5f, RatingScale.HALF_STARS.clip(-1f));
  }
}
