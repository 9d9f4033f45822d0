package org.cinerec.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import org.cinerec.data.RatingScale;
import org.cinerec.model.ModelInfo;
import org.cinerec.model.Recommender;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A reason's rating text ("4.5★", "8/10") comes from a table made once per scale; for every value on the
 * scale, and for values off it (which are formatted on the spot), it is the text the formula gives.
 */
class ExplainerTest {

  /** The formula: the rating as its shortest decimal, then "★" on a 5-star scale, else "/max". */
  static String formula(float r, RatingScale scale) {
    String v = RatingScale.fmt(Double.parseDouble(Float.toString(r)));
    return scale.max() == 5 ? v + "★" : v + "/" + RatingScale.fmt(scale.max());
  }

  @ParameterizedTest
  @CsvSource({"0.5, 5, 0.5", "1, 5, 1", "1, 10, 1", "0, 100, 0", "-10, 10, 0.1", "0, 1, 0.05"})
  void aRatingsTextIsTheFormulasOnAndOffTheScale(double min, double max, double step) {
    RatingScale scale = new RatingScale(min, max, step, RatingScale.Source.FORMAT);
    ModelInfo info = new ModelInfo("toy", Map.of(), 1, 0, 0, "synthetic", List.of(), null, "test", "17",
        "2024-01-01T00:00:00Z", 0, List.of(), min, max, scale, null);
    Recommender model = (Recommender) Proxy.newProxyInstance(Recommender.class.getClassLoader(),
        new Class<?>[] {Recommender.class}, (proxy, method, args) -> {
          if (method.getName().equals("info")) {
            return info;
          }
          throw new UnsupportedOperationException(method.getName());
        });
    Explainer e = new Explainer(model, null);
    int values = scale.values() == 0 ? 11 : scale.values();
    double by = scale.values() == 0 ? (max - min) / 10 : step;
    for (int i = 0; i < values; i++) {
      float r = (float) (min + i * by);
      assertEquals(formula(r, scale), e.ratingText(r), "rating " + r);
      float off = r + (float) (by / 3);
      assertEquals(formula(off, scale), e.ratingText(off), "rating " + off);
    }
    assertEquals(formula(-0f, scale), e.ratingText(-0f));
  }
}
