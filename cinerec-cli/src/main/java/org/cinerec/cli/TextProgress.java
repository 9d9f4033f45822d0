package org.cinerec.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import org.cinerec.train.TrainingListener;

/**
 * Training feedback: the progress bar (with the live loss) through {@link ProgressBars}, and one line
 * per epoch ({@code epoch 3  rmse 0.8612  val_rmse 0.8791  (0.04 s)}) on the given writer — stdout in
 * text mode, stderr under {@code --json} — whether or not bars are shown (on a pipe the epoch lines are
 * the only progress). Each line goes through {@link ProgressBars#println}, which erases a shown bar first.
 */
final class TextProgress implements TrainingListener {
  private final ProgressBars bars;
  private final PrintWriter epochs;
  private long epochStart;

  TextProgress(ProgressBars bars, PrintWriter epochs) {
    this.bars = bars;
    this.epochs = epochs;
  }

  @Override
  public void started(String what, long totalSteps) {
    bars.started("training " + what, totalSteps);
    epochStart = System.nanoTime();
  }

  @Override
  public void progress(long done, double loss) {
    bars.progress(done, loss);
  }

  @Override
  public void epochEnded(int epoch, Map<String, Double> metrics) {
    long now = System.nanoTime();
    StringBuilder b = new StringBuilder("epoch " + epoch);
    metrics.forEach((k, v) -> b.append(String.format(Locale.ROOT, "  %s %.4f", k, v)));
    b.append(String.format(Locale.ROOT, "  (%.2f s)", (now - epochStart) / 1e9));
    epochStart = now;
    bars.println(epochs, b.toString());
  }

  @Override
  public void finished() {
    bars.finished();
  }
}
