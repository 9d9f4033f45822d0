package org.cinerec.modeltest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.cinerec.data.Dataset;
import org.cinerec.model.Recommender;
import org.cinerec.model.ModelFiles;

/** Shared test checks for the neighbour models: model-file round trips and genre fixtures. */
public final class ModelChecks {
  private ModelChecks() {}

  /**
   * Comedies 0-3 and horrors 4-7. Users 0-2 love comedies (rate them 4.5-5, horror 4 at 2), users 3-5
   * love horror (rate them 4-5, comedy 0 at 1.5). User 6 rated only comedies 0 and 1, both 5.
   */
  public static Dataset genreFixture() {
    String[] movies = {"Comedy A|Comedy", "Comedy B|Comedy", "Comedy C|Comedy", "Comedy D|Comedy",
        "Horror A|Horror", "Horror B|Horror", "Horror C|Horror", "Horror D|Horror"};
    double[][] t = {
        {0, 0, 5}, {0, 1, 4.5}, {0, 2, 5}, {0, 3, 4.5}, {0, 4, 2},
        {1, 0, 4.5}, {1, 1, 5}, {1, 2, 4.5}, {1, 3, 5}, {1, 4, 2},
        {2, 0, 5}, {2, 1, 5}, {2, 2, 4.5}, {2, 3, 4.5},
        {3, 4, 4.5}, {3, 5, 4}, {3, 6, 4.5}, {3, 7, 4}, {3, 0, 1.5},
        {4, 4, 4}, {4, 5, 4.5}, {4, 6, 4}, {4, 7, 4.5}, {4, 0, 1.5},
        {5, 4, 4.5}, {5, 5, 4.5}, {5, 6, 4}, {5, 7, 4},
        {6, 0, 5}, {6, 1, 5}};
    return TinyData.tiny(7, movies, t);
  }

  /**
   * Asserts the model's similar-items rows ({@code similarItems(i)}) are {@code expected}'s over its first
   * {@code expected[0].length} movies, each within {@code tolerance}; {@code name} names the matrix in messages.
   */
  public static void assertSimilarRows(Recommender m, double[][] expected, double tolerance, String name) {
    float[] row = new float[m.items().size()];
    for (int i = 0; i < expected.length; i++) {
      m.similarItems(i, row);
      for (int j = 0; j < expected[i].length; j++) {
        assertEquals(expected[i][j], row[j], tolerance, name + "[" + i + "][" + j + "]");
      }
    }
  }

  /** Saves and reloads the model and asserts identical predictions and scores for every user (and -1). */
  public static Recommender roundTrip(Recommender model, Dataset data, Path dir) {
    Path file = dir.resolve(model.kind() + ".cinerec");
    ModelFiles.save(file, model, data.catalog());
    Recommender back = ModelFiles.load(file, model.kind()).model();
    assertEquals(model.kind(), back.kind());
    assertEquals(model.users(), back.users());
    assertEquals(model.items(), back.items());
    assertEquals(model.info().params(), back.info().params());
    int n = model.items().size();
    for (int u = -1; u < model.users().size(); u++) {
      float[] a = new float[n];
      float[] b = new float[n];
      model.scoreItems(u, a);
      back.scoreItems(u, b);
      assertArrayEquals(a, b, "scores of user " + u);
      assertEquals(model.knowsUser(u), back.knowsUser(u));
      for (int i = -1; i < n; i++) {
        assertEquals(model.predict(u, i), back.predict(u, i), "predict(" + u + ", " + i + ")");
        assertEquals(model.fallback(u, i), back.fallback(u, i), "fallback(" + u + ", " + i + ")");
      }
    }
    assertEquals(model.hasItemSimilarity(), back.hasItemSimilarity());
    for (int i = -1; i < n; i++) {
      assertEquals(model.knowsItem(i), back.knowsItem(i), "knowsItem(" + i + ")");
    }
    for (int i = 0; i < n && model.hasItemSimilarity(); i++) {
      float[] a = new float[n];
      float[] b = new float[n];
      model.similarItems(i, a);
      back.similarItems(i, b);
      assertArrayEquals(a, b, "similar items of " + i);
    }
    if (model instanceof org.cinerec.model.RatedItems a && back instanceof org.cinerec.model.RatedItems b) {
      for (int u = 0; u < model.users().size(); u++) {
        assertArrayEquals(a.trainingItems().items(u), b.trainingItems().items(u), "training items of user " + u);
      }
    } else {
      org.junit.jupiter.api.Assertions.fail(model.kind() + " does not keep its training items (RatedItems)");
    }
    return back;
  }
}
