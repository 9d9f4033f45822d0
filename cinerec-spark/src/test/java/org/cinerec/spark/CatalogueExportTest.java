package org.cinerec.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.cinerec.CinerecException;
import org.cinerec.data.Catalog;
import org.cinerec.model.ModelFiles;
import org.cinerec.model.Recommender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Titles survive the Spark path: {@code prepare} of a MovieLens folder writes its movies.csv as
 * catalogue.json, and {@code export} of a model trained on that folder carries the real titles (a
 * placeholder only for a rated movie the catalogue lacks); {@code --catalog} gives one explicitly.
 */
class CatalogueExportTest {
  @TempDir Path dir;

  @Test
  void anExportedModelHasTheCataloguesTitles() throws IOException {
    SparkSession spark = LocalSpark.session();
    Path in = Files.createDirectories(dir.resolve("ml"));
    StringBuilder csv = new StringBuilder("userId,movieId,rating,timestamp\n");
    for (int u = 1; u <= 12; u++) {
      for (int m = 1; m <= 5; m++) {
        if ((u + m) % 3 != 0) {
          csv.append(u).append(',').append(m * 10).append(',').append(1 + (u * 7 + m * 3) % 9 / 2.0).append(",1\n");
        }
      }
    }
    Files.writeString(in.resolve("ratings.csv"), csv, StandardCharsets.UTF_8);
    // 40 and 50 are rated but not in the catalogue; 60 is in it but not rated
    Files.writeString(in.resolve("movies.csv"), "movieId,title,genres\n10,Heat (1995),Action|Crime\n"
        + "20,\"Toy Story (1995)\",Animation|Children\n030,Thirty (2001),Drama\n60,Unrated (1990),Comedy\n",
        StandardCharsets.UTF_8);
    String prep = dir.resolve("prep").toString();
    PrepareJob.Result prepared = PrepareJob.run(spark, in.toString(), prep, PrepareJob.Options.defaults());
    assertTrue(Files.exists(dir.resolve("prep/catalogue.json")) && prepared.catalogue());

    String model = dir.resolve("als").toString();
    TrainAlsJob.run(spark, prep, model, Map.of("rank", "2", "maxIter", "2", "seed", "1"), null);
    Path file = dir.resolve("als.cinerec");
    ExportJob.run(spark, model, file.toString());
    ModelFiles.Saved saved = ModelFiles.load(file, "als");
    checkTitles(saved.model(), saved.catalog());

    // --catalog: the folder prepare wrote, or its file, for a model whose input has none beside it
    Files.move(dir.resolve("prep/catalogue.json"), dir.resolve("movies.json"));
    ExportJob.run(spark, model, file.toString());
    saved = ModelFiles.load(file, "als");
    assertFalse(saved.catalog().hasMetadata(saved.model().items().indexOf("10")), "no catalogue: placeholders");
    ExportJob.run(spark, model, file.toString(), dir.resolve("movies.json").toString());
    saved = ModelFiles.load(file, "als");
    checkTitles(saved.model(), saved.catalog());
    CinerecException e = assertThrows(CinerecException.class,
        () -> ExportJob.run(spark, model, file.toString(), prep));
    assertTrue(e.getMessage().contains("--catalog") && e.getMessage().contains("catalogue.json"), e.getMessage());
  }

  private static void checkTitles(Recommender m, Catalog c) {
    assertEquals(5, m.items().size());
    assertEquals(m.items().size(), c.size());
    assertEquals("Heat (1995)", c.title(m.items().indexOf("10")));
    assertEquals(1995, c.year(m.items().indexOf("10")));
    assertEquals("Toy Story (1995)", c.title(m.items().indexOf("20")));
    assertTrue(c.hasMetadata(m.items().indexOf("30")), "030 in the catalogue is movie 30");
    assertEquals("Thirty (2001)", c.title(m.items().indexOf("30")));
    for (String placeholder : new String[] {"40", "50"}) {
      int i = m.items().indexOf(placeholder);
      assertFalse(c.hasMetadata(i));
      assertEquals("movie " + placeholder, c.title(i));
    }
  }
}
