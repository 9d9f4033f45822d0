package org.cinerec.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cinerec.CinerecException;

/**
 * The hyper-parameters of one model family, with the one place that validates values against them.
 * Errors name the flag and both values: {@code --factors must be at least 1, got 0}.
 */
public final class ParamSpec {
  private final Map<String, Param> params = new LinkedHashMap<>();

  private ParamSpec(List<Param> list) {
    for (Param p : list) {
      if (params.put(p.name(), p) != null) {
        throw new IllegalArgumentException("parameter declared twice: " + p.name());
      }
    }
  }

  public static ParamSpec of(Param... params) {
    return new ParamSpec(List.of(params));
  }

  public List<Param> params() {
    return List.copyOf(params.values());
  }

  public boolean has(String name) {
    return params.containsKey(name);
  }

  public Param get(String name) {
    return params.get(name);
  }

  /** Defaults for every parameter. */
  public Params defaults() {
    return parse(Map.of());
  }

  /**
   * Validates the given values (name → text) and fills in defaults. Unknown names and out-of-range
   * values are usage errors naming the flag. The result remembers which names were given
   * ({@link Params#isGiven}).
   */
  public Params parse(Map<String, String> given) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (String name : given.keySet()) {
      if (!params.containsKey(name)) {
        throw CinerecException.usage("unknown parameter --" + name + "; this model takes: "
            + String.join(", ", params.keySet().stream().map(n -> "--" + n).toList()));
      }
    }
    for (Param p : params.values()) {
      String text = given.getOrDefault(p.name(), p.defaultValue());
      values.put(p.name(), convert(p, text));
    }
    return new Params(this, values, given.keySet());
  }

  /**
   * Parameter values (name → text, as {@link Params#asText} and model files keep them) as JSON values of
   * their declared types: {@code INT} and {@code DOUBLE} → numbers, {@code BOOL} → booleans,
   * {@code INT_LIST} → arrays of numbers, {@code CHOICE} and {@code STRING} → text. The one place where
   * parameters get their JSON types ({@code train --json}, {@code compare}, {@code tune}). A name this spec
   * does not declare, or a value that does not convert (a file from another version), stays text.
   */
  public Map<String, Object> jsonValues(Map<String, String> text) {
    Map<String, Object> out = new LinkedHashMap<>();
    text.forEach((name, value) -> {
      Param p = params.get(name);
      Object v = value;
      if (p != null) {
        try {
          v = convert(p, value);
        } catch (CinerecException e) {
          v = value;
        }
      }
      out.put(name, v);
    });
    return out;
  }

  static Object convert(Param p, String text) {
    String flag = "--" + p.name();
    String t = text == null ? "" : text.trim();
    try {
      switch (p.type()) {
        case INT -> {
          long v = Long.parseLong(t);
          checkRange(p, v, t);
          return v;
        }
        case DOUBLE -> {
          double v = Double.parseDouble(t);
          if (!Double.isFinite(v)) {
            throw CinerecException.usage(flag + " must be a finite number, got " + t);
          }
          checkRange(p, v, t);
          return v;
        }
        case BOOL -> {
          String l = t.toLowerCase(Locale.ROOT);
          if (l.equals("true") || l.equals("false")) {
            return Boolean.parseBoolean(l);
          }
          throw CinerecException.usage(flag + " must be true or false, got " + t);
        }
        case CHOICE -> {
          String l = t.toLowerCase(Locale.ROOT);
          if (!p.choices().contains(l)) {
            throw CinerecException.usage(flag + " must be one of " + String.join(", ", p.choices()) + ", got " + t);
          }
          return l;
        }
        case INT_LIST -> {
          if (t.isEmpty()) {
            throw CinerecException.usage(flag + " must list at least one value, got an empty list");
          }
          List<Long> list = new ArrayList<>();
          for (String part : t.split(",")) {
            long v = Long.parseLong(part.trim());
            checkRange(p, v, part.trim());
            list.add(v);
          }
          return List.copyOf(list);
        }
        case STRING -> {
          return t;
        }
        default -> throw new IllegalStateException(p.type().toString());
      }
    } catch (NumberFormatException e) {
      throw CinerecException.usage(flag + " must be " + (p.type() == Param.Type.DOUBLE ? "a number" : "a whole number")
          + ", got \"" + t + "\"");
    }
  }

  private static void checkRange(Param p, double v, String text) {
    if (p.min() != null && v < p.min()) {
      throw CinerecException.usage("--" + p.name() + " must be at least " + fmt(p.min()) + ", got " + text);
    }
    if (p.max() != null && v > p.max()) {
      throw CinerecException.usage("--" + p.name() + " must be at most " + fmt(p.max()) + ", got " + text);
    }
  }

  private static String fmt(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }
}
