package org.cinerec.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamsTest {
  private static final ParamSpec SPEC = ParamSpec.of(
      Param.ofInt("epochs", "passes", 3, 1, 100),
      Param.ofDouble("temperature", "softmax temperature", 1.0, 0, 10),
      Param.ofBool("logq", "popularity correction", false));

  @Test
  void everyFamilysDefaultGridNamesItsOwnParametersWithValidValuesAroundTheDefault() {
    for (ModelFamily f : ModelFamilies.all()) {
      java.util.Set<String> names = new java.util.HashSet<>();
      for (String entry : f.defaultGrid()) {
        String name = entry.substring(0, entry.indexOf('='));
        assertTrue(names.add(name), f.kind() + " names " + name + " twice");
        String[] values = entry.substring(entry.indexOf('=') + 1).split(",");
        assertTrue(values.length >= 2, f.kind() + ": " + entry + " tries one value");
        boolean holdsDefault = false;
        for (String v : values) {
          Params p = f.params().parse(Map.of(name, v)); // throws on an unknown name or a bad value
          holdsDefault |= p.asJson().get(name).equals(f.params().defaults().asJson().get(name));
        }
        assertTrue(holdsDefault, f.kind() + ": " + entry + " does not hold the default");
      }
      assertEquals(f.kind().equals("genre"), f.defaultGrid().isEmpty(), f.kind());
    }
  }

  @Test
  void aValueGivenToParseCountsAsGivenEvenWhenItEqualsTheDefault() {
    Params p = SPEC.parse(Map.of("epochs", "3", "logq", "true"));
    assertTrue(p.isGiven("epochs"), "given as its default value, still given");
    assertTrue(p.isGiven("logq"));
    assertFalse(p.isGiven("temperature"));
    assertEquals(3, p.getInt("epochs"));
    assertEquals(1.0, p.getDouble("temperature"));
  }

  @Test
  void withSetsAValueAndMarksItGivenLeavingTheOriginalUntouched() {
    Params p = SPEC.defaults();
    Params q = p.with("temperature", "2");
    assertFalse(p.isGiven("temperature"));
    assertEquals(1.0, p.getDouble("temperature"));
    assertTrue(q.isGiven("temperature"));
    assertEquals(2.0, q.getDouble("temperature"));
    assertFalse(q.isGiven("epochs"));
  }

  @Test
  void askingAboutAnUnknownParameterFails() {
    assertThrows(IllegalArgumentException.class, () -> SPEC.defaults().isGiven("nosuch"));
  }
}
