package org.cinerec.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.cinerec.Progress;
import org.cinerec.train.TrainingListener;

/**
 * Progress bars on stderr (me.tongfei progressbar) for data steps and training. Quiet when not useful:
 * a bar appears only once a step has run for more than a second, and only when stderr is a terminal
 * (or {@code CINEREC_PROGRESS=always}; {@code CINEREC_PROGRESS=never} silences it). Epoch lines from
 * training are printed whenever bars are enabled. Thread-safe: parallel readers report from workers.
 */
public final class ProgressBars implements Progress, TrainingListener, AutoCloseable {
  private static final long DELAY_NANOS = 1_000_000_000L;

  private final PrintStream out;
  private final boolean enabled;
  private final long delayNanos;
  private String task;
  private long total;
  private long started;
  private long done;
  private ProgressBar bar;

  public ProgressBars(PrintStream out, boolean enabled) {
    this(out, enabled, DELAY_NANOS);
  }

  /** With a given delay before a bar appears (tests use 0). */
  ProgressBars(PrintStream out, boolean enabled, long delayNanos) {
    this.out = out;
    this.enabled = enabled;
    this.delayNanos = delayNanos;
  }

  /** Bars on System.err, enabled on a terminal (see the class comment). */
  public static ProgressBars stderr() {
    String env = System.getenv("CINEREC_PROGRESS");
    boolean on = env != null ? !env.equalsIgnoreCase("never") && !env.equals("0")
        : System.console() != null;
    if (env != null && env.equalsIgnoreCase("always")) {
      on = true;
    }
    return new ProgressBars(System.err, on);
  }

  @Override
  public synchronized void start(String name, long totalUnits) {
    closeBar();
    task = name;
    total = totalUnits;
    done = 0;
    started = System.nanoTime();
  }

  @Override
  public synchronized void update(long doneUnits) {
    done = doneUnits;
    if (!enabled || task == null) {
      return;
    }
    if (bar == null) {
      long elapsed = System.nanoTime() - started;
      if (elapsed < delayNanos) {
        return;
      }
      ProgressBarBuilder b = new ProgressBarBuilder().setTaskName(task).setInitialMax(total)
          .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(out))
          .setUpdateIntervalMillis(250).startsFrom(0, Duration.ofNanos(elapsed));
      if (total > (32L << 20) && bytes(task)) {
        b.setUnit(" MB", 1L << 20).showSpeed();
      }
      bar = b.build();
    }
    bar.stepTo(doneUnits);
  }

  @Override
  public synchronized void finish() {
    if (bar != null && total > 0) {
      bar.stepTo(total);
    }
    closeBar();
    task = null;
  }

  @Override
  public void started(String what, long totalSteps) {
    start(what, totalSteps > 0 ? totalSteps : -1);
  }

  @Override
  public void progress(long doneSteps, double loss) {
    update(doneSteps);
    synchronized (this) {
      if (bar != null && !Double.isNaN(loss)) {
        bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f", loss));
      }
    }
  }

  @Override
  public synchronized void epochEnded(int epoch, Map<String, Double> metrics) {
    if (!enabled) {
      return;
    }
    String line = "epoch " + epoch + ": " + metrics.entrySet().stream()
        .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%.4f", e.getValue()))
        .collect(Collectors.joining(", "));
    out.print("\r" + line + " ".repeat(Math.max(0, 30 - line.length())) + "\n");
    out.flush();
  }

  @Override
  public void finished() {
    finish();
  }

  @Override
  public synchronized void close() {
    closeBar();
  }

  private void closeBar() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }

  private static boolean bytes(String task) {
    String t = task.toLowerCase(Locale.ROOT);
    return t.startsWith("reading") || t.startsWith("writing") || t.startsWith("download");
  }
}
