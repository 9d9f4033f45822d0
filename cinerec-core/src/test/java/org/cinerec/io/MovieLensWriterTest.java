package org.cinerec.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cinerec.Progress;
import org.cinerec.data.Catalog;
import org.cinerec.data.Dataset;
import org.cinerec.data.IdIndex;
import org.cinerec.data.Provenance;
import org.cinerec.data.Ratings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MovieLensWriterTest {
  @TempDir
  Path dir;

  @Test
  void writesRatingsAndMoviesAsMovieLensDoes() throws IOException {
    Ratings r = new Ratings(new int[] {0, 1, 1, 1}, new int[] {1, 0, 1, 2}, new float[] {4f, 0.5f, 5f, 3.25f},
        new int[] {964982703, 0, Ratings.packTimestamp(4_000_000_000L), 7}, 2, 3);
    Catalog c = Catalog.builder()
        .add("Toy Story", 1995, new String[] {"Adventure", "Animation"}, null, null)
        .add("American President, The", 1995, new String[] {"Comedy"}, null, null)
        .add("The \"Quoted\" One (2001)", 2001, new String[0], null, null)
        .build();
    Dataset d = new Dataset(r, IdIndex.of("1", "610"), IdIndex.of("1", "11", "193609"), c,
        Provenance.of("test", 4, null));
    MovieLensWriter.writeDataset(dir, d, Progress.NONE);
    assertEquals(List.of("userId,movieId,rating,timestamp", "1,11,4.0,964982703", "610,1,0.5,0",
        "610,11,5.0,4000000000", "610,193609,3.25,7"), Files.readAllLines(dir.resolve("ratings.csv")));
    assertEquals(List.of("movieId,title,genres", "1,Toy Story (1995),Adventure|Animation",
        "11,\"American President, The (1995)\",Comedy", "193609,\"The \"\"Quoted\"\" One (2001)\",(no genres listed)"),
        Files.readAllLines(dir.resolve("movies.csv")));
    try (var files = Files.list(dir)) {
      assertEquals(2, files.count(), "no temporary files left behind");
    }
  }

  @Test
  void textIdsAreQuotedWhereTheyMustBeAndLongOnesFitAnyBuffer() throws IOException {
    String longId = "u".repeat(3_000_000); // longer than the writer's buffer: written, not overrun
    Ratings r = new Ratings(new int[] {0, 1, 2}, new int[] {0, 1, 0}, new float[] {4f, 3f, 5f}, new int[3], 3, 2);
    IdIndex users = IdIndex.of("Smith, J", "Doe \"JD\"", longId);
    IdIndex items = IdIndex.of("Alien, the", "Heat");
    Path file = dir.resolve("ratings.csv");
    MovieLensWriter.writeRatings(file, r, users, items, Progress.NONE);
    List<String> lines = Files.readAllLines(file);
    assertEquals(List.of("userId,movieId,rating,timestamp", "\"Smith, J\",\"Alien, the\",4.0,0",
        "\"Doe \"\"JD\"\"\",Heat,3.0,0"), lines.subList(0, 3));
    assertEquals(longId + ",\"Alien, the\",5.0,0", lines.get(3));
    // and they read back as they were (text ids: the CSV reader)
    Dataset back = DataSources.load(file, LoadOptions.defaults(), Progress.NONE);
    assertEquals(3, back.ratings().size());
    assertEquals(0, back.users().indexOf("Doe \"JD\"") < 0 ? 1 : 0);
    assertEquals(0, back.items().indexOf("Alien, the") < 0 ? 1 : 0);
  }
}
