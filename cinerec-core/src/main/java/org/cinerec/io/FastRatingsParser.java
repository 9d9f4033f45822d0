package org.cinerec.io;

import org.cinerec.prep.RatingColumns;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;
import org.cinerec.CinerecException;
import org.cinerec.Progress;
import org.cinerec.math.Parallel;
import org.cinerec.prep.PrepReport;

/**
 * The byte-level parser for big numeric ratings files ({@code userId,movieId,rating,timestamp} and the
 * tab and {@code ::} variants). It reads the file in pieces cut at line boundaries, parses the pieces
 * on the shared pool ({@link Parallel}) straight from bytes into primitive columns (no String per
 * field), and concatenates them in file order, so the result and the report do not depend on the
 * number of threads. Bad rows are reported with file:line:column (see {@link PieceParser}).
 *
 * <p>Ids must be non-negative decimal integers; ratings are decimals ("4", "3.5", "4.25", or anything
 * {@link Float#parseFloat} takes); quoting is not supported (these files never quote).
 */
public final class FastRatingsParser {
  /** Bytes per piece: large enough to amortise the task, small enough to balance two cores. */
  static final int PIECE = 8 << 20;

  private FastRatingsParser() {}

  /**
   * Parses {@code file} from byte offset {@code dataStart} (just after the header, if any), whose first
   * line is line number {@code firstLine}. Bad rows go to {@code report} (strict mode: the first one, in
   * file order, throws).
   */
  public static RatingColumns parse(Path file, String name, RatingsLayout layout, long dataStart, long firstLine,
      PrepReport report, Progress progress) {
    return parse(file, name, layout, dataStart, firstLine, report, progress, PIECE, 0);
  }

  /**
   * As above with a given piece size and number of threads (0 = the pool's size); for tests (tiny pieces
   * exercise the merge) and benchmarks (one thread against two).
   */
  public static RatingColumns parse(Path file, String name, RatingsLayout layout, long dataStart, long firstLine,
      PrepReport report, Progress progress, int pieceSize, int threads) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      long[] bounds = cut(ch, dataStart, size, pieceSize);
      int pieces = bounds.length - 1;
      PieceResult[] results = new PieceResult[pieces];
      AtomicLong done = new AtomicLong(dataStart);
      progress.start("Reading " + name, size);
      boolean strict = report.strict();
      Parallel.forEachChunk(pieces, threads, (chunk, from, to) -> {
        byte[] buf = new byte[0];
        for (int k = from; k < to; k++) {
          int len = (int) (bounds[k + 1] - bounds[k]);
          if (buf.length < len + 1) {
            buf = new byte[len + 1];
          }
          readFully(ch, buf, len, bounds[k], name);
          buf[len] = 0; // sentinel for the parser's happy path
          results[k] = new PieceParser(buf, len, layout, strict, k == pieces - 1).run();
          progress.update(done.addAndGet(len));
        }
      });
      progress.finish();
      long line = firstLine;
      RatingColumns[] parts = new RatingColumns[pieces];
      int skippedTotal = 0;
      for (PieceResult r : results) {
        skippedTotal += r.skippedCount;
      }
      long[] skipped = new long[skippedTotal];
      int s = 0;
      long rowsBefore = 0;
      for (int k = 0; k < pieces; k++) {
        PieceResult r = results[k];
        r.report(name, line, report);
        parts[k] = r.columns;
        line += r.lines;
        for (int j = 0; j < r.skippedCount; j++) {
          skipped[s++] = rowsBefore + r.skipped[j];
        }
        rowsBefore += r.columns.size();
      }
      RatingColumns all = RatingColumns.concat(parts);
      all.lineMap(name, firstLine, skipped);
      return all;
    } catch (IOException e) {
      throw new CinerecException(name + ": cannot read: " + AtomicFiles.describe(e), e);
    }
  }

  /** Piece boundaries: {@code [start, ..., end]}, each inner one just after a newline. */
  static long[] cut(FileChannel ch, long start, long end, int piece) throws IOException {
    java.util.List<Long> b = new java.util.ArrayList<>();
    b.add(start);
    long pos = start;
    ByteBuffer probe = ByteBuffer.allocate(1 << 16);
    while (end - pos > piece) {
      long at = pos + piece;
      long nl = -1;
      while (nl < 0 && at < end) {
        probe.clear();
        int n = ch.read(probe, at);
        if (n <= 0) {
          break;
        }
        for (int i = 0; i < n; i++) {
          if (probe.get(i) == '\n') {
            nl = at + i + 1;
            break;
          }
        }
        at += n;
      }
      if (nl < 0 || nl >= end) {
        break;
      }
      b.add(nl);
      pos = nl;
    }
    b.add(end);
    return b.stream().mapToLong(Long::longValue).toArray();
  }

  static void readFully(FileChannel ch, byte[] buf, int len, long at, String name) {
    ByteBuffer bb = ByteBuffer.wrap(buf, 0, len);
    try {
      long pos = at;
      while (bb.hasRemaining()) {
        int n = ch.read(bb, pos);
        if (n < 0) {
          throw new CinerecException(name + ": file shrank while being read");
        }
        pos += n;
      }
    } catch (IOException e) {
      throw new CinerecException(name + ": cannot read: " + AtomicFiles.describe(e), e);
    }
  }
}
