package org.cinerec.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.cinerec.Progress;
import org.cinerec.data.Dataset;
import org.cinerec.prep.Reasons;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Times as whole seconds or ISO-8601 dates and date-times, in both readers (the fast one and the CSV one). */
class TimestampsTest {
  /** 2019-01-10T12:00:00Z, worked out by hand: 17,906 days after 1970-01-01, plus 12 hours. */
  private static final long NOON = 17_906L * 86_400 + 12 * 3_600;

  @TempDir
  Path dir;

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "1547121600                | 1547121600",
      "1547121600999             | 1547121600",
      "154712160000              | 154712160",
      "0                         | 0",
      "4294967295                | 4294967295",
      "2019-01-10                | 1547078400",
      "1970-01-01                | 0",
      "2019-01-10 12:00          | 1547121600",
      "2019-01-10 12:00:00       | 1547121600",
      "2019-01-10T12:00:00       | 1547121600",
      "2019-01-10t12:00:00       | 1547121600",
      "2019-01-10T12:00:00.999   | 1547121600",
      "2019-01-10T12:00:00Z      | 1547121600",
      "2019-01-10T14:00:00+02:00 | 1547121600",
      "2019-01-10T14:00:00+0200  | 1547121600",
      "2019-01-10T14:00:00+02    | 1547121600",
      "2019-01-10 07:00-05:00    | 1547121600",
      "' 2019-01-10 12:00:00 '   | 1547121600",
      "Thu Jan 10 14:00:00 +0200 2019 | 1547121600",
      "Thu Jan 10 04:00:00 -0800 2019 | 1547121600",
      "thu jan 10 12:00:00 +0000 2019 | 1547121600",
      "Thu, 10 Jan 2019 12:00:00 GMT  | 1547121600",
      "Thu, 10 Jan 2019 14:00:00 +0200 | 1547121600"})
  void wholeSecondsAndIsoDatesAreSecondsSince1970Utc(String text, long expected) {
    assertEquals(expected, Timestamps.seconds(text), text);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "-1", "4294967296", "99999999999", "4294967296000", "99999999999999", "1.5e9", "yesterday", "2019-13-01",
      "2019-02-30", "2019-01-10 25:00", "2019-01-10X12:00", "2019-01-10 12", "1969-12-31", "1969-12-31T23:59:59Z",
      "2106-02-08", "10/01/2019", "2019-1-10", "2019-01-10 12:00:00 UTC", "2019-01-10T12:00:00+25:00", "１２３",
      "Thu Jan 10 12:00:00 PST 2019", "Fri Jan 10 12:00:00 +0000 2019", "Thu Jan 10 12:00:00 2019",
      "Wed Dec 31 23:59:59 +0000 1969", "Thu, 10 Jan 2019 12:00:00", "Thursday January 10 12:00:00 +0000 2019"})
  void anythingElseIsNotATime(String text) {
    assertEquals(-1, Timestamps.seconds(text), text);
  }

  @Test
  void bothReadersTakeIsoTimesAndSayWhatTheyExpectOfABadOne() throws IOException {
    String rows = "1,10,4.0,2019-01-10 12:00:00\n1,11,3.0,1547121601\n2,10,5.0,2019-01-10\n"
        + "2,11,2.0,2019-01-10T14:00:00+02:00\n2,12,1.0,10/01/2019\n";
    // the fast reader (a ratings-csv header) and the CSV reader (a column mapping) give the same ratings
    Dataset fast = DataSources.load(Fixtures.write(dir, "ratings.csv", "userId,movieId,rating,timestamp\n" + rows),
        LoadOptions.defaults(), Progress.NONE);
    Dataset csv = DataSources.load(Fixtures.write(dir, "export.csv", "who,what,stars,when\n" + rows),
        LoadOptions.defaults().withColumns(new ColumnMapping("who", "what", "stars", "when", null, true)),
        Progress.NONE);
    assertEquals("csv", csv.provenance().format());
    for (Dataset d : new Dataset[] {fast, csv}) {
      assertEquals(4, d.ratings().size(), d.provenance().format());
      long[] times = new long[4];
      for (int r = 0; r < 4; r++) {
        times[r] = d.ratings().timestamp(r);
      }
      java.util.Arrays.sort(times);
      assertEquals(java.util.List.of(1547078400L, NOON, NOON, NOON + 1),
          java.util.List.of(times[0], times[1], times[2], times[3]), d.provenance().format());
      assertEquals(1L, d.provenance().dropped().get(Reasons.BAD_TIMESTAMP));
      String example = d.provenance().examples().get(Reasons.BAD_TIMESTAMP).get(0);
      assertTrue(example.contains(":6") && example.contains("\"10/01/2019\" is neither whole seconds since 1970")
          && example.contains("ISO-8601"), example);
    }
  }
}
