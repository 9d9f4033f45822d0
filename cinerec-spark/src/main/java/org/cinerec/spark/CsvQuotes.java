package org.cinerec.spark;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Quoted fields that hold a line break, for a generic CSV cut into partitions at line breaks (Hadoop's
 * {@code TextInputFormat}). Whether a line break ends a record depends on every quote before it, so a
 * partition cannot know on its own whether it starts inside a quoted field. Pass 1 runs a quote state machine
 * ({@link #insideAfter}: FastCSV's rules, a quote opening a field only at its start and {@code ""} escaping
 * one inside it) over each partition twice, as if it started outside and inside a quoted field, and keeps
 * three numbers a partition ({@link Part}); the driver chains them from the file's start (outside) into a
 * {@link Plan}: which partitions start inside, and how many of their first lines (the rest of the record)
 * belong to the partition before. Those lines are collected (a second, small job) and appended to the
 * partition before, which the next one then skips, so each partition holds whole records and the core's
 * {@code CsvRows} reads them as it reads the whole file. Inside a partition {@link CsvPieceRows} cuts its
 * pieces only where the state is outside quotes. A file without such a field costs one extra read and no
 * move.
 *
 * <p>Example ({@code ,} delimiter, partitions cut after the second line): {@code 1,2,3,"a} /
 * {@code b",9} | {@code 4,5,3,x}: partition 0 ends inside, partition 1 started outside is wrong; started
 * inside, it leaves the quote after 1 line, so that line moves to partition 0.
 */
final class CsvQuotes implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final int QUOTED = 0;
  private static final int MAYBE_END = 1;
  private static final int FIELD_START = 2;
  private static final int UNQUOTED = 3;

  private final byte[] delimiter;

  CsvQuotes(String delimiter) {
    this.delimiter = delimiter.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Whether the state is inside a quoted field after this line and its line break, having started it
   * inside ({@code inside}) or outside one.
   */
  boolean insideAfter(boolean inside, byte[] b, int n) {
    int s = inside ? QUOTED : FIELD_START;
    for (int i = 0; i < n; i++) {
      byte c = b[i];
      if (s == QUOTED) {
        if (c == '"') {
          s = MAYBE_END;
        }
        continue;
      }
      if (s == MAYBE_END) {
        if (c == '"') {
          s = QUOTED;
          continue;
        }
        s = UNQUOTED;
      } else if (s == FIELD_START && c == '"') {
        s = QUOTED;
        continue;
      }
      if (c == '\r') {
        s = FIELD_START; // a lone CR ends a record too
      } else if (isDelimiter(b, i, n)) {
        i += delimiter.length - 1;
        s = FIELD_START;
      } else {
        s = UNQUOTED;
      }
    }
    return s == QUOTED;
  }

  private boolean isDelimiter(byte[] b, int i, int n) {
    if (delimiter.length == 0 || i + delimiter.length > n) {
      return false;
    }
    for (int k = 0; k < delimiter.length; k++) {
      if (b[i + k] != delimiter[k]) {
        return false;
      }
    }
    return true;
  }

  /**
   * Pass 1's numbers for one partition: the state at its end when it starts outside and when it starts
   * inside, and (started inside) how many of its first lines finish the record, -1 when all of them do.
   */
  record Part(int part, boolean endOutside, boolean endInside, int head) implements Serializable {}

  Part scan(int part, Iterator<PieceRows.Line> lines) {
    boolean a = false;
    boolean b = true;
    int head = -1;
    int n = 0;
    while (lines.hasNext()) {
      PieceRows.Line l = lines.next();
      a = insideAfter(a, l.bytes(), l.length());
      b = insideAfter(b, l.bytes(), l.length());
      n++;
      if (head < 0 && !b) {
        head = n;
      }
    }
    return new Part(part, a, b, head);
  }

  /** Where the lines of each partition go; {@link #moves()} false when no partition starts inside. */
  record Plan(boolean[] startsInside, int[] skip, Map<Integer, byte[][]> heads, Map<Integer, boolean[]> lastFlags)
      implements Serializable {
    boolean moves() {
      for (boolean s : startsInside) {
        if (s) {
          return true;
        }
      }
      return false;
    }
  }

  /** The chain from the file's start: which partitions start inside, and how many lines each gives away. */
  static Plan chain(List<Part> parts) {
    Part[] byPart = new Part[parts.size()];
    for (Part p : parts) {
      byPart[p.part()] = p;
    }
    boolean[] starts = new boolean[byPart.length];
    int[] skip = new int[byPart.length];
    boolean inside = false;
    for (int p = 0; p < byPart.length; p++) {
      starts[p] = inside;
      skip[p] = inside ? byPart[p].head() : 0;
      inside = inside ? byPart[p].endInside() : byPart[p].endOutside();
    }
    return new Plan(starts, skip, new HashMap<>(), new HashMap<>());
  }

  /** The lines partition {@code part} gives away (its first {@code skip}, or all), copied. */
  static List<byte[]> head(Iterator<PieceRows.Line> lines, int skip, List<Boolean> last) {
    List<byte[]> out = new ArrayList<>();
    while (lines.hasNext() && (skip < 0 || out.size() < skip)) {
      PieceRows.Line l = lines.next();
      out.add(Arrays.copyOf(l.bytes(), l.length()));
      last.add(l.last());
    }
    return out;
  }

  /**
   * Partition {@code part}'s lines under {@code plan}: without the lines it gives away, with those of the
   * partitions after it that finish its last record.
   */
  static Iterator<PieceRows.Line> apply(int part, Iterator<PieceRows.Line> own, Plan plan) {
    int skip = plan.skip()[part];
    List<PieceRows.Line> tail = new ArrayList<>();
    boolean keeps = skip >= 0;
    if (keeps) {
      for (int q = part + 1; q < plan.startsInside().length && plan.startsInside()[q]; q++) {
        byte[][] h = plan.heads().get(q);
        boolean[] last = plan.lastFlags().get(q);
        for (int k = 0; k < h.length; k++) {
          tail.add(new PieceRows.Line(h[k], h[k].length, last[k]));
        }
        if (plan.skip()[q] >= 0) {
          break; // the record ends in q
        }
      }
    }
    return new Iterator<>() {
      private int skipped;
      private int t;

      @Override
      public boolean hasNext() {
        if (!keeps) {
          return false;
        }
        while (skipped < skip && own.hasNext()) {
          own.next();
          skipped++;
        }
        return own.hasNext() || t < tail.size();
      }

      @Override
      public PieceRows.Line next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return own.hasNext() ? own.next() : tail.get(t++);
      }
    };
  }
}
