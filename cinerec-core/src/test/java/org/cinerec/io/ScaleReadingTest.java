package org.cinerec.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.cinerec.CinerecException;
import org.cinerec.Progress;
import org.cinerec.data.Dataset;
import org.cinerec.data.RatingScale;
import org.cinerec.prep.Reasons;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scale is a property of the data: fixed by the format where it defines one, read off the data where
 * it does not (nothing dropped then), and given with {@code --scale}.
 */
class ScaleReadingTest {
  @TempDir
  Path dir;

  static final RatingScale ZERO_TO_TEN = new RatingScale(0, 10, 1, RatingScale.Source.INFERRED);

  Dataset load(Path p, LoadOptions o) {
    return DataSources.load(p, o, Progress.NONE);
  }

  /** A MovieTweetings-like folder: 0..10 ratings in the :: layout, catalogue ids with leading zeros. */
  Path tweetings() throws Exception {
    Path d = Files.createDirectories(dir.resolve("tweets"));
    Files.writeString(d.resolve("ratings.dat"),
        "1::0000008::10::1365029107\n1::0000010::0::1365029108\n2::0000008::7::1365029109\n2::0000012::5::1365029110\n");
    Files.writeString(d.resolve("movies.dat"),
        "0000008::Edison Kinetoscopic Record of a Sneeze (1894)::Documentary|Short\n0000010::La sortie (1895)::Short\n"
            + "0000012::The Arrival of a Train (1896)::Short\n");
    return d;
  }

  @Test
  void theDoubleColonLayoutReadsItsScaleOffTheDataAndDropsNothing() throws Exception {
    Dataset d = load(tweetings(), LoadOptions.defaults());
    assertEquals(4, d.ratings().size());
    assertEquals(0, d.provenance().totalDropped());
    assertEquals(ZERO_TO_TEN, d.scale());
    assertEquals("movielens-dat", d.provenance().format());
  }

  @Test
  void aGivenScaleIsCheckedAndRecorded() throws Exception {
    RatingScale given = RatingScale.parse("1:10:1", "--scale");
    Dataset d = load(tweetings(), LoadOptions.defaults().withScale(given));
    assertEquals(3, d.ratings().size());
    assertEquals(1L, d.provenance().dropped().get(Reasons.OUT_OF_SCALE));
    assertEquals(given, d.scale());
    assertTrue(d.provenance().examples().get(Reasons.OUT_OF_SCALE).get(0)
        .startsWith("ratings.dat:2: rating \"0\" is outside the scale 1..10 in steps of 1 (--scale)"),
        d.provenance().examples().toString());
  }

  @Test
  void movieLensCsvHasTheHalfStarScaleOfItsFormatIncludingTheStep() throws Exception {
    Path d = Files.createDirectories(dir.resolve("ml"));
    Files.writeString(d.resolve("ratings.csv"), "userId,movieId,rating,timestamp\n1,1,4.25,1\n1,2,5.5,2\n1,3,0,3\n"
        + "2,1,0.5,4\n2,2,5.0,5\n");
    Files.writeString(d.resolve("movies.csv"), "movieId,title,genres\n1,A (1990),Drama\n2,B (1991),Drama\n3,C (1992),Drama\n");
    Dataset ml = load(d, LoadOptions.defaults());
    assertEquals(2, ml.ratings().size());
    assertEquals(3L, ml.provenance().dropped().get(Reasons.OUT_OF_SCALE), "4.25 is off the half-star steps");
    assertEquals(RatingScale.HALF_STARS, ml.scale());
    // --scale replaces the format's
    Dataset wide = load(d, LoadOptions.defaults().withScale(RatingScale.parse("0:10", "--scale")));
    assertEquals(5, wide.ratings().size());
    assertEquals(0, wide.provenance().totalDropped());
    assertEquals(RatingScale.Source.GIVEN, wide.scale().source());
    // strict mode names the flag
    CinerecException e = assertThrows(CinerecException.class, () -> load(d, LoadOptions.defaults().withStrict(true)));
    assertTrue(e.getMessage().startsWith("ratings.csv:2:5: rating \"4.25\" is outside the scale 0.5..5 in steps of 0.5 "
        + "(the format's; --scale MIN:MAX[:STEP] sets another)"), e.getMessage());
  }

  @Test
  void movieLens100kIsWholeStarsOneToFive() throws Exception {
    Path d = Files.createDirectories(dir.resolve("ml-100k"));
    Files.writeString(d.resolve("u.data"), "1\t1\t5\t1\n1\t2\t0\t2\n2\t1\t3\t3\n2\t2\t3.5\t4\n");
    Dataset k = load(d, LoadOptions.defaults().withFormat("movielens-100k"));
    assertEquals(2, k.ratings().size());
    assertEquals(2L, k.provenance().dropped().get(Reasons.OUT_OF_SCALE));
    assertEquals(RatingScale.WHOLE_STARS, k.scale());
  }

  @Test
  void genericCsvAndRatingsCsvInferUnlessGiven() throws Exception {
    Path csv = dir.resolve("r.tsv");
    Files.writeString(csv, "u\ti\tr\nalice\tm1\t7.5\nbob\tm1\t-2\nbob\tm2\t10\n");
    LoadOptions o = LoadOptions.defaults().withColumns(new ColumnMapping("u", "i", "r", "none", "tab", true));
    Dataset g = load(csv, o);
    assertEquals(3, g.ratings().size());
    assertEquals(new RatingScale(-2, 10, 0.5, RatingScale.Source.INFERRED), g.scale());
    Dataset checked = load(csv, o.withScale(RatingScale.parse("0:10:2.5", "--scale")));
    assertEquals(2, checked.ratings().size());
    assertEquals(1L, checked.provenance().dropped().get(Reasons.OUT_OF_SCALE));

    Path ratings = dir.resolve("ratings.csv");
    Files.writeString(ratings, "userId,movieId,rating,timestamp\n1,1,8,1\n1,2,0,2\n");
    Dataset r = load(ratings, LoadOptions.defaults());
    assertEquals("ratings-csv", r.provenance().format());
    assertEquals(2, r.ratings().size());
    assertEquals(new RatingScale(0, 8, 8, RatingScale.Source.INFERRED), r.scale());
  }

  @Test
  void aDatasetFileKeepsItsScaleAndRefusesAnotherOne() throws Exception {
    Dataset d = load(tweetings(), LoadOptions.defaults());
    Path file = dir.resolve("t.cinerec");
    DatasetFile.write(file, d, Progress.NONE);
    assertEquals(ZERO_TO_TEN, load(file, LoadOptions.defaults()).scale());
    assertEquals(ZERO_TO_TEN, load(file, LoadOptions.defaults().withScale(RatingScale.parse("0:10:1", "--scale")))
        .scale().withSource(RatingScale.Source.INFERRED));
    CinerecException e = assertThrows(CinerecException.class,
        () -> load(file, LoadOptions.defaults().withScale(RatingScale.parse("1:5", "--scale"))));
    assertEquals(CinerecException.Kind.USAGE, e.kind());
    assertTrue(e.getMessage().contains("was prepared on the scale 0..10 in steps of 1 (inferred); run cinerec "
        + "prepare on the raw data again with --scale 1:5"), e.getMessage());
    assertFalse(e.getMessage().isEmpty());
  }
}
