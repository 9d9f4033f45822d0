package org.cinerec.viz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.cinerec.data.Ratings;
import org.cinerec.data.RatingScale;
import org.cinerec.viz.stats.RatingBins;
import org.cinerec.viz.stats.RatingHistogram;
import org.junit.jupiter.api.Test;

/** The bars of a histogram follow the data's scale, not a fixed half-star one. */
class RatingBinsTest {

  @Test
  void halfStarsGiveTenBarsLabelledAsBefore() {
    RatingBins b = new RatingBins(RatingScale.HALF_STARS);
    assertEquals(10, b.count());
    assertEquals("0.5", b.label(0));
    assertEquals("5.0", b.label(9));
    assertEquals(3.5, b.centre(6));
    assertEquals(0.25, b.axisMin());
    assertEquals(5.25, b.axisMax());
  }

  @Test
  void zeroToTenInWholeNumbersGivesElevenBarsAndNothingOffTheScale() {
    RatingScale scale = new RatingScale(0, 10, 1, RatingScale.Source.INFERRED);
    RatingBins b = new RatingBins(scale);
    assertEquals(11, b.count());
    assertEquals("0", b.label(0));
    assertEquals("10", b.label(10));
    Ratings r = new Ratings(new int[4], new int[] {0, 1, 2, 3}, new float[] {0, 7, 10, 10}, new int[4], 1, 4);
    RatingHistogram h = RatingHistogram.of(r, scale);
    assertEquals(0, h.offScale());
    assertArrayEquals(new long[] {1, 0, 0, 0, 0, 0, 0, 1, 0, 0, 2}, h.counts());
  }

  @Test
  void aGivenScaleWithoutAStepIsDrawnOnTheStepItsRatingsSitOn() {
    // --scale 1:5 (no step) over Goodreads' whole stars: five bars, not ten ranges with every other one empty
    RatingScale given = new RatingScale(1, 5, 0, RatingScale.Source.GIVEN);
    Ratings whole = new Ratings(new int[4], new int[] {0, 1, 2, 3}, new float[] {1, 2, 4, 5}, new int[4], 1, 4);
    RatingScale drawn = RatingBins.drawn(given, whole);
    assertEquals(new RatingScale(1, 5, 1, RatingScale.Source.GIVEN), drawn);
    assertArrayEquals(new long[] {1, 1, 0, 1, 1}, RatingHistogram.of(whole, drawn).counts());
    // 0.5..5 given, whole stars only: the bars are the whole numbers within it
    assertEquals(new RatingScale(1, 5, 1, RatingScale.Source.GIVEN),
        RatingBins.drawn(new RatingScale(0.5, 5, 0, RatingScale.Source.GIVEN), whole));
    // ratings on no step, too many values, or a scale with a step of its own: drawn as they are
    Ratings odd = new Ratings(new int[2], new int[] {0, 1}, new float[] {1f / 3, 2}, new int[2], 1, 2);
    assertEquals(given, RatingBins.drawn(given, odd));
    RatingScale wide = new RatingScale(0, 100, 0, RatingScale.Source.GIVEN);
    assertEquals(wide, RatingBins.drawn(wide, whole));
    assertEquals(RatingScale.HALF_STARS, RatingBins.drawn(RatingScale.HALF_STARS, whole));
  }

  @Test
  void aContinuousScaleGetsTenEqualRangesWithTheTopValueInTheLast() {
    RatingBins b = new RatingBins(new RatingScale(0, 10, 0, RatingScale.Source.GIVEN));
    assertEquals(10, b.count());
    assertEquals(7, b.bin(7.25f));
    assertEquals(9, b.bin(10f));
    assertEquals(0, b.bin(0f));
    assertEquals(-1, b.bin(10.5f));
    assertEquals(-1, b.bin(-0.1f));
    assertEquals("7–8", b.label(7));
    assertEquals(7.5, b.centre(7));
  }

  @Test
  void aScaleWithManyStepsIsDrawnInRangesToo() {
    RatingBins b = new RatingBins(new RatingScale(0, 100, 1, RatingScale.Source.GIVEN));
    assertEquals(10, b.count());
    assertEquals(4, b.bin(45f));
    assertEquals("40–50", b.label(4));
  }
}
