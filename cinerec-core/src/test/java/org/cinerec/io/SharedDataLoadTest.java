package org.cinerec.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.cinerec.Progress;
import org.cinerec.testkit.SharedData;
import org.cinerec.data.Dataset;
import org.cinerec.prep.Reasons;
import org.junit.jupiter.api.Test;

/** Exact counts on the real files in ../shared/data (see its README). */
class SharedDataLoadTest {

  @Test
  void mlLatestSmallHasEveryRatingUserAndCatalogueMovie() {
    Dataset d = DataSources.load(SharedData.mlLatestSmall(), LoadOptions.defaults(), Progress.NONE);
    assertEquals("movielens-csv", d.provenance().format());
    assertEquals(100_836, d.ratings().size());
    assertEquals(610, d.numUsers());
    assertEquals(9_742, d.numItems());
    assertEquals(9_724, d.ratings().activeItems());
    assertEquals(100_836, d.provenance().rowsRead());
    assertEquals(100_836, d.provenance().rowsKept());
    assertEquals(0, d.provenance().totalDropped());
    assertTrue(d.provenance().changed().isEmpty());
    int toy = d.items().indexOf("1");
    assertEquals("Toy Story (1995)", d.catalog().title(toy));
    assertEquals(1995, d.catalog().year(toy));
    assertEquals("0114709", d.catalog().imdbId(toy));
    assertEquals("862", d.catalog().tmdbId(toy));
    assertEquals(5, d.catalog().genres(toy).length);
    int last = d.items().indexOf("193609");
    assertTrue(last >= 0);
    assertEquals(3, d.provenance().sources().size());
    assertEquals("aa289ca83157595d0df6aea1be6a4ded676ddc4385472e8313a8ed9805352646",
        d.provenance().sources().get(0).sha256());
  }

  @Test
  void mlLatestSmallWithRequiredMetadataIsUnchanged() {
    Dataset d = DataSources.load(SharedData.mlLatestSmall(), new LoadOptions(null, true, true), Progress.NONE);
    assertEquals(100_836, d.ratings().size());
    assertEquals(9_742, d.numItems());
  }

  @Test
  void kaggleJoinsRatingsToMetadataThroughLinks() {
    Dataset d = DataSources.load(SharedData.moviesDataset(), LoadOptions.defaults(), Progress.NONE);
    assertEquals("kaggle-movies", d.provenance().format());
    assertEquals(100_004, d.ratings().size());
    assertEquals(671, d.numUsers());
    assertEquals(9_125, d.numItems());
    assertEquals(9_066, d.ratings().activeItems());
    assertEquals(100_004 - 71_609, d.provenance().changed().get(Reasons.NO_METADATA));
    // movieId 1 -> tmdbId 862 -> Toy Story; a direct join on id 1 would give another film
    int toy = d.items().indexOf("1");
    assertEquals("Toy Story", d.catalog().title(toy));
    assertEquals(1995, d.catalog().year(toy));
    assertEquals("Animation", d.catalog().genres(toy)[0]);
    int withMeta = 0;
    for (int i = 0; i < d.numItems(); i++) {
      withMeta += d.catalog().hasMetadata(i) ? 1 : 0;
    }
    assertEquals(3_723, withMeta);
    assertTrue(d.provenance().notes().stream().anyMatch(n -> n.startsWith(Reasons.METADATA_DUPLICATE + ": 1 ")),
        d.provenance().notes().toString());
  }

  @Test
  void kaggleLoadsInStrictModeBecauseRepeatedMetadataIdsAreResolvedByPolicy() {
    Dataset d = DataSources.load(SharedData.moviesDataset(), LoadOptions.defaults().withStrict(true), Progress.NONE);
    assertEquals(100_004, d.ratings().size());
  }

  @Test
  void kaggleWithRequiredMetadataDropsRatingsOfMoviesWithoutIt() {
    Dataset d = DataSources.load(SharedData.moviesDataset(), LoadOptions.defaults().withRequireMetadata(true),
        Progress.NONE);
    assertEquals(71_609, d.ratings().size());
    assertEquals(671, d.numUsers());
    assertEquals(3_723, d.numItems());
    assertEquals(3_722, d.ratings().activeItems());
    assertEquals(100_004 - 71_609, d.provenance().dropped().get(Reasons.NO_METADATA));
    assertEquals(100_004, d.provenance().rowsRead());
    for (int i = 0; i < d.numItems(); i++) {
      assertTrue(d.catalog().hasMetadata(i));
    }
  }

  @Test
  void lineEndingsDoNotMatter(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
    for (String f : new String[] {"ratings.csv", "movies.csv", "links.csv"}) {
      String text = java.nio.file.Files.readString(SharedData.mlLatestSmall().resolve(f));
      java.nio.file.Files.writeString(tmp.resolve(f), text.replace("\r\n", "\n"));
    }
    Dataset crlf = DataSources.load(SharedData.mlLatestSmall());
    Dataset lf = DataSources.load(tmp);
    assertEquals(crlf.ratings(), lf.ratings());
    assertEquals(crlf.items(), lf.items());
    assertEquals(crlf.catalog().title(100), lf.catalog().title(100));
  }

  @Test
  void kaggleFullFileNamesAreReadToo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
    java.nio.file.Path src = SharedData.moviesDataset();
    java.nio.file.Files.copy(src.resolve("ratings_small.csv"), tmp.resolve("ratings.csv"));
    java.nio.file.Files.copy(src.resolve("links_small.csv"), tmp.resolve("links.csv"));
    java.nio.file.Files.copy(src.resolve("movies_metadata.csv"), tmp.resolve("movies_metadata.csv"));
    Dataset d = DataSources.load(tmp);
    assertEquals("kaggle-movies", d.provenance().format());
    assertEquals(100_004, d.ratings().size());
    assertEquals(9_125, d.numItems());
  }

  @Test
  void aSingleRatingsFileLoadsWithPlaceholderTitles() {
    Dataset d = DataSources.load(SharedData.mlLatestSmall().resolve("ratings.csv"));
    assertEquals("ratings-csv", d.provenance().format());
    assertEquals(100_836, d.ratings().size());
    assertEquals(610, d.numUsers());
    assertEquals(9_724, d.numItems());
    assertFalse(d.catalog().hasMetadata(0));
  }
}
