package org.cinerec.model;

import java.util.List;

/**
 * One hyper-parameter, documented once: its name (the CLI flag is {@code --name}), meaning, type,
 * default and valid range. The CLI's help, the model file and training logs all read it from here.
 *
 * @param name        kebab-case name, e.g. "learning-rate"
 * @param description what it means, one sentence
 * @param type        value type
 * @param defaultValue default, as text in the type's syntax
 * @param min         smallest valid value for numbers (inclusive), or null
 * @param max         largest valid value for numbers (inclusive), or null
 * @param choices     valid values for {@link Type#CHOICE}
 */
public record Param(String name, String description, Type type, String defaultValue, Double min, Double max,
    List<String> choices) {

  /** Value types. */
  public enum Type { INT, DOUBLE, BOOL, CHOICE, INT_LIST, STRING }

  public static Param ofInt(String name, String description, int def, int min, int max) {
    return new Param(name, description, Type.INT, Integer.toString(def), (double) min, (double) max, List.of());
  }

  public static Param ofLong(String name, String description, long def) {
    return new Param(name, description, Type.INT, Long.toString(def), (double) Long.MIN_VALUE, (double) Long.MAX_VALUE, List.of());
  }

  public static Param ofDouble(String name, String description, double def, double min, double max) {
    return new Param(name, description, Type.DOUBLE, Double.toString(def), min, max, List.of());
  }

  public static Param ofBool(String name, String description, boolean def) {
    return new Param(name, description, Type.BOOL, Boolean.toString(def), null, null, List.of());
  }

  public static Param ofChoice(String name, String description, String def, String... choices) {
    return new Param(name, description, Type.CHOICE, def, null, null, List.of(choices));
  }

  /** A comma-separated list of ints, each within min..max, at least one element. */
  public static Param ofIntList(String name, String description, String def, int min, int max) {
    return new Param(name, description, Type.INT_LIST, def, (double) min, (double) max, List.of());
  }

  public static Param ofString(String name, String description, String def) {
    return new Param(name, description, Type.STRING, def, null, null, List.of());
  }
}
