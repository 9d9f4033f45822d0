package org.cinerec.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.cinerec.data.Catalog;
import org.cinerec.data.RatingScale;
import org.cinerec.model.History;
import org.junit.jupiter.api.Test;

/** The home screen's rules: what counts as a high rating on each scale, and the favourite genres. */
class HomeScreenTest {

  static RatingScale scale(double min, double max, double step) {
    return new RatingScale(min, max, step, RatingScale.Source.GIVEN);
  }

  @Test
  void highIsEightyPercentUpTheScaleRoundedDownToItsStep() {
    assertEquals(4.0, HomeScreen.highRating(RatingScale.HALF_STARS), 1e-9); // 0.5 + 3.6 = 4.1 -> 4.0
    assertEquals(4.0, HomeScreen.highRating(RatingScale.WHOLE_STARS), 1e-9); // 1 + 3.2 = 4.2 -> 4
    assertEquals(8.0, HomeScreen.highRating(scale(0, 10, 1)), 1e-9);
    assertEquals(8.0, HomeScreen.highRating(scale(1, 10, 1)), 1e-9); // 1 + 7.2 -> 8
    assertEquals(0.8, HomeScreen.highRating(scale(0, 1, 0)), 1e-9); // continuous: no rounding
    assertEquals(1.0, HomeScreen.highRating(scale(1, 1, 0)), 1e-9); // one value (implicit): it is high
    assertTrue(HomeScreen.isHigh(RatingScale.HALF_STARS, 4.0));
    assertTrue(HomeScreen.isHigh(RatingScale.HALF_STARS, 5f));
    assertFalse(HomeScreen.isHigh(RatingScale.HALF_STARS, 3.5f));
    assertTrue(HomeScreen.isHigh(scale(1, 1, 0), 1f));
  }

  @Test
  void favouriteGenresCountHighRatingsOncePerMovieMostFirstTiesByName() {
    Catalog c = Catalog.builder()
        .add("Alien (1979)", 1979, new String[] {"Horror", "Sci-Fi"}, null, null)
        .add("Aliens (1986)", 1986, new String[] {"Action", "Sci-Fi"}, null, null)
        .add("Heat (1995)", 1995, new String[] {"Action", "Crime", "Thriller"}, null, null)
        .add("Up (2009)", 2009, new String[] {"Animation", "Comedy"}, null, null)
        .add("Shoah (1985)", 1985, new String[] {"(no genres listed)"}, null, null)
        .build();
    RatingScale s = RatingScale.HALF_STARS;
    // Alien 5, Aliens 4 (high), Heat 3.5 (not high), Up 4.5, Shoah 5 (no genre)
    History h = History.of(new int[] {0, 1, 2, 3, 4}, new float[] {5, 4, 3.5f, 4.5f, 5});
    // Sci-Fi 2; Action, Animation, Comedy, Horror 1 each: by name
    assertEquals(List.of("Sci-Fi", "Action", "Animation"), HomeScreen.favouriteGenres(c, s, h));
    assertEquals(List.of(), HomeScreen.favouriteGenres(c, s, History.of(new int[] {2}, new float[] {3.5f})));
    assertEquals(List.of(), HomeScreen.favouriteGenres(c, s, History.EMPTY));
  }

  @Test
  void genreAffinityIsTheCosineToTheLikedGenresScaledSoTheBestIsOne() {
    Catalog c = Catalog.builder()
        .add("Alien (1979)", 1979, new String[] {"Horror", "Sci-Fi"}, null, null)
        .add("Thing, The (1982)", 1982, new String[] {"Horror", "Sci-Fi", "Thriller"}, null, null)
        .add("Halloween (1978)", 1978, new String[] {"Horror"}, null, null)
        .add("Airplane! (1980)", 1980, new String[] {"Comedy"}, null, null)
        .add("Heat (1995)", 1995, new String[] {"Action", "Crime", "Thriller"}, null, null)
        .add("Shoah (1985)", 1985, new String[] {"(no genres listed)"}, null, null)
        .build();
    // the Javadoc's example: Alien and The Thing rated high; Airplane! rated low counts for nothing
    History h = History.of(new int[] {0, 1, 3}, new float[] {5, 4.5f, 1});
    float[] a = HomeScreen.genreAffinity(c, RatingScale.HALF_STARS, h);
    double best = 5 / (Math.sqrt(3) * 3); // The Thing: (Horror 2 + Sci-Fi 2 + Thriller 1) / (√3 · |(2, 2, 1)|)
    assertEquals(4 / (Math.sqrt(2) * 3) / best, a[0], 1e-6); // Alien
    assertEquals(1f, a[1], 1e-6);
    assertEquals(2 / 3.0 / best, a[2], 1e-6); // Halloween
    assertEquals(0f, a[3]);
    assertEquals(1 / (Math.sqrt(3) * 3) / best, a[4], 1e-6); // Heat: Thriller only
    assertEquals(0f, a[5]);
    float[] none = HomeScreen.genreAffinity(c, RatingScale.HALF_STARS, History.of(new int[] {3}, new float[] {2}));
    for (float x : none) {
      assertEquals(0f, x);
    }
  }

  @Test
  void theTasteBoostFadesOutOverTheFirstFiftyRatings() {
    assertEquals(1.0, HomeScreen.tasteBoost(0), 1e-12);
    assertEquals(0.9, HomeScreen.tasteBoost(5), 1e-12);
    assertEquals(0.5, HomeScreen.tasteBoost(25), 1e-12);
    assertEquals(0.0, HomeScreen.tasteBoost(50), 1e-12);
    assertEquals(0.0, HomeScreen.tasteBoost(2698), 1e-12);
  }
}
