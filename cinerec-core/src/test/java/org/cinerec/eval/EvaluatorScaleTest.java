package org.cinerec.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cinerec.CinerecException;
import org.cinerec.data.Dataset;
import org.cinerec.data.RatingScale;
import org.cinerec.data.Ratings;
import org.junit.jupiter.api.Test;

/** The evaluator takes the rating scale from the data: clipping and the relevance threshold. */
class EvaluatorScaleTest {

  // 2 users × 2 movies on 0..10; training: (0,0)=8, (1,1)=2; test: (0,1)=10, (1,0)=0
  static final RatingScale TEN = new RatingScale(0, 10, 1, RatingScale.Source.GIVEN);

  static Dataset train() {
    return Fixtures.dataset(Fixtures.ratings(2, 2, new int[] {0, 0, 16}, new int[] {1, 1, 4})).withScale(TEN);
  }

  static Ratings test() {
    return Fixtures.ratings(2, 2, new int[] {0, 1, 20}, new int[] {1, 0, 0});
  }

  @Test
  void predictionsAreClippedToTheScaleNotToTheTrainingRange() {
    // the model predicts 12 and -3: clipped to 10 and 0 (the training range 2..8 would give 8 and 2)
    TableModel m = TableModel.of(new float[][] {{0, 12}, {-3, 0}});
    EvaluationReport r = new Evaluator(EvalOptions.defaults().withRanking(false)).evaluate(m, train(), test());
    assertEquals(0.0, r.rating().rmse(), 1e-12);
    assertEquals(0.0, r.rating().clipMin());
    assertEquals(10.0, r.rating().clipMax());
  }

  @Test
  void aRelevanceThresholdOffTheScaleIsAUsageError() {
    TableModel m = TableModel.of(new float[][] {{0, 12}, {-3, 0}});
    CinerecException e = assertThrows(CinerecException.class, () -> new Evaluator(
        EvalOptions.defaults().withRelevanceThreshold(11)).evaluate(m, train(), test()));
    assertEquals(CinerecException.Kind.USAGE, e.kind());
    assertTrue(e.getMessage().startsWith("--threshold 11 is outside the rating scale 0..10 in steps of 1 (given)"),
        e.getMessage());
    new Evaluator(EvalOptions.defaults().withRelevanceThreshold(7)).evaluate(m, train(), test());
  }
}
