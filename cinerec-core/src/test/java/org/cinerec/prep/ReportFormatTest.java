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
    assertTrue(text.contains("    out-of-scale              1\n      e.g. ratings.csv:4: rating \"5.5\" is outside the scale 0.5..5\n"), text);
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
  }
}
