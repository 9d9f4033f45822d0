package org.cinerec.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.cinerec.CinerecException;
import org.cinerec.Progress;
import org.cinerec.data.Catalog;
import org.cinerec.data.Dataset;
import org.cinerec.data.RatingScale;
import org.cinerec.data.Ratings;
import org.cinerec.prep.Reasons;
import org.cinerec.testkit.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Netflix Prize layout: "MovieID:" lines, then CustomerID,Rating,Date; movie_titles.csv. */
class NetflixPrizeTest {

  @Test
  void kaggleFolderReadsEveryFileInOrderAndCountsEveryDroppedLine() {
    Path dir = Fixtures.dir("netflix");
    assertEquals(Format.NETFLIX_PRIZE, FormatDetector.detect(dir));
    Dataset d = DataSources.load(dir, LoadOptions.defaults(), Progress.NONE);
    assertEquals("netflix-prize", d.provenance().format());
    assertEquals(12, d.provenance().rowsRead(), "rating lines, not movie or blank lines");
    assertEquals(6, d.ratings().size());
    Map<String, Long> dropped = d.provenance().dropped();
    assertEquals(2L, dropped.get(Reasons.BAD_ID));
    assertEquals(1L, dropped.get(Reasons.OUT_OF_SCALE));
    assertEquals(1L, dropped.get(Reasons.BAD_TIMESTAMP));
    assertEquals(1L, dropped.get(Reasons.FIELD_COUNT));
    assertEquals(1L, dropped.get(Reasons.DUPLICATE));
    assertEquals(List.of("combined_data_1.txt:8: CustomerID \"abc\" is not a non-negative integer",
        "combined_data_2.txt:6: rating \"885013,5,2005-01-01\" follows the line \"x7:\", which is not MovieID:"),
        d.provenance().examples().get(Reasons.BAD_ID));
    assertTrue(d.provenance().examples().get(Reasons.BAD_TIMESTAMP).get(0).startsWith("combined_data_2.txt:2: date "
        + "\"2005-02-30\""), d.provenance().examples().toString());
    assertTrue(d.provenance().examples().get(Reasons.OUT_OF_SCALE).get(0).startsWith("combined_data_1.txt:9: "));
    assertTrue(d.provenance().examples().get(Reasons.DUPLICATE).get(0).contains("combined_data_2.txt:"),
        "the second file's own line numbers: " + d.provenance().examples().get(Reasons.DUPLICATE));
    assertTrue(d.provenance().notes().stream().anyMatch(n -> n.contains("probe.txt")));
    assertEquals(RatingScale.WHOLE_STARS.text(), d.scale().text());

    int first = d.users().indexOf("1488844");
    int dino = d.items().indexOf("1");
    assertEquals("Dinosaur Planet", d.catalog().title(dino));
    assertEquals(2003, d.catalog().year(dino));
    int cast = d.items().indexOf("3");
    assertEquals("Character, Cast été", d.catalog().title(cast), "the title is the rest of the line, ISO-8859-1");
    assertEquals(Catalog.NO_YEAR, d.catalog().year(cast));
    Ratings r = d.ratings();
    boolean seen = false;
    for (int k = 0; k < r.size(); k++) {
      if (r.user(k) == first && r.item(k) == dino) {
        assertEquals(3f, r.rating(k));
        assertEquals(LocalDate.of(2005, 9, 6).atStartOfDay().toEpochSecond(ZoneOffset.UTC), r.timestamp(k));
        seen = true;
      }
    }
    assertTrue(seen);
  }

  @Test
  void oneFileAloneIsRecognisedByItsFirstLineAndStrictStopsAtTheFirstBadLine() {
    Path one = Fixtures.dir("netflix").resolve("combined_data_1.txt");
    assertEquals(Format.NETFLIX_PRIZE, FormatDetector.detect(one));
    Dataset d = DataSources.load(one, LoadOptions.defaults(), Progress.NONE);
    assertEquals(4, d.ratings().size());
    assertTrue(d.provenance().notes().stream().anyMatch(n -> n.contains("titles are placeholders")));
    CinerecException e = assertThrows(CinerecException.class,
        () -> DataSources.load(one, LoadOptions.defaults().withStrict(true), Progress.NONE));
    assertTrue(e.getMessage().startsWith("combined_data_1.txt:8:1: CustomerID \"abc\""), e.getMessage());
  }

  @Test
  void probeAndQualifyingFilesSayTheyHoldNoRatings() {
    CinerecException e = assertThrows(CinerecException.class,
        () -> DataSources.load(Fixtures.dir("netflix").resolve("probe.txt"), LoadOptions.defaults(), Progress.NONE));
    assertTrue(e.getMessage().contains("probe.txt holds no ratings"), e.getMessage());
  }

  @Test
  void theOriginalReleasesTrainingSetFolderReadsTheSame(@TempDir Path dir) throws IOException {
    Path set = Files.createDirectories(dir.resolve("training_set"));
    Files.writeString(set.resolve("mv_0000002.txt"), "2:\n7,4,2005-01-01\n8,5,2005-01-02\n");
    Files.writeString(set.resolve("mv_0000001.txt"), "1:\n7,3,2004-12-31\n");
    Files.writeString(dir.resolve("movie_titles.txt"), "1,1999,One\n2,2000,Two, the sequel\n");
    for (Path p : new Path[] {dir, set}) {
      assertEquals(Format.NETFLIX_PRIZE, FormatDetector.detect(p), p.toString());
      Dataset d = DataSources.load(p, LoadOptions.defaults(), Progress.NONE);
      assertEquals(3, d.ratings().size());
      assertEquals("Two, the sequel", d.catalog().title(d.items().indexOf("2")));
      assertEquals(3, d.provenance().sources().size(), "both movie files and the titles");
    }
  }

  /** 20 movie files and the titles: the text report lists 11 sources and counts the rest; the JSON has all 21. */
  @Test
  void manyFilesAreCountedInTheTextReport(@TempDir Path dir) throws IOException {
    Path set = Files.createDirectories(dir.resolve("training_set"));
    for (int m = 1; m <= 20; m++) {
      Files.writeString(set.resolve(String.format(java.util.Locale.ROOT, "mv_%07d.txt", m)), m + ":\n7,3,2005-01-01\n");
    }
    Files.writeString(dir.resolve("movie_titles.csv"), "1,1999,One\n");
    Dataset d = DataSources.load(dir, LoadOptions.defaults(), Progress.NONE);
    assertEquals(21, d.provenance().sources().size());
    String text = org.cinerec.prep.ReportFormat.text(d);
    assertEquals(11, text.lines().filter(l -> l.contains("sha256")).count() - (text.contains("every one with") ? 1 : 0));
    assertTrue(text.contains("    ... and 10 more files, "), text);
    assertTrue(org.cinerec.prep.ReportFormat.json(d).contains("mv_0000020.txt"));
  }

  /**
   * Known answer: ml-latest-small written in the Netflix layout (grouped by movie, dates for times) reads back
   * as the same ratings as its CSV: every user, movie, rating, and each time's day.
   */
  @Test
  void mlLatestSmallInTheNetflixLayoutReadsAsItsCsvDoes(@TempDir Path dir) throws IOException {
    Dataset csv = DataSources.load(SharedData.mlLatestSmall(), LoadOptions.defaults(), Progress.NONE);
    Ratings r = csv.ratings();
    TreeMap<Integer, List<Integer>> byMovie = new TreeMap<>();
    for (int k = 0; k < r.size(); k++) {
      byMovie.computeIfAbsent(Integer.parseInt(csv.items().id(r.item(k))), m -> new ArrayList<>()).add(k);
    }
    Path folder = Files.createDirectories(dir.resolve("nf"));
    try (BufferedWriter w = Files.newBufferedWriter(folder.resolve("combined_data_1.txt"), StandardCharsets.US_ASCII)) {
      for (var e : byMovie.entrySet()) {
        w.write(e.getKey() + ":\n");
        for (int k : e.getValue()) {
          w.write(csv.users().id(r.user(k)) + "," + RatingScale.fmt(r.rating(k)) + ","
              + LocalDate.ofEpochDay(r.timestamp(k) / 86_400) + "\n");
        }
      }
    }
    Dataset nf = DataSources.load(folder, LoadOptions.defaults().withScale(RatingScale.HALF_STARS), Progress.NONE);
    assertEquals(r.size(), nf.ratings().size());
    assertEquals(0, nf.provenance().totalDropped());
    assertEquals(csv.numUsers(), nf.numUsers());
    assertEquals(r.activeItems(), nf.ratings().activeItems());
    Map<String, String> expected = new java.util.HashMap<>();
    for (int k = 0; k < r.size(); k++) {
      expected.put(csv.users().id(r.user(k)) + "/" + csv.items().id(r.item(k)),
          r.rating(k) + "@" + r.timestamp(k) / 86_400 * 86_400);
    }
    Ratings n = nf.ratings();
    for (int k = 0; k < n.size(); k++) {
      assertEquals(expected.get(nf.users().id(n.user(k)) + "/" + nf.items().id(n.item(k))),
          n.rating(k) + "@" + n.timestamp(k), "row " + k);
    }
  }
}
