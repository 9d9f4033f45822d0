package org.cinerec.serve;

/**
 * Per-thread scratch arrays of the serving path, so that answering a request allocates nothing the size of
 * the catalogue: a score for every movie ({@link #scores}) and a mark per movie ({@link #marks}). A server
 * thread answers one request at a time and the serving path never holds one of these across a call that takes
 * it again, so each thread's arrays are its own for the length of one {@link ServingModel} call; what a
 * result keeps is copied out of them before the call returns.
 *
 * <p>The arrays are not cleared between uses: every {@link org.cinerec.model.UserScorer#scoreItems} and
 * {@link org.cinerec.model.Recommender#similarItems} writes every slot (their contract), and a caller of
 * {@link #marks} clears the marks it set. One array of each kind per thread, reallocated when a model of
 * another catalogue size asks (a server's models usually share one catalogue).
 */
final class Scratch {
  private static final ThreadLocal<Scratch> LOCAL = ThreadLocal.withInitial(Scratch::new);

  private float[] scores = new float[0];
  private float[] base = new float[0];
  private boolean[] marks = new boolean[0];

  private Scratch() {}

  /** This thread's score array of exactly {@code n} slots (contents left over from its last use). */
  static float[] scores(int n) {
    Scratch s = LOCAL.get();
    if (s.scores.length != n) {
      s.scores = new float[n];
    }
    return s.scores;
  }

  /**
   * A second score array of exactly {@code n} slots, for the model's own movies while {@link #scores} holds
   * those and the movies added after training ({@link ServingModel#scoreWide}).
   */
  static float[] base(int n) {
    Scratch s = LOCAL.get();
    if (s.base.length != n) {
      s.base = new float[n];
    }
    return s.base;
  }

  /** This thread's marks, at least {@code n} of them, all false: clear the ones you set before returning. */
  static boolean[] marks(int n) {
    Scratch s = LOCAL.get();
    if (s.marks.length < n) {
      s.marks = new boolean[n];
    }
    return s.marks;
  }
}
