package org.cinerec.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Validated hyper-parameter values of one model family (see {@link ParamSpec#parse}). Immutable. */
public final class Params {
  private final ParamSpec spec;
  private final Map<String, Object> values;

  Params(ParamSpec spec, Map<String, Object> values) {
    this.spec = spec;
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  public ParamSpec spec() {
    return spec;
  }

  public int getInt(String name) {
    return Math.toIntExact((Long) require(name));
  }

  public long getLong(String name) {
    return (Long) require(name);
  }

  public double getDouble(String name) {
    return (Double) require(name);
  }

  public float getFloat(String name) {
    return (float) getDouble(name);
  }

  public boolean getBool(String name) {
    return (Boolean) require(name);
  }

  public String getString(String name) {
    return (String) require(name);
  }

  public int[] getIntList(String name) {
    @SuppressWarnings("unchecked")
    List<Long> list = (List<Long>) require(name);
    return list.stream().mapToInt(Math::toIntExact).toArray();
  }

  /** A copy with one value replaced (validated). */
  public Params with(String name, String value) {
    Param p = spec.get(name);
    if (p == null) {
      throw new IllegalArgumentException("unknown parameter " + name);
    }
    Map<String, Object> copy = new LinkedHashMap<>(values);
    copy.put(name, ParamSpec.convert(p, value));
    return new Params(spec, copy);
  }

  /** name → value as text, for the model file and logs. */
  public Map<String, String> asText() {
    Map<String, String> out = new LinkedHashMap<>();
    values.forEach((k, v) -> out.put(k, v instanceof List<?> l
        ? String.join(",", l.stream().map(String::valueOf).toList()) : String.valueOf(v)));
    return out;
  }

  /** name → value as a JSON value of its type (numbers, booleans, arrays; see {@link ParamSpec#jsonValues}). */
  public Map<String, Object> asJson() {
    return spec.jsonValues(asText());
  }

  private Object require(String name) {
    Object v = values.get(name);
    if (v == null) {
      throw new IllegalArgumentException("no parameter " + name + " in " + values.keySet());
    }
    return v;
  }

  @Override
  public String toString() {
    return asText().toString();
  }
}
