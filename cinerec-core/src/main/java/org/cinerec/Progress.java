package org.cinerec;

/**
 * Progress of a long step (reading, generating, writing). The CLI shows it as a progress bar; library
 * callers pass {@link #NONE}.
 */
public interface Progress {

  /** Reports nothing. */
  Progress NONE = new Progress() { };

  /** A step begins; {@code total} units (bytes, rows), or -1 if unknown. */
  default void start(String task, long total) { }

  /** {@code done} units of the current step are finished (absolute, not a delta). */
  default void update(long done) { }

  /** The current step finished. */
  default void finish() { }
}
