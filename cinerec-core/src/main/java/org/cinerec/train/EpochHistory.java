package org.cinerec.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cinerec.model.ModelInfo;

/**
 * Collects the per-epoch records of one training run for {@link ModelInfo#history()} and forwards each to
 * the {@link TrainingListener} ({@code progress} then {@code epochEnded}). Times each epoch from the
 * previous record (or from construction).
 */
public final class EpochHistory {
  private final TrainingListener listener;
  private final List<ModelInfo.EpochRecord> records = new ArrayList<>();
  private final long started;
  private long last;

  /** Starts the clock and tells the listener training of {@code epochs} epochs began. */
  public EpochHistory(String what, int epochs, TrainingListener listener) {
    this.listener = listener == null ? TrainingListener.NONE : listener;
    this.listener.started(what, epochs);
    this.started = System.nanoTime();
    this.last = started;
  }

  /**
   * Records epoch {@code epoch} (1-based) with its metrics; the first metric is reported as the loss to
   * {@link TrainingListener#progress}.
   */
  public void epoch(int epoch, Map<String, Double> metrics) {
    long now = System.nanoTime();
    Map<String, Double> copy = new LinkedHashMap<>(metrics);
    records.add(new ModelInfo.EpochRecord(epoch, (now - last) / 1e9, copy));
    last = now;
    double loss = copy.isEmpty() ? Double.NaN : copy.values().iterator().next();
    listener.progress(epoch, loss);
    listener.epochEnded(epoch, copy);
  }

  /** Seconds since construction. */
  public double seconds() {
    return (System.nanoTime() - started) / 1e9;
  }

  /** Tells the listener training finished and returns the records. */
  public List<ModelInfo.EpochRecord> finish() {
    listener.finished();
    return List.copyOf(records);
  }
}
