package org.cinerec.model;

/** A ranked list of items with their scores, best first. */
public record ScoredItems(int[] items, float[] scores) {

  /** Picks the scores of the given items out of a full score array. */
  public static ScoredItems of(int[] items, float[] allScores) {
    float[] s = new float[items.length];
    for (int i = 0; i < items.length; i++) {
      s[i] = allScores[items[i]];
    }
    return new ScoredItems(items, s);
  }

  public int size() {
    return items.length;
  }
}
