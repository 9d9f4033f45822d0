package org.cinerec.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cinerec.data.Dataset;
import org.cinerec.data.Provenance;
import org.cinerec.viz.report.HtmlReport;
import org.cinerec.viz.stats.Leaderboard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HtmlReportTest {

  private static Dataset withDroppedRows() {
    Dataset d = Fixtures.tiny();
    Provenance p = new Provenance("movielens-csv", List.of(new Provenance.SourceFile("ratings.csv", "ab12", 321)), 13, 10,
        Map.of("bad-rating", 2L, "duplicate", 1L), Map.of(), Map.of("bad-rating",
            List.of("ratings.csv:4: rating \"5.5\" is outside 0.5..5.0", "ratings.csv:9: rating \"<b>x</b>\" is not a number")),
        List.of("a note"));
    return new Dataset(d.ratings(), d.users(), d.items(), d.catalog(), p);
  }

  @Test
  void theReportIsOneFileWithEveryPictureEmbeddedAndNoExternalAsset(@TempDir Path dir) throws Exception {
    PlotOptions o = PlotOptions.defaults().withSampleUsers(4).withMinRatings(1);
    Leaderboard board = Leaderboard.parse("{\"mf\": {\"1\": 0.01, \"10\": 0.05}, \"pop\": {\"1\": 0.02, \"10\": 0.07}}", "b");
    HtmlReport report = HtmlReport.of("fixture", withDroppedRows(), o, List.of(), board);
    Path file = dir.resolve("r/report.html");
    report.write(file);
    String html = Files.readString(file);
    assertTrue(html.startsWith("<!DOCTYPE html>"));
    Matcher m = Pattern.compile("<img [^>]*src=\"data:image/png;base64,[A-Za-z0-9+/=]+\"").matcher(html);
    int images = 0;
    while (m.find()) {
      images++;
    }
    assertEquals(report.pictures().size() + report.modelPictures().size(), images);
    assertEquals(Picture.dataPictures().size() + 1, images, "every data picture and the top-K chart");
    assertFalse(Pattern.compile("(src|href)=\"(https?:|//)").matcher(html).find(), "no external assets");
    assertFalse(html.contains("<link"), "no stylesheet links");
    assertFalse(html.contains("<script"), "no scripts");
    try (var files = Files.list(file.getParent())) {
      assertEquals(1, files.count(), "no temporary file left");
    }
  }

  @Test
  void thePreparationReportListsDroppedRowsByReasonWithEscapedExamples() {
    HtmlReport report = new HtmlReport("fixture", withDroppedRows(), List.of(), List.of("sparsity: why"), List.of(),
        null, List.of());
    String html = report.html();
    assertTrue(html.contains("<code>bad-rating</code></td><td class=\"num\">2</td>"), "reason and count");
    assertTrue(html.contains("ratings.csv:4: rating &quot;5.5&quot; is outside 0.5..5.0"), "first example");
    assertTrue(html.contains("&lt;b&gt;x&lt;/b&gt;"), "examples are escaped");
    assertFalse(html.contains("<b>x</b>"));
    assertTrue(html.contains("<th>rating rows dropped</th><td>3</td>"));
    assertTrue(html.contains("sparsity: why"), "pictures not drawn are listed with the reason");
    assertFalse(html.contains("id=\"models\""), "no model section without models");
  }
}
