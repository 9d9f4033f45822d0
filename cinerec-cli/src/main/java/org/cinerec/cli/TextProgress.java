package org.cinerec.cli;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import org.cinerec.Progress;
import org.cinerec.train.TrainingListener;

/**
 * Progress as plain lines on stderr (one when a step starts, at most one every two seconds while it
 * runs, one when it ends), so output stays readable on a pipe and in logs; and training epochs as one
 * line each ({@code epoch 3/10  rmse 0.8612  val_rmse 0.8791  (0.04 s)}) on the epoch writer.
 */
final class TextProgress implements Progress, TrainingListener {
  private final PrintWriter err;
  private final PrintWriter epochs;
  private String task = "";
  private long total;
  private long started;
  private long lastPrint;
  private long epochStart;
  private int epochCount;

  TextProgress(PrintWriter err) {
    this(err, err);
  }

  TextProgress(PrintWriter err, PrintWriter epochs) {
    this.err = err;
    this.epochs = epochs;
  }

  @Override
  public void start(String what, long totalUnits) {
    task = what;
    total = totalUnits;
    started = System.nanoTime();
    lastPrint = started;
    err.println(what + "...");
    err.flush();
  }

  @Override
  public void update(long done) {
    long now = System.nanoTime();
    if (now - lastPrint > 2_000_000_000L) {
      lastPrint = now;
      err.println(total > 0 ? String.format(Locale.ROOT, "  %s: %d / %d (%.0f%%)", task, done, total, 100.0 * done / total)
          : String.format(Locale.ROOT, "  %s: %d", task, done));
      err.flush();
    }
  }

  @Override
  public void finish() {
    err.println(String.format(Locale.ROOT, "%s: done in %.2f s", task, (System.nanoTime() - started) / 1e9));
    err.flush();
  }

  @Override
  public void started(String what, long totalSteps) {
    start("training " + what, totalSteps);
    epochStart = System.nanoTime();
    epochCount = 0;
  }

  @Override
  public void progress(long done, double loss) {
    long now = System.nanoTime();
    if (now - lastPrint > 2_000_000_000L) {
      lastPrint = now;
      String pct = total > 0 ? String.format(Locale.ROOT, " (%.0f%%)", 100.0 * done / total) : "";
      err.println(String.format(Locale.ROOT, "  step %d%s%s", done, pct,
          Double.isNaN(loss) ? "" : String.format(Locale.ROOT, "  loss %.4f", loss)));
      err.flush();
    }
  }

  @Override
  public void epochEnded(int epoch, Map<String, Double> metrics) {
    long now = System.nanoTime();
    StringBuilder b = new StringBuilder("epoch " + epoch);
    metrics.forEach((k, v) -> b.append(String.format(Locale.ROOT, "  %s %.4f", k, v)));
    b.append(String.format(Locale.ROOT, "  (%.2f s)", (now - epochStart) / 1e9));
    epochStart = now;
    epochCount++;
    epochs.println(b);
    epochs.flush();
  }

  @Override
  public void finished() {
    finish();
  }
}
