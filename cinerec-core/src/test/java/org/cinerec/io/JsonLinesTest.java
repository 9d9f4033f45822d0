package org.cinerec.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.cinerec.CinerecException;
import org.cinerec.Progress;
import org.cinerec.data.Dataset;
import org.cinerec.prep.Reasons;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ratings as JSON lines: keys found by name, every line's problem counted. */
class JsonLinesTest {
  @TempDir
  Path dir;

  @Test
  void amazonsReviewFileWithEveryKindOfBadLine() throws IOException {
    Path f = Fixtures.write(dir, "Movies_and_TV_5.json", String.join("\n",
        "{\"overall\": 5.0, \"verified\": true, \"reviewTime\": \"11 9, 2012\", \"reviewerID\": \"A2M1CU2IRZG0K9\", "
            + "\"asin\": \"0005089549\", \"style\": {\"Format:\": \" VHS Tape\"}, \"reviewerName\": \"Terri\", "
            + "\"reviewText\": \"So sorry, \\\"no\\\" {braces} here\", \"unixReviewTime\": 1352419200}",
        "{\"overall\": 4.0, \"reviewerID\": \"AFTUJYISOFHY6\", \"asin\": \"0005089549\", \"unixReviewTime\": 1352246400}",
        "",
        "{\"overall\": \"4\", \"reviewerID\": 12345, \"asin\": \"B00005JKZY\", \"unixReviewTime\": \"1352246400\"}",
        "{\"overall\": 3.0, \"reviewerID\": \"A1\", \"asin\": \"B1\"}",
        "{\"overall\": \"great\", \"reviewerID\": \"A1\", \"asin\": \"B2\", \"unixReviewTime\": 1}",
        "{\"overall\": 5.0, \"reviewerID\": \"A1\", \"asin\": \"B3\", \"unixReviewTime\": 1",
        "not json at all",
        "{\"overall\": 2.0, \"reviewerID\": null, \"asin\": \"B4\", \"unixReviewTime\": 1}",
        "{\"overall\": 1.0, \"reviewerID\": \"A1\", \"asin\": \"B5\", \"unixReviewTime\": 1} {\"extra\": 1}",
        ""));
    assertEquals(Format.JSONL, FormatDetector.detect(f));
    Dataset d = DataSources.load(f, LoadOptions.defaults(), Progress.NONE);
    assertEquals("jsonl", d.provenance().format());
    assertEquals(9, d.provenance().rowsRead(), "blank lines are not rows");
    assertEquals(3, d.ratings().size());
    assertEquals(4L, d.provenance().dropped().get(Reasons.FIELD_COUNT));
    assertEquals(1L, d.provenance().dropped().get(Reasons.BAD_RATING));
    assertEquals(1L, d.provenance().dropped().get(Reasons.BAD_ID));
    List<String> shape = d.provenance().examples().get(Reasons.FIELD_COUNT);
    assertEquals("Movies_and_TV_5.json:5: has no \"unixReviewTime\" key", shape.get(0));
    assertTrue(shape.get(1).startsWith("Movies_and_TV_5.json:7: is not valid JSON"), shape.toString());
    assertTrue(shape.get(2).startsWith("Movies_and_TV_5.json:8: is not valid JSON"), shape.toString());
    assertFalse(shape.toString().contains("Source"), "none of the parser's internals: " + shape);
    assertEquals("Movies_and_TV_5.json:10: is not one JSON object", shape.get(3));
    assertTrue(d.users().indexOf("12345") >= 0, "a numeric id is its text");
    assertTrue(d.items().indexOf("0005089549") >= 0, "leading zeros kept");
    assertEquals(1352419200L, d.ratings().timestamp(0));
    assertTrue(d.provenance().notes().contains("JSON keys: user reviewerID, movie asin, rating overall, time "
        + "unixReviewTime"), d.provenance().notes().toString());
  }

  @Test
  void amazons2023FileWithMillisecondsAndGoodreadsWithItsDateAdded() throws IOException {
    Dataset amazon = DataSources.load(Fixtures.write(dir, "Movies_and_TV.jsonl",
        "{\"rating\": 5.0, \"title\": \"t\", \"images\": [{\"url\": \"x\"}], \"asin\": \"B01\", \"parent_asin\": \"B00\", "
            + "\"user_id\": \"AGG\", \"timestamp\": 1588687728923, \"helpful_vote\": 0}\n"), LoadOptions.defaults(),
        Progress.NONE);
    assertEquals(1588687728L, amazon.ratings().timestamp(0), "13 digits are milliseconds");
    assertTrue(amazon.items().indexOf("B01") >= 0, "asin, not parent_asin");
    Dataset goodreads = DataSources.load(Fixtures.write(dir, "goodreads_reviews.json",
        "{\"user_id\": \"8842281e1d1347389f2ab93d60773d4d\", \"book_id\": \"24375664\", \"review_id\": \"5cd4\", "
            + "\"rating\": 5, \"date_added\": \"Fri Aug 25 13:55:02 -0700 2017\", \"n_votes\": 28}\n"),
        LoadOptions.defaults(), Progress.NONE);
    assertEquals(1, goodreads.ratings().size());
    assertEquals(1503694502L, goodreads.ratings().timestamp(0), "2017-08-25T20:55:02Z");
    assertTrue(goodreads.provenance().notes().contains(
        "JSON keys: user user_id, movie book_id, rating rating, time date_added"), goodreads.provenance().notes().toString());
  }

  @Test
  void aJsonArrayIsNamedWithTheConversion() throws IOException {
    CinerecException e = assertThrows(CinerecException.class, () -> DataSources.load(Fixtures.write(dir,
        "ratings.json", "[{\"user\": 1, \"movie\": 2, \"rating\": 3}]\n"), LoadOptions.defaults(), Progress.NONE));
    assertEquals("ratings.json: is a JSON array; cinerec reads JSON lines, one object a line: convert it first, e.g. "
        + "jq -c '.[]' ratings.json > ratings.jsonl", e.getMessage());
  }

  @Test
  void flagsNameKeysAndMissingOnesAreNamed() throws IOException {
    Path f = Fixtures.write(dir, "r.json", "{\"who\": \"a\", \"what\": \"m\", \"stars\": 4, \"when\": \"2019-01-10\"}\n");
    Dataset d = DataSources.load(f, LoadOptions.defaults().withColumns(new ColumnMapping("who", "what", null, "when",
        null, true)), Progress.NONE);
    assertEquals(1547078400L, d.ratings().timestamp(0));
    CinerecException none = assertThrows(CinerecException.class, () -> DataSources.load(f, LoadOptions.defaults(),
        Progress.NONE));
    assertEquals("r.json:1: no user key among [who, what, stars, when]; name it with --user-col", none.getMessage());
    CinerecException position = assertThrows(CinerecException.class, () -> DataSources.load(f,
        LoadOptions.defaults().withColumns(new ColumnMapping("1", "what", null, null, null, true)), Progress.NONE));
    assertTrue(position.getMessage().contains("JSON keys have names, not positions"), position.getMessage());
  }
}
