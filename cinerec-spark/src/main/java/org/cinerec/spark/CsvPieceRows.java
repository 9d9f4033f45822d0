package org.cinerec.spark;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
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
import org.cinerec.io.ColumnMapping;
import org.cinerec.io.CsvRows;
import org.cinerec.prep.PrepReport;

/**
 * The generic CSV's partitions: lines gathered in pieces of {@link PrepareJob#PIECE} bytes, decoded as
 * UTF-8 (bytes that are not become U+FFFD, the first one remembered for the report's note, as the core's
 * decoding does) and run through the core's rules ({@link CsvRows}), rows emitted with their text ids
 * ({@code userId, movieId, rating, timestamp, part, line}). A quoted field holding a line break: the
 * partitions' lines come whole-record from {@link CsvQuotes}, and a piece is cut only outside quotes.
 */
final class CsvPieceRows implements Iterator<Row> {
  /** How an executor rebuilds the rules: the mapping, name, first line and scale as plain values. */
  record Spec(String name, String firstLine, String[] columns, boolean header, String[] scale)
      implements Serializable {
    static Spec of(String name, String firstLine, ColumnMapping m, RatingScale scale) {
      ColumnMapping mm = m == null ? ColumnMapping.defaults() : m;
      return new Spec(name, firstLine, new String[] {mm.user(), mm.item(), mm.rating(), mm.time(), mm.delimiter()},
          mm.header(), PieceRows.Rules.parts(scale));
    }

    ColumnMapping mapping() {
      return new ColumnMapping(columns[0], columns[1], columns[2], columns[3], columns[4], header);
    }

    CsvRows build() {
      return CsvRows.of(name, mapping(), firstLine, PieceRows.Rules.scaleOf(scale));
    }

    CsvQuotes quotes() {
      return new CsvQuotes(CsvRows.delimiter(mapping(), firstLine));
    }
  }

  private final int part;
  private final Iterator<PieceRows.Line> lines;
  private final String name;
  private final CsvRows rules;
  private final CsvQuotes quotes;
  private final CollectionAccumulator<PieceRows.PartSummary> sink;
  private final LinkedHashMap<String, Long> dropped = new LinkedHashMap<>();
  private final ArrayList<PieceRows.Bad> examples = new ArrayList<>();
  private final Map<String, Integer> examplesByReason = new HashMap<>();
  private final ArrayDeque<Row> ready = new ArrayDeque<>();
  private long linesDone;
  private long newlines;
  private long rowsRead;
  private long utf8Line = -1;
  private int utf8Byte;
  private byte[] buf = new byte[1 << 16];
  private boolean reported;

  CsvPieceRows(int part, Iterator<PieceRows.Line> lines, Spec spec, CollectionAccumulator<PieceRows.PartSummary> sink) {
    this.part = part;
    this.lines = lines;
    this.name = spec.name();
    this.rules = spec.build();
    this.quotes = spec.quotes();
    this.sink = sink;
  }

  @Override
  public boolean hasNext() {
    while (ready.isEmpty()) {
      if (!lines.hasNext()) {
        if (!reported) {
          reported = true;
          sink.add(new PieceRows.PartSummary(part, linesDone, rowsRead, dropped, examples, newlines, utf8Line,
              utf8Byte));
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
    return ready.poll();
  }

  private void fill() {
    int len = 0;
    boolean last = false;
    boolean inside = false; // a piece ends only outside a quoted field
    while (lines.hasNext() && (len < PrepareJob.PIECE || inside)) {
      PieceRows.Line l = lines.next();
      int n = l.length();
      inside = quotes.insideAfter(inside, l.bytes(), n);
      if (len + n + 1 > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n + 1));
      }
      System.arraycopy(l.bytes(), 0, buf, len, n);
      len += n;
      if (l.last()) {
        last = true;
      } else {
        buf[len++] = '\n';
      }
    }
    int bad = CsvRows.firstInvalidUtf8(buf, 0, len);
    long pieceNewlines = 0;
    for (int i = 0; i < len; i++) {
      if (buf[i] == '\n') {
        pieceNewlines++;
      }
    }
    if (bad >= 0 && utf8Line < 0) {
      long before = 0;
      for (int i = 0; i < bad; i++) {
        if (buf[i] == '\n') {
          before++;
        }
      }
      utf8Line = newlines + before;
      utf8Byte = buf[bad] & 0xFF;
    }
    newlines += pieceNewlines;
    String text = new String(buf, 0, len, StandardCharsets.UTF_8);
    long base = linesDone - 1; // FastCSV's lines are 1-based within the text
    rowsRead += rules.parse(name, text, false, last, new CsvRows.Sink() {
      @Override
      public void kept(String user, String item, float rating, int packedTime, long line) {
        ready.add(RowFactory.create(user, item, rating, Integer.toUnsignedLong(packedTime), part, base + line));
      }

      @Override
      public void bad(String reason, long line, int column, String why) {
        dropped.merge(reason, 1L, Long::sum);
        int have = examplesByReason.getOrDefault(reason, 0);
        if (have < PrepReport.EXAMPLES) {
          examplesByReason.put(reason, have + 1);
          examples.add(new PieceRows.Bad(reason, base + line, column, why));
        }
      }
    });
    linesDone += CsvRows.lineBreaks(text);
  }
}
