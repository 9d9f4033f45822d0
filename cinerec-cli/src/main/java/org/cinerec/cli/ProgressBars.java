package org.cinerec.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;
import org.cinerec.Progress;
import org.cinerec.train.TrainingListener;

/**
 * Progress bars on stderr (me.tongfei progressbar) for data steps and training. Quiet when not useful:
 * a bar appears only once a step has run for more than a second, and only when stderr is a terminal
 * (or {@code CINEREC_PROGRESS=always}; {@code CINEREC_PROGRESS=never} silences it). Thread-safe: parallel
 * readers report from workers.
 *
 * <p>A bar is one line redrawn in place ({@code \r}), so any other line printed while it is shown would be
 * glued onto it. Every such line goes through {@link #println}: it erases the bar line first (carriage
 * return, spaces, carriage return), prints the line, and the bar redraws below it at its next refresh. A
 * finished bar is erased too, so only the lines a command prints remain on the terminal. The library
 * redraws from its own thread: the bar's text and other lines are written under one lock ({@code screen}),
 * which is never held while waiting for that thread (closing a bar waits for its last redraw).
 *
 * <p>Without a terminal nothing of the bar is written; commands print one plain line per step instead
 * (an epoch, a fold, a combination) through {@link #println}, which then simply prints.
 */
public final class ProgressBars implements Progress, TrainingListener, AutoCloseable {
  private static final long DELAY_NANOS = 1_000_000_000L;

  private final PrintStream out;
  private final boolean enabled;
  private final long delayNanos;
  /** Guards everything written to the terminal line: the bar's text and {@link #println}. */
  private final Object screen = new Object();
  /** Characters of bar text on the current line (0 = the line is clean); under {@code screen}. */
  private int drawn;
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
    return new ProgressBars(System.err, enabledFor(System.getenv("CINEREC_PROGRESS"), System.console() != null));
  }

  /** Whether bars are shown: {@code CINEREC_PROGRESS} (always / never / 0) wins over the terminal test. */
  static boolean enabledFor(String env, boolean terminal) {
    if (env == null || env.isBlank()) {
      return terminal;
    }
    if (env.equalsIgnoreCase("always")) {
      return true;
    }
    return !env.equalsIgnoreCase("never") && !env.equals("0") && terminal;
  }

  /** Whether this instance draws bars (a terminal, or forced). */
  public boolean enabled() {
    return enabled;
  }

  /**
   * Prints one line of other output on {@code w} (stdout or stderr, both on the terminal): the bar line
   * is erased first, so the line starts at the left margin; the bar comes back below it.
   */
  public void println(PrintWriter w, String line) {
    synchronized (screen) {
      eraseLine();
      w.println(line);
      w.flush();
    }
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
          .setStyle(ProgressBarStyle.ASCII).setConsumer(new Line())
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

  /** An epoch line on the bar's stream (when used as a training listener directly; only with bars). */
  @Override
  public void epochEnded(int epoch, Map<String, Double> metrics) {
    if (!enabled) {
      return;
    }
    String line = "epoch " + epoch + ": " + metrics.entrySet().stream()
        .map(e -> e.getKey() + " " + String.format(Locale.ROOT, "%.4f", e.getValue()))
        .collect(Collectors.joining(", "));
    synchronized (screen) {
      eraseLine();
      out.println(line);
      out.flush();
    }
  }

  @Override
  public void finished() {
    finish();
  }

  @Override
  public synchronized void close() {
    closeBar();
  }

  /** Closes the bar (waits for its last redraw on the library's thread; that redraw erases it). */
  private void closeBar() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }

  /** Under {@code screen}: blanks the bar text on the current line and returns to its start. */
  private void eraseLine() {
    if (drawn > 0) {
      out.print("\r" + " ".repeat(drawn) + "\r");
      out.flush();
      drawn = 0;
    }
  }

  private static boolean bytes(String task) {
    String t = task.toLowerCase(Locale.ROOT);
    return t.startsWith("reading") || t.startsWith("writing") || t.startsWith("download");
  }

  /**
   * Where the library sends the rendered bar: redrawn in place on {@code out}, padded over the previous
   * text, and erased when the bar closes (the library's own console consumer ends it with a newline).
   */
  private final class Line implements ProgressBarConsumer {
    private final ConsoleProgressBarConsumer width = new ConsoleProgressBarConsumer(out);

    @Override
    public int getMaxRenderedLength() {
      return width.getMaxRenderedLength();
    }

    @Override
    public void accept(String rendered) {
      int max = Math.max(1, getMaxRenderedLength());
      String text = rendered.length() > max ? rendered.substring(0, max) : rendered;
      synchronized (screen) {
        out.print("\r" + text + " ".repeat(Math.max(0, drawn - text.length())));
        out.flush();
        drawn = text.length();
      }
    }

    @Override
    public void close() {
      synchronized (screen) {
        eraseLine();
      }
    }
  }
}
