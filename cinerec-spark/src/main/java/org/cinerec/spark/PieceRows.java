package org.cinerec.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.CollectionAccumulator;
import org.cinerec.data.RatingScale;
import org.cinerec.io.Format;
import org.cinerec.io.RatingLines;
import org.cinerec.prep.PrepReport;
import org.cinerec.prep.RatingColumns;

/**
 * Runs the core's row rules ({@link RatingLines}) over one partition's lines in pieces of
 * {@link PrepareJob#PIECE} bytes, emitting kept rows lazily ({@code userId, movieId, rating, timestamp,
 * part, line}, line relative to the partition) and the partition's summary once its last row has been
 * taken.
 */
final class PieceRows implements Iterator<Row> {
  /** One line's bytes without its newline; {@code last}: it ends the file without a newline. */
  record Line(byte[] bytes, int length, boolean last) {}

  /** How an executor rebuilds the rules: the format, file name, first line and scale as plain values. */
  record Rules(String format, String name, String firstLine, String[] scale) implements Serializable {
    static Rules of(Format format, String name, String firstLine, RatingScale scale) {
      return new Rules(format.id(), name, firstLine, scale == null ? null : new String[] {Double.toString(scale.min()),
          Double.toString(scale.max()), Double.toString(scale.step()), scale.source().id()});
    }

    RatingScale scaleValue() {
      return scale == null ? null : new RatingScale(Double.parseDouble(scale[0]), Double.parseDouble(scale[1]),
          Double.parseDouble(scale[2]), RatingScale.Source.of(scale[3]));
    }

    RatingLines build() {
      return RatingLines.of(Format.of(format), name, firstLine, scaleValue(), false);
    }
  }

  /** One bad row of a partition, line relative to the partition's first line. */
  record Bad(String reason, long line, int column, String why) implements Serializable {}

  /**
   * What a partition read: lines consumed, rows read, bad rows by reason with the first examples; for
   * decoded text (the generic CSV) also its LF count and the first byte that is not UTF-8 (0-based line
   * in LF numbering, -1 when none).
   */
  record PartSummary(int part, long lines, long rowsRead, LinkedHashMap<String, Long> dropped,
      ArrayList<Bad> examples, long newlines, long utf8Line, int utf8Byte) implements Serializable {}

  private final int part;
  private final Iterator<Line> lines;
  private final RatingLines rules;
  private final CollectionAccumulator<PartSummary> sink;
  private final LinkedHashMap<String, Long> dropped = new LinkedHashMap<>();
  private final ArrayList<Bad> examples = new ArrayList<>();
  private final Map<String, Integer> examplesByReason = new HashMap<>();
  private long linesDone;
  private long rowsRead;
  private byte[] buf = new byte[1 << 16];
  private RatingColumns current;
  private long currentFirstLine;
  private RatingLines.Piece piece;
  private int next;
  private boolean reported;

  PieceRows(int part, Iterator<Line> lines, RatingLines rules, CollectionAccumulator<PartSummary> sink) {
    this.part = part;
    this.lines = lines;
    this.rules = rules;
    this.sink = sink;
  }

  @Override
  public boolean hasNext() {
    while (current == null || next >= current.size()) {
      if (!lines.hasNext()) {
        if (!reported) {
          reported = true;
          sink.add(new PartSummary(part, linesDone, rowsRead, dropped, examples, 0, -1, 0));
        }
        return false;
      }
      fill();
    }
    return true;
  }

  @Override
  public Row next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    int r = next++;
    long line = currentFirstLine + piece.lineOf(r);
    return RowFactory.create(current.user(r), current.item(r), current.rating(r),
        Integer.toUnsignedLong(current.packedTime(r)), part, line);
  }

  /** Reads lines up to {@link PrepareJob#PIECE} bytes and parses them. */
  private void fill() {
    int len = 0;
    boolean last = false;
    while (lines.hasNext() && len < PrepareJob.PIECE) {
      Line l = lines.next();
      int n = l.length();
      if (len + n + 2 > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n + 2));
      }
      System.arraycopy(l.bytes(), 0, buf, len, n);
      len += n;
      if (l.last()) {
        last = true;
      } else {
        buf[len++] = '\n';
      }
    }
    buf[len] = 0;
    piece = rules.parse(buf, len, last);
    currentFirstLine = linesDone;
    current = piece.rows();
    next = 0;
    rowsRead += piece.rowsRead();
    for (Map.Entry<String, Long> e : piece.dropped().entrySet()) {
      dropped.merge(e.getKey(), e.getValue(), Long::sum);
    }
    for (RatingLines.BadRow b : piece.examples()) {
      int have = examplesByReason.getOrDefault(b.reason(), 0);
      if (have < PrepReport.EXAMPLES) {
        examplesByReason.put(b.reason(), have + 1);
        examples.add(new Bad(b.reason(), currentFirstLine + b.line(), b.column(), b.why()));
      }
    }
    linesDone += piece.lines();
  }
}
