package org.cinerec.io;

import java.nio.file.Path;
import org.cinerec.CinerecException;
import org.cinerec.Progress;
import org.cinerec.prep.PrepReport;
import org.cinerec.prep.RatingColumns;

/**
 * Headerless numeric ratings files with a fixed layout (MovieLens 100K {@code u.data}, 1M/10M
 * {@code ratings.dat}): checks that the first line splits on the expected delimiter, then runs
 * {@link FastRatingsParser} from line 1.
 */
final class DelimitedRatings {
  private DelimitedRatings() {}

  /** Fails naming {@code name}:1 when the first line does not hold the layout's delimiter. */
  static void checkFirstLine(String name, String first, RatingsLayout layout, String expected) {
    String d = layout.doubled() ? layout.delimiterText() : String.valueOf((char) layout.delimiter());
    if (!first.contains(d)) {
      throw new CinerecException(name + ":1: expected " + expected + " but the first line \""
          + RatingsCsv.abbreviate(first) + "\" has no '" + layout.delimiterText() + "'");
    }
  }

  static RatingColumns read(Path file, RatingsLayout layout, String expected, PrepReport report, Progress progress) {
    String name = file.getFileName().toString();
    TextFiles.requireTextFile(file, expected);
    checkFirstLine(name, TextFiles.header(file).text(), layout, expected);
    return FastRatingsParser.parse(file, name, layout, 0, 1, report, progress);
  }
}
