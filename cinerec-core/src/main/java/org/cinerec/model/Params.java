package org.cinerec.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validated hyper-parameter values of one model family (see {@link ParamSpec#parse}). Immutable. Each value
 * remembers whether it was given (to {@code parse} or {@link #with}) or is the declared default, so a named
 * preset can fill in only what the user left out, even when the user gave the default value itself.
 */
public final class Params {
  private final ParamSpec spec;
  private final Map<String, Object> values;
  private final Set<String> given;

  Params(ParamSpec spec, Map<String, Object> values, Set<String> given) {
    this.spec = spec;
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    this.given = Collections.unmodifiableSet(new LinkedHashSet<>(given));
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

  /** True when {@code name}'s value was given (to {@link ParamSpec#parse} or {@link #with}), not defaulted. */
  public boolean isGiven(String name) {
    require(name);
    return given.contains(name);
  }

  /** A copy with one value replaced (validated); the value then counts as given. */
  public Params with(String name, String value) {
    Param p = spec.get(name);
    if (p == null) {
      throw new IllegalArgumentException("unknown parameter " + name);
    }
    Map<String, Object> copy = new LinkedHashMap<>(values);
    copy.put(name, ParamSpec.convert(p, value));
    Set<String> g = new LinkedHashSet<>(given);
    g.add(name);
    return new Params(spec, copy, g);
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
