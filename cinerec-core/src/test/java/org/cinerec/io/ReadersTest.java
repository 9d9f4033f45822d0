package org.cinerec.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.cinerec.Progress;
import org.cinerec.data.Catalog;
import org.cinerec.data.Dataset;
import org.cinerec.prep.Reasons;
import org.junit.jupiter.api.Test;

/** Every reader on its small hand-written fixture with quirky rows. */
class ReadersTest {

  private static Dataset load(String fixture) {
    return DataSources.load(Fixtures.dir(fixture), LoadOptions.defaults(), Progress.NONE);
  }

  @Test
  void movieLensCsvKeepsGoodRowsAndExplainsEveryDroppedOne() {
    Dataset d = load("ml-csv");
    assertEquals("movielens-csv", d.provenance().format());
    assertEquals(11, d.provenance().rowsRead());
    assertEquals(7, d.ratings().size());
    assertEquals(7, d.provenance().rowsKept());
    assertEquals(1L, d.provenance().dropped().get(Reasons.OUT_OF_SCALE));
    assertEquals(1L, d.provenance().dropped().get(Reasons.NAN_RATING));
    assertEquals(1L, d.provenance().dropped().get(Reasons.BAD_ID));
    assertEquals(1L, d.provenance().dropped().get(Reasons.DUPLICATE));
    assertEquals(1L, d.provenance().changed().get(Reasons.NO_METADATA));
    assertEquals(List.of("ratings.csv:4: rating \"5.5\" is outside the scale 0.5..5 in steps of 0.5 (the format's; --scale "
        + "MIN:MAX[:STEP] sets another)"),
        d.provenance().examples().get(Reasons.OUT_OF_SCALE));
    assertEquals(List.of("ratings.csv:6: rating is NaN"), d.provenance().examples().get(Reasons.NAN_RATING));
    assertEquals(List.of("ratings.csv:10: user id \"x3\" is not a non-negative integer"),
        d.provenance().examples().get(Reasons.BAD_ID));
    assertEquals(List.of("ratings.csv:7: user 2 rated movie 2 more than once; kept the latest, line 8 (rating 2.5,"
        + " timestamp 1445714999)"), d.provenance().examples().get(Reasons.DUPLICATE));
    assertEquals(List.of("ratings.csv:9: movie 999 has no metadata record; kept with the placeholder title \"movie 999\""),
        d.provenance().examples().get(Reasons.NO_METADATA));
    assertEquals(3, d.numUsers());
    assertEquals(9, d.numItems(), "8 catalogue movies + 1 placeholder");
    assertEquals("999", d.items().id(8));
    assertFalse(d.catalog().hasMetadata(8));
    // the duplicate keeps the later timestamp
    int u2 = d.users().indexOf("2");
    int jumanji = d.items().indexOf("2");
    for (int i = 0; i < d.ratings().size(); i++) {
      if (d.ratings().user(i) == u2 && d.ratings().item(i) == jumanji) {
        assertEquals(2.5f, d.ratings().rating(i));
        assertEquals(1445714999L, d.ratings().timestamp(i));
      }
    }
    Catalog c = d.catalog();
    assertEquals("American President, The (1995)", c.title(d.items().indexOf("3")));
    assertEquals("Heat \"Director's Cut\" (1995)", c.title(d.items().indexOf("6")));
    assertEquals("Seven (a.k.a. Se7en) (1995)", c.title(d.items().indexOf("47")), "trailing space trimmed");
    assertEquals(Catalog.NO_YEAR, c.year(d.items().indexOf("50")));
    assertEquals(0, c.genres(d.items().indexOf("50")).length, "(no genres listed)");
    assertNull(c.tmdbId(d.items().indexOf("50")), "empty tmdbId");
    assertEquals(1975, c.year(d.items().indexOf("60")), "year range takes the first year");
    assertEquals("0114709", c.imdbId(d.items().indexOf("1")));
  }

  @Test
  void movieLensCsvStrictStopsAtTheFirstBadRowWithLineAndColumn() {
    var e = org.junit.jupiter.api.Assertions.assertThrows(org.cinerec.CinerecException.class,
        () -> DataSources.load(Fixtures.dir("ml-csv"), LoadOptions.defaults().withStrict(true), Progress.NONE));
    assertTrue(e.getMessage().startsWith("ratings.csv:4:5: rating \"5.5\" is outside the scale 0.5..5"), e.getMessage());
  }

  @Test
  void kaggleJoinsThroughLinksNeverDirectly() {
    Dataset d = load("kaggle");
    assertEquals(6, d.ratings().size());
    assertEquals(6, d.numItems());
    assertEquals(2, d.numUsers());
    Catalog c = d.catalog();
    assertEquals("Jumanji", c.title(d.items().indexOf("2")), "movieId 2 -> tmdbId 8844, not metadata id 2 (Ariel)");
    assertArrayEquals(new String[] {"Adventure", "Children's Fantasy"}, c.genres(d.items().indexOf("2")));
    assertEquals(1995, c.year(d.items().indexOf("2")));
    assertArrayEquals(new String[] {"Animation", "Comedy"}, c.genres(d.items().indexOf("1")));
    assertFalse(c.hasMetadata(d.items().indexOf("3")), "empty tmdbId");
    assertFalse(c.hasMetadata(d.items().indexOf("4")), "tmdbId without a record");
    assertEquals("Father of the Bride Part II", c.title(d.items().indexOf("5")));
    assertEquals(2L, d.provenance().changed().get(Reasons.NO_METADATA));
    assertTrue(d.provenance().notes().contains(Reasons.METADATA_BAD_ID + ": 1 catalogue record(s) skipped"));
    assertTrue(d.provenance().notes().contains(Reasons.METADATA_DUPLICATE + ": 1 catalogue record(s) skipped"));
    assertTrue(d.provenance().examples().get(Reasons.METADATA_BAD_ID).get(0)
        .startsWith("movies_metadata.csv:7: id \"1997-08-20\" is not an integer"),
        d.provenance().examples().get(Reasons.METADATA_BAD_ID).toString());
  }

  @Test
  void kaggleWithRequiredMetadataDropsMoviesAndRatingsWithoutIt() {
    Dataset d = DataSources.load(Fixtures.dir("kaggle"), LoadOptions.defaults().withRequireMetadata(true),
        Progress.NONE);
    assertEquals(4, d.ratings().size());
    assertEquals(3, d.numItems());
    assertEquals(2L, d.provenance().dropped().get(Reasons.NO_METADATA));
  }

  @Test
  void movieLens100kReadsTabsLatin1TitlesAndGenreFlags() {
    Dataset d = load("ml-100k");
    assertEquals("movielens-100k", d.provenance().format());
    assertEquals(5, d.ratings().size());
    assertEquals(3, d.numUsers());
    assertEquals(5, d.numItems());
    Catalog c = d.catalog();
    assertEquals("Café au lait (1993)", c.title(d.items().indexOf("1001")));
    assertArrayEquals(new String[] {"Crime", "Film-Noir", "Mystery", "Thriller"}, c.genres(d.items().indexOf("302")));
    assertEquals("unknown", c.title(d.items().indexOf("267")));
    assertEquals(0, c.genres(d.items().indexOf("267")).length);
    assertEquals(1997, c.year(d.items().indexOf("302")));
  }

  @Test
  void movieLens1mReadsDoubleColonsAndLatin1() {
    Dataset d = load("ml-1m");
    assertEquals("movielens-dat", d.provenance().format());
    assertEquals(4, d.ratings().size());
    assertEquals(2, d.numUsers());
    assertEquals(5, d.numItems());
    assertEquals("Le Château de ma mère (1990)", d.catalog().title(d.items().indexOf("2000")));
    assertEquals("Contender, The (2000)", d.catalog().title(d.items().indexOf("3952")));
  }

  @Test
  void movieLens10mReadsHalfStarsUtf8AndCrlfWithoutUsersFile() {
    Dataset d = load("ml-10m");
    assertEquals(3, d.ratings().size());
    assertEquals(4.5f, d.ratings().rating(1));
    assertEquals(0.5f, d.ratings().rating(2));
    assertEquals("Amélie (Fabuleux destin d'Amélie Poulain, Le) (2001)", d.catalog().title(d.items().indexOf("7000")));
  }

  @Test
  void genericTsvWithAColumnMappingByName() {
    LoadOptions o = LoadOptions.defaults().withColumns(new ColumnMapping(null, null, null, "when", null, true));
    Dataset d = DataSources.load(Fixtures.dir("generic").resolve("ratings.tsv"), o, Progress.NONE);
    assertEquals("csv", d.provenance().format());
    assertEquals(5, d.provenance().rowsRead());
    assertEquals(4, d.ratings().size());
    assertEquals(List.of("ratings.tsv:5: rating \"abc\" is not a number"), d.provenance().examples().get(Reasons.BAD_RATING));
    assertEquals(3, d.numUsers());
    assertEquals(3, d.numItems());
    assertTrue(d.items().indexOf("m,3") >= 0, "quoted id with a comma");
    assertEquals(104L, d.ratings().timestamp(3));
  }

  @Test
  void aSemicolonFileMayWriteRatingsWithADecimalComma(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws java.io.IOException {
    // a European spreadsheet's export: ';' between fields, ',' before the decimals; "4,5,1" and "4.5,1" stay bad
    Dataset d = DataSources.load(Fixtures.write(dir, "export.csv", "user;item;score\n1;a;4,5\n1;b;3\n2;a;0,5\n"
        + "2;b;4,5,1\n3;a;4.5,1\n3;b;2.5\n"), LoadOptions.defaults(), Progress.NONE);
    assertEquals("csv", d.provenance().format());
    assertEquals(4, d.ratings().size());
    assertEquals(2L, d.provenance().dropped().get(Reasons.BAD_RATING));
    float[] seen = new float[4];
    for (int r = 0; r < 4; r++) {
      seen[r] = d.ratings().rating(r);
    }
    java.util.Arrays.sort(seen);
    assertArrayEquals(new float[] {0.5f, 2.5f, 3f, 4.5f}, seen, 0f);
    // with ',' as the delimiter a comma is never a decimal point (the row has a field too many)
    Dataset c = DataSources.load(Fixtures.write(dir, "comma.csv", "user,item,score\n1,a,\"4,5\"\n1,b,3\n"),
        LoadOptions.defaults(), Progress.NONE);
    assertEquals(1, c.ratings().size());
    assertEquals(1L, c.provenance().dropped().get(Reasons.BAD_RATING));
  }

  @Test
  void headerNamesAreFoundWhateverTheirSpellingAndUsualNames(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws java.io.IOException {
    // Book-Crossing's header: quoted, ';', "User-ID" / "ISBN" / "Book-Rating" (ISBNs are ids, leading zeros kept)
    Dataset bx = DataSources.load(Fixtures.write(dir, "BX-Book-Ratings.csv", "\"User-ID\";\"ISBN\";\"Book-Rating\"\n"
        + "\"276725\";\"034545104X\";\"0\"\n\"276726\";\"0155061224\";\"5\"\n\"276727\";\"0446520802\";\"10\"\n"),
        LoadOptions.defaults(), Progress.NONE);
    assertEquals(3, bx.ratings().size());
    assertTrue(bx.items().indexOf("034545104X") >= 0);
    assertEquals(10f, bx.ratings().rating(bx.ratings().size() - 1));
    // names with spaces and other usual names: customer, product, stars, date
    Dataset named = DataSources.load(Fixtures.write(dir, "reviews.csv",
        "Customer ID,Product ID,Stars,Review Date\nc1,p1,4,2019-01-10\nc2,p1,5,2019-01-11\n"),
        LoadOptions.defaults(), Progress.NONE);
    assertEquals(2, named.ratings().size());
    assertTrue(named.users().indexOf("c2") >= 0);
    assertEquals(1547078400L, named.ratings().timestamp(0), "the date column was found");
    // a name given by flag matches the same way
    LoadOptions flag = LoadOptions.defaults().withColumns(new ColumnMapping("user id", "the_film", "SCORE", null,
        null, true));
    Dataset given = DataSources.load(Fixtures.write(dir, "given.csv", "User-Id,The Film,Score\nu,f,3\n"), flag,
        Progress.NONE);
    assertEquals(1, given.ratings().size());
    // two columns that might be the user's: neither is guessed, the error names the flag
    org.cinerec.CinerecException e = org.junit.jupiter.api.Assertions.assertThrows(org.cinerec.CinerecException.class,
        () -> DataSources.load(Fixtures.write(dir, "two.csv", "user_a,user_b,movie,rating\n1,2,3,4\n"),
            LoadOptions.defaults(), Progress.NONE));
    assertTrue(e.getMessage().contains("no user column") && e.getMessage().contains("--user-col"), e.getMessage());
  }

  @Test
  void columnsLeftUnreadAreNamedWithTheFlagThatReadsATime(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws java.io.IOException {
    Dataset d = DataSources.load(Fixtures.write(dir, "semi.csv", "User;Film;Score;Seen on;Comment\n"
        + "u1;Heat;4;2020-01-05;fine\nu2;Heat;5;2020-01-06;\n"), LoadOptions.defaults(), Progress.NONE);
    assertEquals(0L, d.ratings().timestamp(0), "no time column by these names");
    assertTrue(d.provenance().notes().contains("generic CSV: columns user=1, movie=2, rating=3, timestamp=none, "
        + "delimiter ';'; not read: columns 4 \"Seen on\", 5 \"Comment\"; --time-col NAME reads one as the rating's "
        + "time"), d.provenance().notes().toString());
    // "When" is a time column's name; with one read, the hint goes
    Dataset when = DataSources.load(Fixtures.write(dir, "when.csv", "User;Film;Score;When;Comment\n"
        + "u1;Heat;4;2020-01-05;fine\n"), LoadOptions.defaults(), Progress.NONE);
    assertTrue(when.ratings().timestamp(0) > 0);
    assertTrue(when.provenance().notes().contains("generic CSV: columns user=1, movie=2, rating=3, timestamp=4, "
        + "delimiter ';'; not read: column 5 \"Comment\""), when.provenance().notes().toString());
  }

  @Test
  void idsPastTheIntRangeAreKeptAsTextNotDropped(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws java.io.IOException {
    // Steam's 64-bit user ids in a userId,movieId,rating,timestamp file: the numeric reader cannot keep them
    Dataset d = DataSources.load(Fixtures.write(dir, "steam.csv", "userId,movieId,rating,timestamp\n"
        + "76561198000000001,10,4,964982703\n76561198000000002,10,5,964982703\n76561198000000001,11,3,964982703\n"
        + "2,11,3,964982703\n"), LoadOptions.defaults(), Progress.NONE);
    assertEquals(4, d.ratings().size());
    assertEquals(0, d.provenance().totalDropped());
    assertEquals(3, d.numUsers());
    assertTrue(d.users().indexOf("76561198000000002") >= 0);
    assertTrue(d.provenance().notes().stream().anyMatch(n -> n.contains("user id 76561198000000001, line 2")
        && n.contains("text ids")), d.provenance().notes().toString());
    // past the first megabyte the numeric reader meets one: a bad-id row whose example says how to keep it
    StringBuilder big = new StringBuilder("userId,movieId,rating\n");
    while (big.length() < (1 << 20) + 100) {
      big.append("1,2,3\n");
    }
    big.append("1,99999999999,4\n");
    Dataset late = DataSources.load(Fixtures.write(dir, "late.csv", big.toString()), LoadOptions.defaults(),
        Progress.NONE);
    assertEquals(1L, late.provenance().dropped().get(Reasons.BAD_ID));
    assertTrue(late.provenance().examples().get(Reasons.BAD_ID).get(0).endsWith(
        "movie id \"99999999999\" is larger than 2147483647, the largest number this reader keeps as an id; read the "
        + "file with --format csv (ids kept as text)"), late.provenance().examples().toString());
  }

  @Test
  void aQuotedRatingsFileIsReadByTheCsvReaderNotDropped(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws java.io.IOException {
    // Python's csv.QUOTE_ALL (and R's write.csv, Spark's quoteAll): every field quoted, a time with a comma
    Dataset d = DataSources.load(Fixtures.write(dir, "quoted.csv", "\"userId\",\"movieId\",\"rating\",\"timestamp\"\n"
        + "\"1\",\"10\",\"4.0\",\"964982703\"\n\"1\",\"11\",\"3.0\",\"Thu, 10 Jan 2019 12:00:00 GMT\"\n"
        + "\"2\",\"10\",\"5.0\",\"964982703\"\n"), LoadOptions.defaults(), Progress.NONE);
    assertEquals(3, d.ratings().size());
    assertEquals(0, d.provenance().totalDropped());
    assertEquals("csv", d.provenance().format());
    assertTrue(d.users().indexOf("2") >= 0);
    assertTrue(d.provenance().notes().stream().anyMatch(n -> n.startsWith("quoted fields (line 1): read as text ids")),
        d.provenance().notes().toString());
    // ids that are not numbers under the MovieLens header (what split writes of text-id data): the CSV reader
    Dataset text = DataSources.load(Fixtures.write(dir, "text.csv", "userId,movieId,rating,timestamp\n"
        + "Ann,Heat,4,0\nBob,Heat,3,0\nAnn,Alien,5,0\n"), LoadOptions.defaults(), Progress.NONE);
    assertEquals(3, text.ratings().size());
    assertTrue(text.provenance().notes().stream().anyMatch(n -> n.startsWith("ids that are not numbers (user id "
        + "\"Ann\", line 2): read as text ids")), text.provenance().notes().toString());
    // a quoted ratings.csv in a MovieLens folder (its catalogue joins by number): every row names the way out
    java.nio.file.Path ml = java.nio.file.Files.createDirectories(dir.resolve("ml"));
    Fixtures.write(ml, "movies.csv", "movieId,title,genres\n10,A (1999),Drama\n");
    Fixtures.write(ml, "ratings.csv", "userId,movieId,rating,timestamp\n1,10,4.0,964982703\n\"2\",10,4.0,964982703\n");
    Dataset folder = DataSources.load(ml, LoadOptions.defaults(), Progress.NONE);
    assertEquals(1L, folder.provenance().dropped().get(Reasons.BAD_ID));
    assertTrue(folder.provenance().examples().get(Reasons.BAD_ID).get(0).endsWith("user id \"\"2\"\" is quoted, and "
        + "this reader takes bare numbers; read the file with --format csv (ids kept as text)"),
        folder.provenance().examples().toString());
  }

  @Test
  void aSideFileGivenAloneSaysWhatItIsAndWhichFolderToGive(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws java.io.IOException {
    for (String[] c : new String[][] {{"ml-csv", "movies.csv", "the movie catalogue of the movielens-csv data"},
        {"ml-1m", "users.dat", "the users file of the movielens-dat data"},
        {"ml-100k", "u.item", "the movie catalogue of the movielens-100k data"},
        {"netflix", "movie_titles.csv", "the movie titles of the netflix-prize data"}}) {
      java.nio.file.Path folder = Fixtures.dir(c[0]);
      org.cinerec.CinerecException e = org.junit.jupiter.api.Assertions.assertThrows(
          org.cinerec.CinerecException.class, () -> load(c[0] + "/" + c[1]));
      assertEquals(folder.resolve(c[1]) + ": is " + c[2] + " in " + folder.toAbsolutePath() + ", not ratings; give "
          + "the folder (" + folder.toAbsolutePath() + ") to read it with its ratings", e.getMessage());
    }
    // a file of that name that is not beside ratings cinerec knows is read as it is
    Dataset own = DataSources.load(Fixtures.write(dir, "users.csv", "user,movie,rating\n1,2,3\n"),
        LoadOptions.defaults(), Progress.NONE);
    assertEquals(1, own.ratings().size());
  }

  @Test
  void genericHeaderlessFileWithPositionsAndADetectedDelimiter() {
    LoadOptions o = LoadOptions.defaults().withColumns(new ColumnMapping("1", "2", "3", null, null, false));
    Dataset d = DataSources.load(Fixtures.dir("generic").resolve("no-header.csv"), o, Progress.NONE);
    assertEquals(3, d.ratings().size());
    assertEquals(5f, d.ratings().rating(2));
    assertEquals(0L, d.ratings().timestamp(0));
  }

  @Test
  void formatIsDetectedFromContents() {
    assertEquals(Format.MOVIELENS_CSV, FormatDetector.detect(Fixtures.dir("ml-csv")));
    assertEquals(Format.KAGGLE_MOVIES, FormatDetector.detect(Fixtures.dir("kaggle")));
    assertEquals(Format.MOVIELENS_100K, FormatDetector.detect(Fixtures.dir("ml-100k")));
    assertEquals(Format.MOVIELENS_DAT, FormatDetector.detect(Fixtures.dir("ml-1m")));
    assertEquals(Format.RATINGS_CSV, FormatDetector.detect(Fixtures.dir("ml-csv").resolve("ratings.csv")));
    assertEquals(Format.CSV, FormatDetector.detect(Fixtures.dir("generic").resolve("ratings.tsv")));
  }
}
