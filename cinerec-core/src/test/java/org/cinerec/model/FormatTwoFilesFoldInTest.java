package org.cinerec.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Models saved in format 2, before fold-in existed, fold a history in: what fold-in reads of training (the
 * parameters in the model's info, the training items) was already in the file.
 */
class FormatTwoFilesFoldInTest {

  @ParameterizedTest
  @ValueSource(strings = {"ease", "itemknn", "bpr", "multitask"})
  void aFormatTwoFileFoldsInAHistory(String kind) {
    Recommender m = ModelFiles.load(ModelFileFixturesTest.fixture("v2-" + kind + ".cinerec")).model();
    int[] items = new int[3];
    for (int i = 0, k = 0; i < m.items().size() && k < 3; i++) {
      if (m.knowsItem(i)) {
        items[k++] = i;
      }
    }
    History h = History.of(items, new float[] {5, 3.5f, 4});
    UserScorer s = m.foldIn(h);
    assertTrue(s.personal(), kind);
    float[] a = new float[m.items().size()];
    float[] b = new float[a.length];
    s.scoreItems(a);
    m.foldIn(h).scoreItems(b);
    assertArrayEquals(a, b, kind);
    for (float x : a) {
      assertTrue(Float.isFinite(x), kind);
    }
  }
}
