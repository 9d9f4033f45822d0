package org.cinerec.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.cinerec.Progress;
import org.cinerec.data.Provenance;
import org.cinerec.prep.PrepReport;
import org.cinerec.prep.RatingColumns;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** Cutting the file into pieces (parsed in parallel) never changes the rows or the report. */
class FastRatingsParserTest {
  @TempDir
  Path dir;

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 42, 2026})
  void piecesOfAnySizeGiveTheSameRowsAndReport(long seed) throws IOException {
    SplittableRandom rnd = new SplittableRandom(seed);
    StringBuilder sb = new StringBuilder("userId,movieId,rating,timestamp\n");
    String[] bad = {"1,x,4.0,1", "NaN", "2,3,NaN,5", "4,5,6.5,7", "", "8,9,1.0", "1,2,3,4,5"};
    int rows = 2000 + rnd.nextInt(2000);
    java.util.List<Integer> goodLines = new java.util.ArrayList<>();
    for (int i = 0; i < rows; i++) {
      if (rnd.nextInt(50) == 0) {
        sb.append(bad[rnd.nextInt(bad.length)]);
      } else {
        goodLines.add(i + 2);
        sb.append(rnd.nextInt(500)).append(',').append(rnd.nextInt(3000)).append(',')
            .append(rnd.nextInt(1, 11) / 2.0).append(',').append(rnd.nextLong(0, 2_000_000_000L));
      }
      sb.append(rnd.nextBoolean() ? "\r\n" : "\n");
    }
    Path p = dir.resolve("ratings.csv");
    Files.writeString(p, sb, StandardCharsets.UTF_8);
    RatingsLayout layout = RatingsLayout.standard(',', 0.5f, 5f);
    long start = "userId,movieId,rating,timestamp\n".length();
    PrepReport whole = new PrepReport(false);
    RatingColumns a = FastRatingsParser.parse(p, "ratings.csv", layout, start, 2, whole, Progress.NONE, 1 << 30, 1);
    for (int piece : new int[] {7, 64, 1000, 4096}) {
      PrepReport cut = new PrepReport(false);
      RatingColumns b = FastRatingsParser.parse(p, "ratings.csv", layout, start, 2, cut, Progress.NONE, piece, 0);
      assertEquals(a.size(), b.size(), "seed " + seed + " piece " + piece);
      for (int i = 0; i < a.size(); i++) {
        assertEquals(a.user(i), b.user(i));
        assertEquals(a.item(i), b.item(i));
        assertEquals(a.rating(i), b.rating(i));
        assertEquals(a.packedTime(i), b.packedTime(i));
      }
      for (int i = 0; i < b.size(); i += 97) {
        assertEquals("ratings.csv:" + goodLines.get(i), b.where(i), "seed " + seed + " piece " + piece + " row " + i);
      }
      Provenance pa = whole.toProvenance("x", java.util.List.of(), a.size());
      Provenance pb = cut.toProvenance("x", java.util.List.of(), b.size());
      assertEquals(pa, pb, "seed " + seed + " piece " + piece);
    }
    assertEquals(whole.rowsRead(), a.size() + whole.totalDropped(), "seed " + seed);
  }
}
