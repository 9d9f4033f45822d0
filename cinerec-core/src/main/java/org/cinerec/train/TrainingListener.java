package org.cinerec.train;

import java.util.Map;

/** Progress callbacks from a trainer; the CLI turns them into a progress bar and epoch lines. */
public interface TrainingListener {

  /** Ignores everything. */
  TrainingListener NONE = new TrainingListener() { };

  /** Training begins: {@code totalSteps} units of work (e.g. batches over all epochs), 0 if unknown. */
  default void started(String what, long totalSteps) { }

  /** {@code done} of {@code totalSteps} finished; {@code loss} is the running loss (NaN if none). */
  default void progress(long done, double loss) { }

  /** An epoch finished with these metrics (e.g. "loss", "val_rmse"). */
  default void epochEnded(int epoch, Map<String, Double> metrics) { }

  /** Training finished. */
  default void finished() { }
}
