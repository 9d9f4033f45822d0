package org.cinerec.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.cinerec.CinerecException;
import org.cinerec.Progress;
import org.cinerec.data.Catalog;
import org.cinerec.data.Dataset;
import org.cinerec.prep.MovieTable;
import org.cinerec.prep.PrepReport;
import org.cinerec.prep.Reasons;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kaggle's original_language, runtime and overview ({@link Catalog.Details}) on the {@code kaggle-details}
 * fixture: read where the record has them, unknown where it does not (a blank field, runtime 0, a link
 * without a record), a malformed runtime counted and kept unknown; they survive the dataset file and the
 * catalogue file, and a catalogue without them (MovieLens) is written as before they existed.
 */
class KaggleDetailsTest {
  @TempDir
  Path dir;

  private static Dataset load(String fixture) {
    return DataSources.load(Fixtures.dir(fixture), LoadOptions.defaults(), Progress.NONE);
  }

  @Test
  void languageRuntimeAndOverviewAreReadWhereTheRecordHasThem() {
    Dataset d = load("kaggle-details");
    Catalog c = d.catalog();
    int toy = d.items().indexOf("1");
    assertEquals("en", c.language(toy));
    assertEquals(81, c.runtime(toy));
    assertEquals("Led by Woody, Andy's toys live happily in his room.", c.overview(toy));
    int jumanji = d.items().indexOf("2");
    assertEquals(Catalog.NO_RUNTIME, c.runtime(jumanji), "\"1h 44m\" is malformed: unknown");
    assertEquals("When siblings Judy and Peter\ndiscover an enchanted board game,\nthey unwittingly invite \"Alan\".",
        c.overview(jumanji), "a multi-line quoted overview");
    int grumpier = d.items().indexOf("3");
    assertTrue(c.hasMetadata(grumpier));
    assertNull(c.language(grumpier), "blank language");
    assertEquals(Catalog.NO_RUNTIME, c.runtime(grumpier), "blank runtime");
    assertNull(c.overview(grumpier), "blank overview");
    assertEquals(Catalog.Details.NONE, c.details(grumpier));
    int missing = d.items().indexOf("4");
    assertFalse(c.hasMetadata(missing), "a link whose record is missing");
    assertEquals(Catalog.Details.NONE, c.details(missing));
    int bride = d.items().indexOf("5");
    assertEquals("fr", c.language(bride));
    assertEquals(Catalog.NO_RUNTIME, c.runtime(bride), "runtime 0 is TMDB's unknown, not malformed");
    assertEquals(170, c.runtime(d.items().indexOf("6")));
    assertEquals(Catalog.NO_RUNTIME, c.runtime(d.items().indexOf("7")), "a negative runtime is malformed");
    assertTrue(c.hasDetails());
  }

  @Test
  void malformedRuntimesAreCountedWithExamplesAndCoverageIsNoted() {
    Dataset d = load("kaggle-details");
    List<String> notes = d.provenance().notes();
    assertTrue(notes.contains(Reasons.METADATA_BAD_RUNTIME + ": 2 catalogue field(s) left unknown (the records are "
        + "kept)"), notes.toString());
    assertEquals(List.of(
        "movies_metadata.csv:3: runtime \"1h 44m\" is not a number of minutes; kept with the runtime unknown",
        "movies_metadata.csv:9: runtime \"-130\" is not a number of minutes; kept with the runtime unknown"),
        d.provenance().examples().get(Reasons.METADATA_BAD_RUNTIME));
    assertTrue(notes.contains("movies_metadata.csv: original_language for 5, runtime for 2, overview for 5 of the 7 "
        + "movies (6 with metadata; the others unknown)"), notes.toString());
    assertEquals(9, d.ratings().size(), "no rating is dropped for a detail");
  }

  @Test
  void strictModeStopsAtAMalformedRuntimeWithLineAndColumn() {
    CinerecException e = assertThrows(CinerecException.class, () -> DataSources.load(Fixtures.dir("kaggle-details"),
        LoadOptions.defaults().withStrict(true), Progress.NONE));
    assertTrue(e.getMessage().startsWith("movies_metadata.csv:3:17: runtime \"1h 44m\" is not a number of minutes"),
        e.getMessage());
  }

  @Test
  void runtimeValues() {
    assertEquals(81, KaggleCatalog.runtime("81.0"));
    assertEquals(82, KaggleCatalog.runtime("81.5"));
    assertEquals(Catalog.NO_RUNTIME, KaggleCatalog.runtime(""));
    assertEquals(Catalog.NO_RUNTIME, KaggleCatalog.runtime("0.0"));
    for (String bad : new String[] {"1h", "-1", "NaN", "Infinity", "1e9", "90d", "90f"}) {
      assertEquals(-1, KaggleCatalog.runtime(bad), bad);
    }
  }

  @Test
  void detailsSurviveTheDatasetFile() {
    Dataset d = load("kaggle-details");
    Path p = dir.resolve("k.cinerec");
    DatasetFile.write(p, d, Progress.NONE);
    Dataset back = DataSources.load(p);
    assertTrue(back.catalog().hasDetails());
    for (int i = 0; i < d.numItems(); i++) {
      assertEquals(d.catalog().details(i), back.catalog().details(i), "movie " + d.items().id(i));
    }
    assertEquals(d.provenance(), back.provenance());
  }

  @Test
  void detailsSurviveTheCatalogueFile() {
    PrepReport report = new PrepReport(false);
    Path folder = Fixtures.dir("kaggle-details");
    MovieTable table = KaggleCatalog.read(folder.resolve("links_small.csv"), folder.resolve("movies_metadata.csv"),
        report);
    CatalogFile.Entries e = CatalogFile.read("catalogue.json", new ByteArrayInputStream(CatalogFile.json(table)));
    int toy = e.ids().indexOf("1");
    assertEquals(new Catalog.Details("en", 81, "Led by Woody, Andy's toys live happily in his room."),
        e.catalog().details(toy));
    Catalog forItems = e.forItems(org.cinerec.data.IdIndex.of(List.of("6", "1", "99")));
    assertEquals(170, forItems.runtime(0));
    assertEquals("en", forItems.language(1));
    assertFalse(forItems.hasMetadata(2));
  }

  @Test
  void aCatalogueWithoutDetailsIsWrittenAsBeforeTheyExisted() throws Exception {
    Dataset d = load("ml-csv");
    assertFalse(d.catalog().hasDetails());
    String json = new String(DatasetFile.MAPPER.writeValueAsBytes(CatalogJson.of(d.catalog())),
        StandardCharsets.UTF_8);
    for (String member : new String[] {"language", "runtime", "overview"}) {
      assertFalse(json.contains("\"" + member + "\""), member + " in " + json);
    }
    // a catalogue JSON written before the details existed reads with none
    Catalog back = DatasetFile.MAPPER.readValue(json, CatalogJson.class).toCatalog();
    assertFalse(back.hasDetails());
    // the very bytes the catalogue had before details existed: its seven members in order, nothing else
    CatalogJson j = CatalogJson.of(d.catalog());
    java.util.Map<String, Object> before = new java.util.LinkedHashMap<>();
    before.put("title", j.title());
    before.put("year", j.year());
    before.put("genres", j.genres());
    before.put("imdb", j.imdb());
    before.put("tmdb", j.tmdb());
    before.put("hasMetadata", j.hasMetadata());
    before.put("placeholderId", j.placeholderId());
    org.junit.jupiter.api.Assertions.assertArrayEquals(DatasetFile.MAPPER.writeValueAsBytes(before),
        DatasetFile.MAPPER.writeValueAsBytes(j));
  }
}
