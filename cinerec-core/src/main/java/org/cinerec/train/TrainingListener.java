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

  /**
   * The per-epoch metrics named {@code prefix + "..."} will be measured on {@code ratings} ratings that the
   * trainer set apart from its training ratings itself: {@code set} names the set ("validation"),
   * {@code how} says how it was drawn and what it is for ("held out of the training part (--holdout),
   * watched by early stopping"). Called before the first epoch. Metrics on the {@code validation} argument
   * of {@code fit} are {@code "val_..."} and are not announced: the caller knows that set.
   */
  default void measuredOn(String prefix, String set, String how, long ratings) { }

  /** An epoch finished with these metrics (e.g. "loss", "val_rmse"). */
  default void epochEnded(int epoch, Map<String, Double> metrics) { }

  /** Training finished. */
  default void finished() { }
}
