package org.cinerec.io;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cinerec.CinerecException;
import org.cinerec.data.RatingScale;
import org.cinerec.prep.PrepReport;
import org.cinerec.prep.RatingColumns;

/**
 * The row rules of a ratings CSV with a header ({@code userId,movieId,rating[,timestamp]} in any order)
 * as a small pure API over pieces of whole lines, for engines that cut a file themselves: the Spark jobs
 * call it inside each partition, so a row is kept, dropped or counted by the one implementation the core's
 * {@link RatingsCsv} runs ({@link PieceParser}: ids, ratings, the scale, timestamps, field counts, UTF-8,
 * a last line cut short). A piece knows line numbers only relative to itself; {@link Piece#report} offsets
 * them once the pieces before it are known, as {@link FastRatingsParser} does.
 *
 * <p>Holds no state between pieces and no Spark type; build one per partition from the header text and the
 * scale ({@link #csv}).
 */
public final class RatingLines {
  private final RatingsLayout layout;
  private final boolean strict;
  private final boolean header;

  private RatingLines(RatingsLayout layout, boolean strict, boolean header) {
    this.layout = layout;
    this.strict = strict;
    this.header = header;
  }

  /**
   * The rules of format {@code format}'s ratings file {@code fileName} whose first line is {@code firstLine}
   * (the header, or the first data line of a headerless format, which must hold the delimiter), checked
   * against {@code scale} (the one given or the format's: {@link FormatParts#scale}; null checks nothing).
   * Ratings CSVs (movielens-csv, kaggle-movies, ratings-csv) have a header, movielens-100k ({@code u.data},
   * tab) and movielens-dat ({@code ::}) none. Fails naming {@code fileName}:1 as the core's readers do.
   */
  public static RatingLines of(Format format, String fileName, String firstLine, RatingScale scale, boolean strict) {
    return switch (format) {
      case MOVIELENS_CSV, KAGGLE_MOVIES, RATINGS_CSV -> csv(fileName, firstLine, scale, strict);
      case MOVIELENS_100K -> headerless(fileName, firstLine, MovieLens100k.layout(scale), MovieLens100k.EXPECTED,
          strict);
      case MOVIELENS_DAT -> headerless(fileName, firstLine, RatingsLayout.doubleColon(scale), MovieLensDat.EXPECTED,
          strict);
      case NETFLIX_PRIZE -> throw CinerecException.usage(fileName + ": format " + format.id() + " cannot be read line by "
          + "line (a rating's movie is the \"MovieID:\" line above it); read it with cinerec on one machine");
      case JSONL -> throw CinerecException.usage(fileName + ": the Spark jobs do not read JSON lines; read it with "
          + "cinerec on one machine");
      case CSV, DATASET -> throw new IllegalArgumentException("no line rules for format " + format.id());
    };
  }

  private static RatingLines headerless(String fileName, String firstLine, RatingsLayout layout, String expected,
      boolean strict) {
    DelimitedRatings.checkFirstLine(fileName, firstLine, layout, expected);
    return new RatingLines(layout, strict, false);
  }

  /** True when the file's first line is a header (not parsed; data starts at line 2), false when it is data. */
  public boolean header() {
    return header;
  }

  /** The file line number of the first data line: 2 after a header, else 1. */
  public long firstLine() {
    return header ? 2 : 1;
  }

  /**
   * The rules for a ratings CSV whose first line is {@code header}; {@code scale} checked drops rows off it,
   * null (or inferred) checks nothing. Throws naming {@code fileName}:1 when the header is not one.
   */
  public static RatingLines csv(String fileName, String header, RatingScale scale, boolean strict) {
    return new RatingLines(RatingsCsv.layout(fileName, header, ',', scale), strict, true);
  }

  /** The number of fields a row must have (the header's). */
  public int fields() {
    return layout.fields();
  }

  /**
   * Parses {@code len} bytes of whole lines ({@code b} may be longer; a 0 at {@code b[len]} enables the fast
   * path). {@code lastPiece}: the bytes end where the file ends, so a short last line without a newline is
   * {@code truncated-row} rather than {@code field-count}. In strict mode parsing stops at the first bad row
   * (which {@link Piece#report} then throws).
   */
  public Piece parse(byte[] b, int len, boolean lastPiece) {
    return new Piece(new PieceParser(b, len, layout, strict, lastPiece).run());
  }

  /** One bad row of a piece: its reason id, line within the piece (0-based), 1-based column and why. */
  public record BadRow(String reason, long line, int column, String why) {}

  /** What one piece gave: kept rows in order, lines consumed, rows seen, and bad rows by reason. */
  public static final class Piece {
    private final PieceResult r;

    Piece(PieceResult r) {
      this.r = r;
    }

    /** The kept rows (numeric ids as themselves, packed timestamps), in line order. */
    public RatingColumns rows() {
      return r.columns;
    }

    /** For kept row {@code row}: its line within the piece (0-based). */
    public long lineOf(int row) {
      // skipped[] holds, for each line that gave no row, the number of rows before it (non-decreasing)
      int lo = 0;
      int hi = r.skippedCount;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (r.skipped[mid] <= row) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return row + lo;
    }

    /** Newline-terminated lines consumed (blank and bad lines included). */
    public long lines() {
      return r.lines;
    }

    /** Non-blank lines seen (rows read). */
    public long rowsRead() {
      return r.rows;
    }

    /** Bad rows by reason id, in order of first appearance. */
    public Map<String, Long> dropped() {
      return Collections.unmodifiableMap(new LinkedHashMap<>(r.counts));
    }

    /** The first {@link PrepReport#EXAMPLES} bad rows of each reason, in line order. */
    public List<BadRow> examples() {
      List<BadRow> out = new ArrayList<>();
      for (Map.Entry<String, List<long[]>> e : r.where.entrySet()) {
        List<String> whys = r.whys.get(e.getKey());
        for (int k = 0; k < e.getValue().size(); k++) {
          long[] w = e.getValue().get(k);
          out.add(new BadRow(e.getKey(), w[0], (int) w[1], whys.get(k)));
        }
      }
      return out;
    }

    /**
     * Feeds rows read and bad rows to {@code report} as the core's reader does, this piece's first line
     * being line {@code firstLine} of file {@code name}.
     */
    public void report(String name, long firstLine, PrepReport report) {
      r.report(name, firstLine, report);
    }
  }

  /**
   * Feeds a piece summary that travelled without its rows (e.g. from a Spark executor) to {@code report}:
   * rows read, counts by reason and examples with lines relative to {@code firstLine}, exactly as
   * {@link Piece#report} would.
   */
  public static void report(String name, long firstLine, long rowsRead, Map<String, Long> dropped,
      List<BadRow> examples, PrepReport report) {
    PieceResult r = new PieceResult();
    r.rows = rowsRead;
    for (BadRow b : examples) {
      r.counts.putIfAbsent(b.reason(), 0L);
      r.where.computeIfAbsent(b.reason(), x -> new ArrayList<>()).add(new long[] {b.line(), b.column()});
      r.whys.computeIfAbsent(b.reason(), x -> new ArrayList<>()).add(b.why());
    }
    for (Map.Entry<String, Long> e : dropped.entrySet()) {
      r.counts.put(e.getKey(), e.getValue());
      r.where.computeIfAbsent(e.getKey(), x -> new ArrayList<>());
      r.whys.computeIfAbsent(e.getKey(), x -> new ArrayList<>());
    }
    r.report(name, firstLine, report);
  }
}
