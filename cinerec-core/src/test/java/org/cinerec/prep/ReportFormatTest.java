package org.cinerec.prep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URISyntaxException;
import java.nio.file.Path;
import org.cinerec.data.Dataset;
import org.cinerec.io.DataSources;
import org.junit.jupiter.api.Test;

class ReportFormatTest {

  private static Dataset fixture() throws URISyntaxException {
    return DataSources.load(Path.of(ReportFormatTest.class.getResource("/fixtures/ml-csv").toURI()));
  }

  @Test
  void theTextReportListsEachReasonWithItsExamples() throws Exception {
    String text = ReportFormat.text(fixture());
    assertTrue(text.startsWith("Preparation report (movielens-csv)\n"), text);
    assertTrue(text.contains("  rows read                11\n"), text);
    assertTrue(text.contains("  rows kept                 7\n"), text);
    assertTrue(text.contains("    out-of-scale              1\n      e.g. ratings.csv:4: rating \"5.5\" is outside the scale 0.5..5 in steps of 0.5 (the format's; --scale MIN:MAX[:STEP] sets another)\n"), text);
    assertTrue(text.contains("  scale          0.5..5 in steps of 0.5 (format)\n"), text);
    assertTrue(text.contains("    no-metadata               1\n"), text);
    assertTrue(text.contains("  users 3, movies 9 (8 with metadata, 6 rated)\n"), text);
  }

  @Test
  void theJsonReportCarriesTheCountsByReason() throws Exception {
    JsonNode n = new ObjectMapper().readTree(ReportFormat.json(fixture()));
    assertEquals(11, n.at("/provenance/rowsRead").asInt());
    assertEquals(7, n.at("/provenance/rowsKept").asInt());
    assertEquals(1, n.at("/provenance/dropped/duplicate").asInt());
    assertEquals(1, n.at("/provenance/changed/no-metadata").asInt());
    assertEquals(9, n.at("/shape/movies").asInt());
    assertEquals("ratings.csv:6: rating is NaN", n.at("/provenance/examples/nan-rating/0").asText());
    assertEquals(0.5, n.at("/scale/min").asDouble());
    assertEquals("format", n.at("/scale/source").asText());
  }

  @Test
  void theSummaryLineCountsEveryDroppedAndChangedRowAndNamesTheScale() throws Exception {
    assertEquals("read 11 rows: kept 7 (no-metadata 1), dropped 4 (bad-id 1, duplicate 1, nan-rating 1, "
        + "out-of-scale 1); scale 0.5..5 in steps of 0.5 (format); details: cinerec prepare X",
        ReportFormat.summaryLine(fixture(), "cinerec prepare X"));
  }
}
