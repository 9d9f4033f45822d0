package org.cinerec.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.cinerec.CinerecException;
import org.cinerec.Progress;
import org.cinerec.data.Dataset;
import org.cinerec.prep.Reasons;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each kind of bad input gives one clear line naming the file (and line), or a counted dropped row. */
class BadInputTest {
  private static final String HEADER = "userId,movieId,rating,timestamp\n";

  @TempDir
  Path dir;

  private Path file(String name, String text) throws IOException {
    return Fixtures.write(dir, name, text);
  }

  private Path bytes(String name, byte[] content) throws IOException {
    Path p = dir.resolve(name);
    Files.write(p, content);
    return p;
  }

  private static CinerecException fails(Path p, LoadOptions o) {
    CinerecException e = assertThrows(CinerecException.class, () -> DataSources.load(p, o, Progress.NONE));
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
    return e;
  }

  private static Dataset lenient(Path p) {
    return DataSources.load(p, LoadOptions.defaults(), Progress.NONE);
  }

  private static LoadOptions strict() {
    return LoadOptions.defaults().withStrict(true);
  }

  @Test
  void aMissingFileOrFolderIsNamed() {
    CinerecException e = fails(dir.resolve("nope.csv"), LoadOptions.defaults());
    assertTrue(e.getMessage().endsWith("nope.csv: no such file or folder"), e.getMessage());
  }

  @Test
  void aFolderWithoutRatingsListsWhatItHolds() throws IOException {
    file("notes.txt", "hello");
    CinerecException e = fails(dir, LoadOptions.defaults());
    assertTrue(e.getMessage().contains("no ratings file found") && e.getMessage().contains("notes.txt"), e.getMessage());
  }

  @Test
  void anUnreadableFileIsNamed() throws IOException {
    Path p = file("ratings.csv", HEADER + "1,1,4.0,1\n");
    assertTrue(p.toFile().setReadable(false));
    try {
      if (Files.isReadable(p)) {
        return; // running as root: permissions are not enforced
      }
      CinerecException e = fails(p, LoadOptions.defaults());
      assertTrue(e.getMessage().contains("permission denied"), e.getMessage());
    } finally {
      p.toFile().setReadable(true);
    }
  }

  @Test
  void anEmptyFileIsNamed() throws IOException {
    CinerecException e = fails(file("ratings.csv", ""), LoadOptions.defaults().withFormat("ratings-csv"));
    assertTrue(e.getMessage().contains("ratings.csv: the file is empty"), e.getMessage());
  }

  @Test
  void aHeaderWithoutRowsHasNoRatings() throws IOException {
    CinerecException e = fails(file("ratings.csv", HEADER), LoadOptions.defaults());
    assertTrue(e.getMessage().endsWith("ratings.csv: no ratings (the file has no data rows)"), e.getMessage());
  }

  @Test
  void theWrongDelimiterIsNamedWithTheFix() throws IOException {
    CinerecException e = fails(file("ratings.csv", "userId;movieId;rating;timestamp\n1;1;4.0;1\n"),
        LoadOptions.defaults().withFormat("ratings-csv"));
    assertEquals("ratings.csv:1: columns are separated by ';', not ',' (header \"userId;movieId;rating;timestamp\");"
        + " convert the file or read it with --format csv --delimiter ;", e.getMessage());
  }

  @Test
  void aMissingColumnIsNamed() throws IOException {
    CinerecException e = fails(file("ratings.csv", "userId,movieId,stars,timestamp\n1,1,4.0,1\n"),
        LoadOptions.defaults().withFormat("ratings-csv"));
    assertTrue(e.getMessage().startsWith("ratings.csv:1: missing column \"rating\""), e.getMessage());
  }

  @Test
  void aRowWithTheWrongFieldCountIsDroppedOrFatalInStrictMode() throws IOException {
    Path p = file("ratings.csv", HEADER + "1,1,4.0,1\n1,2,4.0\n1,3,4.0,1,9\n");
    Dataset d = lenient(p);
    assertEquals(1, d.ratings().size());
    assertEquals(2L, d.provenance().dropped().get(Reasons.FIELD_COUNT));
    assertTrue(fails(p, strict()).getMessage().startsWith("ratings.csv:3:1: has 3 field(s) separated by ',', expected 4"));
  }

  @Test
  void nonNumericIdsAndRatingsAreDroppedWithLineAndColumn() throws IOException {
    Path p = file("ratings.csv", HEADER + "1,1,4.0,1\n1,abc,4.0,1\n1,2,four,1\n1,3,4.0,yesterday\n-1,4,4.0,1\n");
    Dataset d = lenient(p);
    assertEquals(1, d.ratings().size());
    assertEquals(2L, d.provenance().dropped().get(Reasons.BAD_ID));
    assertEquals(1L, d.provenance().dropped().get(Reasons.BAD_RATING));
    assertEquals(1L, d.provenance().dropped().get(Reasons.BAD_TIMESTAMP));
    assertTrue(d.provenance().examples().get(Reasons.BAD_RATING).get(0)
        .equals("ratings.csv:4: rating \"four\" is not a number"));
    assertTrue(fails(p, strict()).getMessage().startsWith("ratings.csv:3:3: movie id \"abc\" is not a non-negative integer"));
  }

  @Test
  void infiniteRatingsAreDroppedAsBadRatingsInEveryReader() throws IOException {
    // found by fuzzing: a rating of 100 digits is Infinity as a float, which the scale inference refused
    String huge = "1".repeat(100) + ".5";
    Path p = file("ratings.csv", HEADER + "1,1,4.0,1\n1,2," + huge + ",1\n1,3,Infinity,1\n1,4,-1e999,1\n");
    Dataset d = lenient(p);
    assertEquals(1, d.ratings().size());
    assertEquals(3L, d.provenance().dropped().get(Reasons.BAD_RATING));
    String example = d.provenance().examples().get(Reasons.BAD_RATING).get(0);
    assertTrue(example.startsWith("ratings.csv:3: rating \"1111") && example.endsWith("\" is not a finite number"),
        example);
    Path csv = file("data.csv", "1;1;4.0\n1;2;" + huge + "\n");
    Dataset g = DataSources.load(csv, LoadOptions.defaults().withFormat("csv")
        .withColumns(new ColumnMapping(null, null, null, "none", ";", false)), Progress.NONE);
    assertEquals(1, g.ratings().size());
  }

  @Test
  void nanRatingsAreDropped() throws IOException {
    Path p = file("ratings.csv", HEADER + "1,1,NaN,1\n1,2,4.0,1\n");
    Dataset d = lenient(p);
    assertEquals(1L, d.provenance().dropped().get(Reasons.NAN_RATING));
    assertTrue(fails(p, strict()).getMessage().startsWith("ratings.csv:2:5: rating is NaN"));
  }

  @Test
  void bytesThatAreNotUtf8AreNamed() throws IOException {
    byte[] head = (HEADER + "1,1,4.0,1\n1,").getBytes(StandardCharsets.US_ASCII);
    byte[] tail = ",4.0,1\n".getBytes(StandardCharsets.US_ASCII);
    byte[] all = new byte[head.length + 2 + tail.length];
    System.arraycopy(head, 0, all, 0, head.length);
    all[head.length] = (byte) 0xE9;
    all[head.length + 1] = '2';
    System.arraycopy(tail, 0, all, head.length + 2, tail.length);
    Path p = bytes("ratings.csv", all);
    Dataset d = lenient(p);
    assertEquals(1L, d.provenance().dropped().get(Reasons.INVALID_UTF8));
    assertTrue(fails(p, strict()).getMessage().startsWith("ratings.csv:3:3: bytes that are not UTF-8"));
  }

  @Test
  void invalidUtf8InACatalogueNamesTheLine() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("ml"));
    Files.writeString(folder.resolve("ratings.csv"), HEADER + "1,1,4.0,1\n");
    Files.write(folder.resolve("movies.csv"), new byte[] {'m', 'o', 'v', 'i', 'e', 'I', 'd', ',', 't', 'i', 't', 'l',
        'e', ',', 'g', 'e', 'n', 'r', 'e', 's', '\n', '1', ',', 'C', 'a', 'f', (byte) 0xE9, ',', 'D', 'r', 'a', 'm', 'a', '\n'});
    CinerecException e = fails(folder, strict());
    assertTrue(e.getMessage().startsWith("movies.csv:2: byte 0xE9 is not UTF-8"), e.getMessage());
    Dataset d = lenient(folder);
    assertEquals("Caf\uFFFD", d.catalog().title(0));
  }

  @Test
  void aTruncatedLastLineIsNamed() throws IOException {
    Path p = file("ratings.csv", HEADER + "1,1,4.0,1\n1,2,4.0,1\n1,3");
    Dataset d = lenient(p);
    assertEquals(2, d.ratings().size());
    assertEquals(1L, d.provenance().dropped().get(Reasons.TRUNCATED));
    assertTrue(fails(p, strict()).getMessage().startsWith("ratings.csv:4:1: the last line ends after 2 of 4 fields"));
  }

  @Test
  void aLastLineWithoutNewlineIsFine() throws IOException {
    Dataset d = lenient(file("ratings.csv", HEADER + "1,1,4.0,1\r\n1,2,4.0,2"));
    assertEquals(2, d.ratings().size());
    assertEquals(2L, d.ratings().timestamp(1));
  }

  @Test
  void aBinaryFileGivenAsCsvIsRefused() throws IOException {
    byte[] junk = new byte[4096];
    new java.util.Random(7).nextBytes(junk);
    junk[10] = 0;
    CinerecException e = fails(bytes("ratings.csv", junk), LoadOptions.defaults());
    assertTrue(e.getMessage().contains("ratings.csv: looks like a binary file"), e.getMessage());
  }

  @Test
  void aCompressedFileIsReadOrNamedWithTheFix() throws IOException {
    // gzip (and zip) are unpacked into the cache and read (io.Unpacked), whatever the file's name
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (var gz = new java.util.zip.GZIPOutputStream(bytes)) {
      gz.write((HEADER + "1,1,4.0,1\n").getBytes(StandardCharsets.US_ASCII));
    }
    Dataset d = DataSources.load(bytes("ratings.csv", bytes.toByteArray()), LoadOptions.defaults().withFormat(
        "ratings-csv"), Progress.NONE);
    assertEquals(1, d.ratings().size());
    assertTrue(d.provenance().notes().stream().anyMatch(n -> n.startsWith("ratings.csv (gzip) ")), d.provenance()
        .notes().toString());
    // bzip2 is not unpacked: named, with the fix
    CinerecException e = fails(bytes("other.csv", "BZh91AY&SY....".getBytes(StandardCharsets.US_ASCII)),
        LoadOptions.defaults().withFormat("ratings-csv"));
    assertTrue(e.getMessage().endsWith("other.csv: is a bzip2 archive, not a ratings CSV with the header "
        + "userId,movieId,rating,timestamp; unpack it first"), e.getMessage());
  }

  @Test
  void requireMetadataWithoutACatalogueIsAUsageError() throws IOException {
    CinerecException e = fails(file("ratings.csv", HEADER + "1,1,4.0,1\n"),
        LoadOptions.defaults().withRequireMetadata(true));
    assertEquals(CinerecException.Kind.USAGE, e.kind());
  }

  @Test
  void anUnknownFormatIsAUsageError() throws IOException {
    CinerecException e = fails(file("ratings.csv", HEADER + "1,1,4.0,1\n"), LoadOptions.defaults().withFormat("xml"));
    assertEquals(CinerecException.Kind.USAGE, e.kind());
  }

  @Test
  void allRowsBadIsAnErrorWithTheFirstExample() throws IOException {
    CinerecException e = fails(file("ratings.csv", HEADER + "1,1,NaN,1\n"), LoadOptions.defaults());
    assertTrue(e.getMessage().contains("no ratings left: all 1 rows were dropped"), e.getMessage());
  }
  @Test
  void aGenericCsvHeaderIsQuotedWithItsRealDelimiter() throws IOException {
    Path p = file("scores.tsv", "person\tfilm\tstars\n1\t1\t4\n");
    CinerecException e = fails(p, LoadOptions.defaults().withFormat("csv"));
    assertEquals("scores.tsv:1: no user column in the header \"person\\tfilm\\tstars\"; name it with --user-col",
        e.getMessage());
    e = fails(p, LoadOptions.defaults().withColumns(new ColumnMapping("who", null, null, null, null, true)));
    assertTrue(e.getMessage().contains("in the header \"person\\tfilm\\tstars\""), e.getMessage());
    Path semi = file("semi.csv", "Person;Film;Stars\n1;1;4\n");
    e = fails(semi, LoadOptions.defaults().withFormat("csv"));
    assertTrue(e.getMessage().contains("in the header \"Person;Film;Stars\""), e.getMessage());
  }

  @Test
  void aFirstLineThatLooksLikeDataSuggestsNoHeader() throws IOException {
    CinerecException e = fails(file("plain.csv", "1;31;2.5;1260759144\n1;1029;3.0;1260759179\n"),
        LoadOptions.defaults().withFormat("csv"));
    assertEquals("plain.csv:1: no user column in the header \"1;31;2.5;1260759144\"; the first line looks like data, "
        + "not column names: add --no-header (columns then go by position: user, movie, rating[, timestamp], or "
        + "--user-col N ...)", e.getMessage());
    assertEquals(2, DataSources.load(dir.resolve("plain.csv"), LoadOptions.defaults().withFormat("csv")
        .withColumns(new ColumnMapping(null, null, null, null, null, false)), Progress.NONE).ratings().size());
    // Amazon's ratings-only files: text user ids among the numbers still look like data
    CinerecException amazon = fails(file("Movies_and_TV.csv", "0001527665,A3478QRKQDOPQ2,5.0,1362960000\n"),
        LoadOptions.defaults());
    assertTrue(amazon.getMessage().contains("the first line looks like data, not column names: add --no-header"),
        amazon.getMessage());
  }

  @Test
  void aCatalogueHeaderIsQuotedAsInTheFile() throws IOException {
    file("ratings.csv", HEADER + "1,1,4.0,1\n");
    file("movies.csv", "MovieID,Name,Genres\n1,Toy Story (1995),Comedy\n");
    CinerecException e = fails(dir, LoadOptions.defaults());
    assertTrue(e.getMessage().endsWith("movies.csv:1: missing column \"movieId\" in the header \"MovieID,Name,Genres\"")
        || e.getMessage().endsWith("movies.csv:1: missing column \"title\" in the header \"MovieID,Name,Genres\""),
        e.getMessage());
  }

  @Test
  void controlCharactersAndUndecodableBytesAreNeverEchoed() throws IOException {
    byte[] head = "user\u0001id;mo\u001bvie;\u0085x\n".getBytes(StandardCharsets.UTF_8);
    byte[] content = java.util.Arrays.copyOf(head, head.length + 2);
    content[head.length] = (byte) 0xFF; // not UTF-8
    content[head.length + 1] = '\n';
    CinerecException e = fails(bytes("ratings.csv", content), LoadOptions.defaults().withFormat("ratings-csv"));
    assertTrue(e.getMessage().contains("user\\x01id;mo\\x1Bvie;\\u0085x"), e.getMessage());
    assertFalse(e.getMessage().chars().anyMatch(c -> c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0)), e.getMessage());
    assertEquals("a\\tb\\ufffd\\u200e", TextFiles.shown("a\tb\uFFFD\u200E"));
    assertEquals("x".repeat(77) + "...", TextFiles.shown("x".repeat(81)));
    assertEquals("x".repeat(80), TextFiles.shown("x".repeat(80)));
  }
}
