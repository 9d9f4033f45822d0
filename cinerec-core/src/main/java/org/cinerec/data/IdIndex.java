package org.cinerec.data;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A vocabulary: external ids (as written in the source file, e.g. MovieLens {@code "193609"}) to dense
 * indices {@code 0..size()-1} and back. Immutable.
 *
 * <p>Example: ids {@code ["10", "7", "42"]} give {@code indexOf("7") == 1} and {@code id(2) == "42"};
 * {@code indexOf("8") == -1}.
 */
public final class IdIndex {
  private final String[] ids;
  private final Map<String, Integer> lookup;

  private IdIndex(String[] ids) {
    this.ids = ids;
    this.lookup = new HashMap<>(ids.length * 2);
    for (int i = 0; i < ids.length; i++) {
      Integer previous = lookup.put(ids[i], i);
      if (previous != null) {
        throw new IllegalArgumentException("duplicate id \"" + ids[i] + "\" at indices " + previous + " and " + i);
      }
    }
  }

  /** An index over these ids, in this order; ids must be distinct. */
  public static IdIndex of(String... ids) {
    return new IdIndex(ids.clone());
  }

  public static IdIndex of(List<String> ids) {
    return new IdIndex(ids.toArray(new String[0]));
  }

  /** The dense index of an external id, or -1 when the id is unknown. */
  public int indexOf(String id) {
    Integer i = lookup.get(id);
    return i == null ? -1 : i;
  }

  /** The external id at a dense index. */
  public String id(int index) {
    return ids[index];
  }

  public int size() {
    return ids.length;
  }

  /** A copy of the ids in index order. */
  public String[] ids() {
    return ids.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IdIndex other && Arrays.equals(ids, other.ids);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(ids);
  }

  @Override
  public String toString() {
    return "IdIndex[" + ids.length + " ids]";
  }
}
