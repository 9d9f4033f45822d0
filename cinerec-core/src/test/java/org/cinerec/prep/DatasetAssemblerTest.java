package org.cinerec.prep;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.cinerec.data.Dataset;
import org.junit.jupiter.api.Test;

/** Ids, placeholders and duplicates, whether or not the rows are grouped by user. */
class DatasetAssemblerTest {

  private static RatingColumns rows(int[][] r) {
    RatingColumns c = new RatingColumns(4);
    for (int[] x : r) {
      c.add(x[0], x[1], x[2], x[3]);
    }
    return c;
  }

  private static Dataset assemble(RatingColumns c, PrepReport report) {
    MovieTable t = new MovieTable();
    t.add(new MovieTable.Movie("10", "Ten (2000)", 2000, new String[0], null, null));
    t.add(new MovieTable.Movie("20", "Twenty (2000)", 2000, new String[0], null, null));
    return DatasetAssembler.assemble(c, t, false, "test", List.of(), "r.csv", report);
  }

  @Test
  void interleavedUsersStillHaveTheirDuplicatesResolvedToTheLatest() {
    PrepReport report = new PrepReport(false);
    // user 7 rates movie 10 at t=5, user 8 in between, then user 7 again at t=9 and t=3
    Dataset d = assemble(rows(new int[][] {{7, 10, 1, 5}, {8, 10, 2, 6}, {7, 10, 3, 9}, {7, 10, 4, 3}, {8, 30, 5, 1}}),
        report);
    assertEquals(3, d.ratings().size());
    assertEquals(2L, report.dropped(Reasons.DUPLICATE));
    assertEquals(3f, d.ratings().rating(1), "user 7 keeps the rating at t=9, in its file position");
    assertEquals(List.of("7", "8"), List.of(d.users().ids()));
    assertEquals(List.of("10", "20", "30"), List.of(d.items().ids()), "catalogue first, then placeholders");
  }

  @Test
  void examplesNameTheLinesAsReadEvenAfterRowsWereDropped() {
    PrepReport report = new PrepReport(false);
    RatingColumns c = rows(new int[][] {{7, 30, 1, 5}, {7, 10, 3, 9}, {7, 31, 4, 9}, {7, 10, 2, 6}});
    c.lineMap("r.csv", 2, new long[] {1}); // one blank line after the first row
    MovieTable t = new MovieTable();
    t.add(new MovieTable.Movie("10", "Ten (2000)", 2000, new String[0], null, null));
    Dataset d = DatasetAssembler.assemble(c, t, true, "test", List.of(), "r.csv", report);
    assertEquals(1, d.ratings().size());
    assertEquals(List.of("r.csv:2: movie 30 has no metadata record", "r.csv:5: movie 31 has no metadata record"),
        report.toProvenance("x", List.of(), 1).examples().get(Reasons.NO_METADATA));
    assertEquals(List.of("r.csv:6: user 7 rated movie 10 more than once; kept the latest, line 4 (rating 3.0, timestamp 9)"),
        report.toProvenance("x", List.of(), 1).examples().get(Reasons.DUPLICATE));
    assertEquals("r.csv:3: user u rated movie m more than once; kept the latest, line 9 (rating 4.5, no timestamp)",
        DatasetAssembler.duplicateExample("r.csv:3", "u", "m", 9, 4.5f, 0), "without times: the row further down");
  }

  @Test
  void groupedUsersGiveTheSameAnswerAndTiesKeepTheLaterRow() {
    PrepReport report = new PrepReport(false);
    Dataset d = assemble(rows(new int[][] {{7, 10, 1, 5}, {7, 10, 3, 9}, {7, 10, 4, 9}, {8, 10, 2, 6}}), report);
    assertEquals(2, d.ratings().size());
    assertEquals(4f, d.ratings().rating(0));
    assertEquals(2L, report.dropped(Reasons.DUPLICATE));
  }
}
