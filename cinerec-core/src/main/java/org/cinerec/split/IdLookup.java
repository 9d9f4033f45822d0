package org.cinerec.split;

import org.cinerec.data.IdIndex;

/**
 * Finds the dense index of an id written in a line of text without allocating: when every id of the
 * vocabulary is a non-negative integer below 2^26 (as MovieLens ids are; compared by {@link IdIndex#key}),
 * through an array indexed by the number; otherwise, and for an id written with leading zeros, through
 * {@link IdIndex#indexOf} on the substring.
 */
final class IdLookup {
  private static final int MAX_NUMERIC = 1 << 26;
  private final IdIndex index;
  private final int[] byNumber; // null when the ids are not all canonical integers

  IdLookup(IdIndex index) {
    this.index = index;
    this.byNumber = numeric(index);
  }

  private static int[] numeric(IdIndex index) {
    int max = -1;
    for (int i = 0; i < index.size(); i++) {
      String key = index.key(i);
      long v = canonical(key, 0, key.length());
      if (v < 0 || v >= MAX_NUMERIC) {
        return null;
      }
      max = (int) Math.max(max, v);
    }
    int[] table = new int[max + 1];
    java.util.Arrays.fill(table, -1);
    for (int i = 0; i < index.size(); i++) {
      String key = index.key(i);
      table[(int) canonical(key, 0, key.length())] = i;
    }
    return table;
  }

  /** The number written in {@code s[from, to)} when it is a canonical non-negative integer, else -1. */
  static long canonical(CharSequence s, int from, int to) {
    int n = to - from;
    if (n <= 0 || n > 10 || (n > 1 && s.charAt(from) == '0')) {
      return -1;
    }
    long v = 0;
    for (int k = from; k < to; k++) {
      char c = s.charAt(k);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  /** The index of the id written in {@code line[from, to)}, or -1 when unknown. */
  int find(String line, int from, int to) {
    if (byNumber != null) {
      long v = canonical(line, from, to);
      if (v >= 0) {
        return v < byNumber.length ? byNumber[(int) v] : -1;
      }
    }
    return index.indexOf(line.substring(from, to));
  }
}
