package org.cinerec.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cinerec.prep.PrepReport;
import org.cinerec.prep.RatingColumns;

/**
 * What {@link PieceParser} produced for one piece: its rows, its line count, and its bad rows with
 * line numbers relative to the piece, which {@link #report} offsets once the pieces before it are known.
 */
final class PieceResult {
  RatingColumns columns;
  long lines;
  long rows;
  final Map<String, Long> counts = new LinkedHashMap<>();
  final Map<String, List<long[]>> where = new LinkedHashMap<>();
  final Map<String, List<String>> whys = new LinkedHashMap<>();
  /** For each line that gave no row (blank or bad), the number of rows of this piece before it. */
  int[] skipped = new int[4];
  int skippedCount;

  void skip(int rowsBefore) {
    if (skippedCount == skipped.length) {
      skipped = java.util.Arrays.copyOf(skipped, skippedCount * 2);
    }
    skipped[skippedCount++] = rowsBefore;
  }

  void bad(String reason, long line, int col, String why) {
    counts.merge(reason, 1L, Long::sum);
    List<long[]> w = where.computeIfAbsent(reason, r -> new ArrayList<>());
    if (w.size() < PrepReport.EXAMPLES) {
      w.add(new long[] {line, col});
      whys.computeIfAbsent(reason, r -> new ArrayList<>()).add(why);
    }
  }

  /** Feeds this piece's rows and problems to the report; lines are offset by {@code firstLine}. */
  void report(String name, long firstLine, PrepReport report) {
    report.addRowsRead(rows);
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      String reason = e.getKey();
      List<long[]> w = where.get(reason);
      List<String> y = whys.get(reason);
      for (int k = 0; k < w.size(); k++) {
        report.badRow(reason, name, firstLine + w.get(k)[0], (int) w.get(k)[1], y.get(k));
      }
      if (e.getValue() > w.size()) {
        report.drop(reason, null, e.getValue() - w.size());
      }
    }
  }
}
