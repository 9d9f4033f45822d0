package org.cinerec.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cinerec.CinerecException;
import org.cinerec.Progress;
import org.cinerec.data.Dataset;
import org.cinerec.data.UserAttributes;
import org.cinerec.prep.Reasons;
import org.cinerec.prep.ReportFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The users files (u.user, users.dat, users.csv) on small fixtures with a bad row of each kind: attributes
 * reach the users with ratings, everything left out is counted with its file:line, and the dataset file keeps them.
 */
class UsersFilesTest {
  @TempDir
  Path dir;

  private static Dataset load(String fixture) {
    return DataSources.load(Fixtures.dir(fixture), LoadOptions.defaults(), Progress.NONE);
  }

  /** The value of attribute {@code name} for the user with id {@code user}. */
  private static String value(Dataset d, String user, String name) {
    UserAttributes a = d.userAttributes();
    return a.value(d.users().indexOf(user), a.indexOf(name));
  }

  @Test
  void movieLens100kUsersGiveAgeGenderAndOccupationAndEveryLeftOutRecordIsCounted() {
    Dataset d = load("users-100k");
    UserAttributes a = d.userAttributes();
    assertEquals(List.of("age", "gender", "occupation"), a.names());
    assertEquals(3, a.numUsers());
    assertEquals("24", value(d, "1", "age"));
    assertEquals("M", value(d, "1", "gender"));
    assertEquals("technician", value(d, "1", "occupation"));
    assertEquals("53", value(d, "2", "age"), "the first record of user 2 is kept, not the repeat 002");
    assertNull(value(d, "2", "occupation"), "an empty field is unknown");
    assertNull(value(d, "3", "age"), "user 3 rated but is not in u.user");
    assertEquals(2, a.usersKnown());
    List<String> notes = d.provenance().notes();
    assertTrue(notes.contains(Reasons.USERS_DUPLICATE + ": 1 user record(s) skipped"), notes.toString());
    assertTrue(notes.contains(Reasons.USERS_BAD_ID + ": 1 user record(s) skipped"), notes.toString());
    assertTrue(notes.contains(Reasons.USERS_MALFORMED + ": 1 user record(s) skipped"), notes.toString());
    assertTrue(notes.contains(Reasons.USER_WITHOUT_RATINGS + ": 1 user record(s) skipped"), notes.toString());
    assertTrue(notes.contains("u.user: age, gender, occupation for 2 of the 3 users with ratings (1 not listed: "
        + "unknown)"), notes.toString());
    assertEquals(List.of("u.user:3: user 002 is 2 again (leading zeros do not count); the first is kept"),
        d.provenance().examples().get(Reasons.USERS_DUPLICATE));
    assertEquals(List.of("u.user:5: user id \"x\" is not a non-negative integer"),
        d.provenance().examples().get(Reasons.USERS_BAD_ID));
    assertEquals(List.of("u.user:6: has 3 field(s) separated by '|', expected 5 (user id|age|gender|occupation|zip "
        + "code)"), d.provenance().examples().get(Reasons.USERS_MALFORMED));
    assertEquals(List.of("u.user:4: user 9 has no kept ratings; ignored"),
        d.provenance().examples().get(Reasons.USER_WITHOUT_RATINGS));
    assertEquals(0, d.provenance().totalDropped(), "user records are not rating rows");
    assertTrue(d.provenance().sources().stream().anyMatch(s -> s.path().endsWith("u.user")));
    String report = ReportFormat.text(d);
    assertTrue(report.contains("  user attributes age, gender, occupation: known for 2 of the 3 users\n"), report);
    assertTrue(report.contains("      e.g. u.user:4: user 9 has no kept ratings; ignored\n"), report);
  }

  @Test
  void strictModeStopsAtTheFirstBadUserRecordButNotAtARepeatedId() {
    var e = assertThrows(CinerecException.class, () -> DataSources.load(Fixtures.dir("users-100k"),
        LoadOptions.defaults().withStrict(true), Progress.NONE));
    assertTrue(e.getMessage().startsWith("u.user:5: user id \"x\" is not a non-negative integer (--strict"),
        e.getMessage());
  }

  @Test
  void aLoneRatingsFileReadsNoUsersFile() {
    Dataset d = DataSources.load(Fixtures.dir("users-100k").resolve("u.data"), LoadOptions.defaults(), Progress.NONE);
    assertTrue(d.userAttributes().isEmpty());
    Dataset csv = DataSources.load(Fixtures.dir("users-csv").resolve("ratings.csv"), LoadOptions.defaults(),
        Progress.NONE);
    assertTrue(csv.userAttributes().isEmpty());
  }

  @Test
  void movieLens1mUsersKeepTheAgeBucketCodeAndNameTheOccupation() {
    Dataset d = load("users-1m");
    UserAttributes a = d.userAttributes();
    assertEquals(List.of("gender", "age", "occupation"), a.names(), "users.dat's column order");
    assertEquals("F", value(d, "1", "gender"));
    assertEquals("1", value(d, "1", "age"), "the bucket code: under 18");
    assertEquals("K-12 student", value(d, "1", "occupation"));
    assertEquals("56", value(d, "2", "age"));
    assertEquals("self-employed", value(d, "2", "occupation"));
    assertNull(value(d, "3", "gender"), "its record was skipped");
    assertEquals(List.of("users.dat:3: occupation code \"99\" is not one of 0..20 (the ml-1m README's)"),
        d.provenance().examples().get(Reasons.USERS_MALFORMED));
    assertEquals(List.of("users.dat:4: user 4 has no kept ratings; ignored"),
        d.provenance().examples().get(Reasons.USER_WITHOUT_RATINGS));
    assertEquals(21, UsersFiles.ML_1M_OCCUPATIONS.length);
    assertEquals("writer", UsersFiles.ML_1M_OCCUPATIONS[20]);
  }

  @Test
  void usersCsvBesideRatingsCsvGivesItsColumnsAsAttributes() {
    Dataset d = load("users-csv");
    assertEquals("ratings-csv", d.provenance().format());
    UserAttributes a = d.userAttributes();
    assertEquals(List.of("age", "gender", "occupation"), a.names());
    assertEquals("25", value(d, "1", "age"));
    assertEquals("artist", value(d, "1", "occupation"));
    assertNull(value(d, "2", "age"));
    assertEquals("sales, marketing", value(d, "2", "occupation"), "RFC 4180 quoting");
    assertNull(value(d, "3", "gender"), "user 3's row has too few fields");
    assertEquals(List.of("users.csv:4: has 3 field(s), expected 4 as the header"),
        d.provenance().examples().get(Reasons.USERS_MALFORMED));
    assertEquals(List.of("users.csv:5: user 7 has no kept ratings; ignored"),
        d.provenance().examples().get(Reasons.USER_WITHOUT_RATINGS));
    assertTrue(d.provenance().notes().contains("users.csv: age, gender, occupation for 2 of the 3 users with "
        + "ratings (1 not listed: unknown)"), d.provenance().notes().toString());
  }

  @Test
  void movieTweetingsUsersDatHoldsNoAttributesAndIsSaidSoNotSkippedLineByLine() throws IOException {
    Path data = Files.createDirectories(dir.resolve("tweetings"));
    Fixtures.write(data, "ratings.dat", "1::0114508::8::1381006850\n2::0499549::9::1376753198\n");
    Fixtures.write(data, "movies.dat", "0114508::Species (1995)::Horror|Sci-Fi\n0499549::Avatar (2009)::Action\n");
    Fixtures.write(data, "users.dat", "1::139564917\n2::522540374\n");
    Dataset d = DataSources.load(data);
    assertTrue(d.userAttributes().isEmpty());
    List<String> notes = d.provenance().notes();
    assertTrue(notes.contains("users.dat holds user and Twitter ids (MovieTweetings' layout), no attributes: not read"),
        notes.toString());
    assertTrue(notes.stream().noneMatch(n -> n.contains("users-malformed")), notes.toString());
    assertEquals(2, d.ratings().size());
  }

  @Test
  void usersCsvTakesAnyColumnsNamedInItsHeader() throws IOException {
    Path data = Files.createDirectories(dir.resolve("any"));
    Fixtures.write(data, "ratings.csv", "userId,movieId,rating,timestamp\n1,10,4.0,1000\n02,10,3.0,1001\n");
    Fixtures.write(data, "users.csv", "Region,user_id,Plan\nnorth,2,free\r\nsouth,1,\n");
    Dataset d = DataSources.load(data);
    assertEquals(List.of("region", "plan"), d.userAttributes().names());
    assertEquals("south", value(d, "1", "region"));
    assertNull(value(d, "1", "plan"));
    assertEquals("north", value(d, "02", "region"), "user 2 of users.csv is user 02 of the ratings");
  }

  @Test
  void aUsersCsvWithoutAUserColumnOrWithARepeatedColumnFailsNamingTheHeader() throws IOException {
    Path data = Files.createDirectories(dir.resolve("bad"));
    Fixtures.write(data, "ratings.csv", "userId,movieId,rating,timestamp\n1,10,4.0,1000\n");
    Fixtures.write(data, "users.csv", "age,gender\n25,F\n");
    var e = assertThrows(CinerecException.class, () -> DataSources.load(data));
    assertEquals("users.csv:1: missing column \"userId\" in the header \"age,gender\"", e.getMessage());
    Fixtures.write(data, "users.csv", "userId,age,Age\n1,25,26\n");
    e = assertThrows(CinerecException.class, () -> DataSources.load(data));
    assertEquals("users.csv:1: column \"age\" appears twice in the header", e.getMessage());
  }

  @Test
  void theAttributesRoundTripThroughTheDatasetFileAndAFileWithoutThemHasNone() {
    for (String fixture : new String[] {"users-100k", "users-1m", "users-csv"}) {
      Dataset d = load(fixture);
      Path p = dir.resolve(fixture + ".cinerec");
      DatasetFile.write(p, d, Progress.NONE);
      Dataset back = DataSources.load(p);
      assertEquals(d.userAttributes(), back.userAttributes(), fixture);
      assertEquals(d.userAttributes().levels(0), back.userAttributes().levels(0), "the codes too");
      assertEquals(d.provenance(), back.provenance(), fixture);
      assertEquals(ReportFormat.text(d), ReportFormat.text(back), fixture);
    }
    Dataset old = DataSources.load(Fixtures.dir("compat-v1").resolve("v1.cinerec-data"));
    assertTrue(old.userAttributes().isEmpty());
    assertEquals(old.numUsers(), old.userAttributes().numUsers());
  }

  @Test
  void writingTheUsersAsCsvReadsBackTheSameAttributes() throws IOException {
    Dataset d = load("users-csv");
    Path out = Files.createDirectories(dir.resolve("written"));
    MovieLensWriter.writeRatings(out.resolve("ratings.csv"), d.ratings(), d.users(), d.items(), Progress.NONE);
    MovieLensWriter.writeUsers(out.resolve("users.csv"), d.userAttributes(), d.users());
    assertEquals(List.of("userId,age,gender,occupation", "1,25,F,artist", "2,,M,\"sales, marketing\"", "3,,,"),
        Files.readAllLines(out.resolve("users.csv")));
    assertEquals(d.userAttributes(), DataSources.load(out).userAttributes());
  }
}
