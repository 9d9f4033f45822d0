package org.cinerec.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.cinerec.data.Ratings;
import org.junit.jupiter.api.Test;

class TrainingItemsTest {

  /** The class comment's example: u0 rated {m3, m1} (m3 twice), u1 nothing, u2 {m0}; 4 movies, m2 unrated. */
  private static TrainingItems example() {
    Ratings r = new Ratings(new int[] {0, 0, 2, 0}, new int[] {3, 1, 0, 3}, new float[] {4, 3, 5, 2},
        new int[] {0, 1, 2, 3}, 3, 4);
    return TrainingItems.of(r);
  }

  @Test
  void countsTheDistinctRatersOfEachMovie() {
    assertArrayEquals(new int[] {1, 1, 0, 1}, example().raters(4));
    assertArrayEquals(new int[] {1, 1, 0, 1, 0, 0}, example().raters(6));
  }

  @Test
  void aVocabularyTooSmallForTheTrainingItemsIsAnError() {
    assertThrows(IllegalArgumentException.class, () -> example().raters(3));
  }
}
