package org.cinerec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cinerec.model.ModelFamilies;
import org.junit.jupiter.api.Test;

class JsonNumbersTest {

  record Metrics(double rmse, Double mrr, float score, double[] ndcg, float[] scores) {}

  private static String json(Object value) {
    StringWriter s = new StringWriter();
    CliSupport.printJson(new PrintWriter(s, true), value);
    return s.toString().replaceAll("\\s+", "");
  }

  @Test
  void nanAndInfinityAreNullAndFiniteNumbersStayNumbers() {
    assertEquals("{\"rmse\":null,\"mrr\":null,\"score\":null,\"ndcg\":[0.5,null,null],\"scores\":[1.5,null]}",
        json(new Metrics(Double.NaN, Double.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
            new double[] {0.5, Double.NaN, Double.NEGATIVE_INFINITY}, new float[] {1.5f, Float.NaN})));
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("a", 0.25);
    m.put("b", Double.NaN);
    m.put("c", List.of(1.0, Double.NaN));
    assertEquals("{\"a\":0.25,\"b\":null,\"c\":[1.0,null]}", json(m));
  }

  @Test
  void parametersGetTheirDeclaredTypes() {
    Map<String, String> text = new LinkedHashMap<>();
    text.put("layers", "256,128,32");
    text.put("learning-rate", "0.1");
    text.put("epochs", "10");
    text.put("logq", "true");
    text.put("optimizer", "adagrad");
    text.put("not-a-param", "7");
    assertEquals("{\"layers\":[256,128,32],\"learning-rate\":0.1,\"epochs\":10,\"logq\":true,"
        + "\"optimizer\":\"adagrad\",\"not-a-param\":\"7\"}", json(ModelFamilies.jsonParams("multitask", text)));
    assertEquals("{\"epochs\":\"10\"}", json(ModelFamilies.jsonParams("no-such-kind", Map.of("epochs", "10"))));
  }
}
