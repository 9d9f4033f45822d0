package org.cinerec.data;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A vocabulary: external ids (as written in the source file, e.g. MovieLens {@code "193609"}) to dense
 * indices {@code 0..size()-1} and back. Immutable.
 *
 * <p>Ids are matched the way the data means them ({@link #key(String)}): an id written only with ASCII
 * digits is a number, so leading zeros do not count, while any other id is text and matched as written.
 * {@link #id(int)} keeps the spelling the vocabulary was built with (the catalogue's, for display);
 * {@link #key(int)} is the canonical form (for fingerprints and joins).
 *
 * <p>Example: ids {@code ["10", "0007", "tt042"]} give {@code indexOf("0007") == 1}, {@code indexOf("7") == 1},
 * {@code id(1) == "0007"}, {@code key(1) == "7"}, {@code indexOf("tt42") == -1} and {@code indexOf("8") == -1}.
 */
public final class IdIndex {
  private final String[] ids;
  private final Map<String, Integer> lookup;

  private IdIndex(String[] ids) {
    this.ids = ids;
    this.lookup = new HashMap<>(ids.length * 2);
    for (int i = 0; i < ids.length; i++) {
      if (ids[i] == null) {
        throw new IllegalArgumentException("id at index " + i + " is null");
      }
      Integer previous = lookup.put(key(ids[i]), i);
      if (previous != null) {
        throw new IllegalArgumentException(ids[previous].equals(ids[i])
            ? "duplicate id \"" + ids[i] + "\" at indices " + previous + " and " + i
            : "ids \"" + ids[previous] + "\" (index " + previous + ") and \"" + ids[i] + "\" (index " + i
                + ") are the same number");
      }
    }
  }

  /** An index over these ids, in this order; ids must be distinct under {@link #key(String)}. */
  public static IdIndex of(String... ids) {
    return new IdIndex(ids.clone());
  }

  public static IdIndex of(List<String> ids) {
    return new IdIndex(ids.toArray(new String[0]));
  }

  /**
   * The canonical form an id is matched by: an id of ASCII digits only loses its leading zeros
   * ({@code "0770828"} and {@code "770828"} are one id; {@code "000"} is {@code "0"}); any other id is
   * returned as it is ({@code "tt0770828"}, {@code "-5"}, {@code " 7"}, {@code ""}). Returns the same
   * String instance when nothing changes, so canonical ids cost no extra memory.
   */
  public static String key(String id) {
    int n = id.length();
    if (n < 2 || id.charAt(0) != '0') {
      return id; // no leading zero to drop (a non-digit id is returned as is below too)
    }
    int zeros = 0;
    while (zeros < n - 1 && id.charAt(zeros) == '0') {
      zeros++;
    }
    for (int k = zeros; k < n; k++) {
      char c = id.charAt(k);
      if (c < '0' || c > '9') {
        return id;
      }
    }
    return id.substring(zeros);
  }

  /** The dense index of an external id (compared by {@link #key(String)}), or -1 when the id is unknown. */
  public int indexOf(String id) {
    Integer i = lookup.get(key(id));
    return i == null ? -1 : i;
  }

  /** The external id at a dense index, spelled as the vocabulary was built (e.g. {@code "0770828"}). */
  public String id(int index) {
    return ids[index];
  }

  /** The canonical form of the id at a dense index ({@link #key(String)} of {@link #id(int)}). */
  public String key(int index) {
    return key(ids[index]);
  }

  public int size() {
    return ids.length;
  }

  /** The ids in index order as a read-only view (nothing copied). */
  public List<String> asList() {
    return java.util.Collections.unmodifiableList(Arrays.asList(ids));
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
