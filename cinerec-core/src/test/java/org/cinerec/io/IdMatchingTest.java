package org.cinerec.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.cinerec.Progress;
import org.cinerec.data.Dataset;
import org.cinerec.prep.Reasons;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ids are compared the way the files mean them, for every reader: in a column of digits {@code 0770828}
 * and {@code 770828} are one movie (MovieTweetings writes its catalogue zero-padded and its ratings not);
 * the catalogue's spelling is what is shown; ids with other characters stay text.
 */
class IdMatchingTest {
  @TempDir
  Path dir;

  private Path write(String name, String text) throws IOException {
    return Fixtures.write(dir, name, text);
  }

  private static Dataset load(Path p, LoadOptions o) {
    return DataSources.load(p, o, Progress.NONE);
  }

  @Test
  void aZeroPaddedCatalogueIdIsTheMovieTheRatingsNameWithoutZeros() throws IOException {
    write("ratings.dat", "1::770828::4::1365029107\n1::114508::2::1365029108\n2::770828::5::1365029109\n");
    write("movies.dat", "0770828::Man of Steel (2013)::Action|Adventure\n0114508::Species (1995)::Horror\n"
        + "0000008::Edison Kinetoscopic Record of a Sneeze (1894)::Documentary\n");
    Dataset d = load(dir, LoadOptions.defaults());
    assertEquals(3, d.numItems(), "three catalogue movies, no placeholder ghosts");
    assertEquals(3, d.ratings().size());
    assertNull(d.provenance().changed().get(Reasons.NO_METADATA), "every rated movie has its title");
    int steel = d.items().indexOf("770828");
    assertEquals(steel, d.items().indexOf("0770828"));
    assertEquals(steel, d.items().indexOf("00770828"));
    assertEquals("0770828", d.items().id(steel), "the catalogue's spelling is kept for display");
    assertEquals("770828", d.items().key(steel));
    assertEquals("Man of Steel (2013)", d.catalog().title(steel));
    assertEquals(2, d.ratings().byItem().count(steel));
    assertEquals(d.items().indexOf("8"), d.items().indexOf("0000008"));
  }

  @Test
  void movieLensCsvLinksAndRatingsMatchPaddedIdsToo() throws IOException {
    write("ratings.csv", "userId,movieId,rating,timestamp\n1,7,4.0,964982703\n1,12,3.5,964982704\n");
    write("movies.csv", "movieId,title,genres\n007,Seven (1995),Thriller\n0012,Dracula (1995),Horror\n");
    write("links.csv", "movieId,imdbId,tmdbId\n7,0114369,807\n12,0112896,12110\n");
    Dataset d = load(dir, LoadOptions.defaults());
    assertEquals(2, d.numItems());
    int seven = d.items().indexOf("7");
    assertEquals("007", d.items().id(seven));
    assertEquals("Seven (1995)", d.catalog().title(seven));
    assertEquals("0114369", d.catalog().imdbId(seven), "links found the padded catalogue movie; imdbId stays text");
  }

  private static Dataset loadCsv(Path f) {
    return load(f, LoadOptions.defaults().withFormat("csv").withColumns(new ColumnMapping("u", "m", "r", "none", ",",
        true)));
  }

  @Test
  void aGenericCsvWithTwoSpellingsOfOneNumberHasOneUserAndOneMovie() throws IOException {
    Dataset d = loadCsv(write("r.csv", "u,m,r\n007,0042,4\n7,42,3\nabc,0042,5\n"));
    assertEquals(2, d.numUsers(), "007 and 7 are user 7; abc is text");
    assertEquals(1, d.numItems());
    assertEquals(2, d.ratings().size(), "7 rated 42 twice: the later row is kept");
    assertEquals(1L, d.provenance().dropped().get(Reasons.DUPLICATE));
    assertEquals("007", d.users().id(0), "first spelling seen is kept");
    assertEquals(0, d.users().indexOf("7"));
  }

  @Test
  void textIdsKeepTheirZeros() throws IOException {
    Dataset d = loadCsv(write("r.csv", "u,m,r\nu1,tt0770828,4\nu1,tt770828,3\n"));
    assertEquals(2, d.numItems(), "ids with letters are text: tt0770828 and tt770828 differ");
    assertTrue(d.items().indexOf("tt0770828") >= 0);
    assertFalse(d.items().indexOf("tt0770828") == d.items().indexOf("tt770828"));
  }

  @Test
  void aCatalogueListingOneNumberTwiceKeepsTheFirstAndSaysWhy() throws IOException {
    write("ratings.dat", "1::770828::4::1365029107\n");
    write("movies.dat", "0770828::Man of Steel (2013)::Action\n770828::Steel (1997)::Action\n");
    Dataset d = load(dir, LoadOptions.defaults());
    assertEquals(1, d.numItems());
    assertEquals("Man of Steel (2013)", d.catalog().title(0));
    assertEquals(java.util.List.of("movies.dat:2: MovieID 770828 is 0770828 again (leading zeros do not count); "
        + "the first is kept"), d.provenance().examples().get(Reasons.METADATA_DUPLICATE));
  }
}
