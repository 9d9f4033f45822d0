package org.cinerec.split;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cinerec.CinerecException;
import org.cinerec.Progress;
import org.cinerec.data.Dataset;
import org.cinerec.data.Ratings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSplitTest {
  @TempDir
  Path dir;

  /** users u0, u1; movies 10, 11, 12. */
  static Dataset data() {
    int[] u = {0, 0, 0, 1, 1};
    int[] it = {0, 1, 2, 0, 2};
    float[] r = {4f, 3.5f, 5f, 1f, 2.5f};
    int[] t = {100, 200, 300, 400, 500};
    return Fixtures.dataset(new Ratings(u, it, r, t, 2, 3));
  }

  SplitSpec files(String train, String test) throws IOException {
    Files.writeString(dir.resolve("train.csv"), train);
    Files.writeString(dir.resolve("test.csv"), test);
    return SplitSpec.parse("files:" + dir.resolve("train.csv") + "," + dir.resolve("test.csv"));
  }

  @Test
  void mapsEachLineToTheDatasRowKeepingTheFilesOrder() throws IOException {
    SplitSpec spec = files("userId,movieId,rating,timestamp\r\nu1,12,2.5,500\r\nu0,10,4.0,100\r\nu0,12,5.0,300\r\n",
        "userId,movieId,rating,timestamp\nu0,11,3.5,200\nu1,10,1.0,400\n");
    Split s = spec.apply(data());
    assertArrayEquals(new int[] {1, 0, 0}, s.train().users());
    assertArrayEquals(new int[] {2, 0, 2}, s.train().items());
    assertArrayEquals(new float[] {2.5f, 4f, 5f}, s.train().ratings());
    assertArrayEquals(new int[] {0, 1}, s.test().users());
    assertEquals(500L, s.train().timestamp(0));
  }

  @Test
  void acceptsFilesWithOnlyUserAndMovieColumnsInAnyOrder() throws IOException {
    Split s = files("movieId,userId\n11,u0\n", "movieId,userId\n10,u1\n").apply(data());
    assertEquals(1, s.train().size());
    assertEquals(1, s.test().size());
  }

  @Test
  void aRowNotInTheDataIsAnErrorNamingTheFileAndLine() throws IOException {
    SplitSpec spec = files("userId,movieId,rating,timestamp\nu0,10,4.0,100\n",
        "userId,movieId,rating,timestamp\nu0,11,3.5,200\nu1,11,3.0,1\n");
    CinerecException e = assertThrows(CinerecException.class, () -> spec.apply(data()));
    assertTrue(e.getMessage().startsWith(dir.resolve("test.csv") + ":3: user u1, movie 11 is not a rating"),
        e.getMessage());
  }

  @Test
  void anUnknownUserIsNamed() throws IOException {
    SplitSpec spec = files("userId,movieId\nu9,10\n", "userId,movieId\n");
    CinerecException e = assertThrows(CinerecException.class, () -> spec.apply(data()));
    assertTrue(e.getMessage().contains("train.csv:2:") && e.getMessage().contains("unknown user"), e.getMessage());
  }

  @Test
  void anIdWithLeadingZerosIsTheSameNumberAsInTheData() throws IOException {
    Split s = files("userId,movieId\nu0,010\n", "userId,movieId\nu1,0010\n").apply(data());
    assertEquals(1, s.train().size());
    assertEquals(1, s.test().size());
    assertEquals(s.train().item(0), s.test().item(0), "010 and 0010 are movie 10");
  }

  @Test
  void anIdWithLettersIsMatchedAsWritten() throws IOException {
    SplitSpec spec = files("userId,movieId\nU0,10\n", "userId,movieId\n");
    CinerecException e = assertThrows(CinerecException.class, () -> spec.apply(data()));
    assertTrue(e.getMessage().contains("train.csv:2: user U0, movie 10 is not a rating of the loaded data (unknown user)"),
        e.getMessage());
  }

  @Test
  void aRowListedInBothFilesIsAnError() throws IOException {
    SplitSpec spec = files("userId,movieId\nu0,10\n", "userId,movieId\nu1,10\nu0,10\n");
    CinerecException e = assertThrows(CinerecException.class, () -> spec.apply(data()));
    assertTrue(e.getMessage().contains("test.csv:3:") && e.getMessage().contains("listed twice (first at ")
        && e.getMessage().contains("train.csv:2)"), e.getMessage());
  }

  @Test
  void aRatingThatDiffersFromTheDataIsAnError() throws IOException {
    SplitSpec spec = files("userId,movieId,rating\nu0,10,3.0\n", "userId,movieId\n");
    CinerecException e = assertThrows(CinerecException.class, () -> spec.apply(data()));
    assertTrue(e.getMessage().contains("train.csv:2: rating 3.0") && e.getMessage().contains("has 4.0"),
        e.getMessage());
  }

  @Test
  void aHeaderWithoutTheIdColumnsOrAMissingFileIsAnError() throws IOException {
    SplitSpec bad = files("user,item\nu0,10\n", "userId,movieId\n");
    assertTrue(assertThrows(CinerecException.class, () -> bad.apply(data())).getMessage()
        .contains("train.csv:1: header \"user,item\" has no userId and movieId columns"));
    SplitSpec missing = SplitSpec.parse("files:" + dir.resolve("nope.csv") + "," + dir.resolve("test.csv"));
    assertTrue(assertThrows(CinerecException.class, () -> missing.apply(data())).getMessage()
        .contains("nope.csv: cannot read the split file: no such file"));
  }

  @Test
  void aSplitWrittenToCsvReadsBackAsTheSameSplit() {
    Dataset d = Fixtures.dataset(Fixtures.randomRatings(77));
    Split s = SplitSpec.parse("random:0.3:5").apply(d);
    s.writeCsv(dir, d, Progress.NONE);
    Split back = SplitSpec.parse("files:" + dir.resolve("train.csv") + "," + dir.resolve("test.csv")).apply(d);
    assertEquals(s.train(), back.train());
    assertEquals(s.test(), back.test());
  }
}
