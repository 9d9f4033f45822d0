package org.cinerec.model.content;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.cinerec.CinerecException;
import org.cinerec.data.Catalog;
import org.junit.jupiter.api.Test;

/** The vocabulary and CSR lists of {@link Features}, by hand (the class comment's worked example). */
class FeaturesTest {

  private static List<String> vocab(Features f) {
    List<String> v = new ArrayList<>();
    for (int k = 0; k < f.size(); k++) {
      v.add(f.value(k));
    }
    return v;
  }

  private static int[] ids(Features f, int row) {
    int[] out = new int[f.end(row) - f.start(row)];
    for (int e = f.start(row); e < f.end(row); e++) {
      out[e - f.start(row)] = f.id(e);
    }
    return out;
  }

  private static float[] weights(Features f, int row) {
    float[] out = new float[f.end(row) - f.start(row)];
    for (int e = f.start(row); e < f.end(row); e++) {
      out[e - f.start(row)] = f.weight(e);
    }
    return out;
  }

  @Test
  void theWorkedExampleOfTheClassComment() {
    Catalog c = Catalog.builder().add("A (1995)", 1995, new String[] {"Drama", "Comedy"}, null, null)
        .add("B (2001)", 2001, new String[0], null, null).build();
    Features f = Features.ofMovies(c, List.of("year", "genres"), 2);
    assertEquals(List.of("genres", "year"), f.groups(), "groups in their fixed order");
    assertEquals(List.of("genre:?", "genre:Comedy", "genre:Drama", "year:?", "year:1995", "year:2000"), vocab(f));
    assertArrayEquals(new int[] {1, 2, 4}, ids(f, 0));
    assertArrayEquals(new float[] {0.5f, 0.5f, 1f}, weights(f, 0));
    assertArrayEquals(new int[] {0, 5}, ids(f, 1), "no genres: the unknown genre");
    assertArrayEquals(new float[] {1f, 1f}, weights(f, 1));
  }

  @Test
  void titleWordsSharedByEnoughTitlesAreFeaturesAndTheRestAreUnknown() {
    Catalog c = Catalog.builder().add("Star Wars (1977)", 1977, new String[] {"Sci-Fi"}, null, null)
        .add("Star Trek (1979)", 1979, new String[] {"Sci-Fi"}, null, null)
        .add("Alien (1979)", 1979, new String[] {"Horror", "Sci-Fi"}, null, null).build();
    Features f = Features.ofMovies(c, List.of("title"), 2);
    assertEquals(List.of("title:?", "title:star"), vocab(f), "wars, trek, alien are in one title only");
    assertArrayEquals(new int[] {1}, ids(f, 0));
    assertArrayEquals(new int[] {0}, ids(f, 2));
    assertEquals(List.of("alien", "star", "trek", "wars"), tokens(c), "years and one-letter words dropped");
    assertEquals(5, Features.ofMovies(c, List.of("title"), 1).size(), "with a minimum of 1: every word");
  }

  private static List<String> tokens(Catalog c) {
    List<String> all = new ArrayList<>();
    for (int i = 0; i < c.size(); i++) {
      all.addAll(Features.tokens(c.title(i)));
    }
    return all.stream().distinct().sorted().toList();
  }

  @Test
  void aNewMovieMapsUnseenValuesToTheirGroupsUnknown() {
    Catalog c = Catalog.builder().add("Heat (1995)", 1995, new String[] {"Crime"}, null, null)
        .add("Heat Wave (1890)", 1890, new String[] {"Drama"}, null, null).build();
    Features f = Features.ofMovies(c, List.of("genres", "year", "title"), 2);
    int[] ids = new int[8];
    float[] w = new float[8];
    int k = f.describeMovie("Heat 2 (2026)", 2026, new String[] {"Crime", "Western"}, ids, w);
    List<String> got = new ArrayList<>();
    for (int e = 0; e < k; e++) {
      got.add(f.value(ids[e]) + "@" + w[e]);
    }
    // Crime known, Western unknown (each 1/2); 2025 bucket unknown; "heat" known ("2" is one character)
    assertEquals(List.of("genre:Crime@0.5", "genre:?@0.5", "year:?@1.0", "title:heat@1.0"), got);
    assertEquals("year:<1920", f.value(ids(f, 1)[1]), "years before 1920 share one bucket");
  }

  @Test
  void unknownGroupsAreUsageErrors() {
    Catalog c = Catalog.builder().add("X", 0, new String[0], null, null).build();
    assertThrows(CinerecException.class, () -> Features.ofMovies(c, List.of("plot"), 1));
  }

  private static Catalog detailed() {
    return Catalog.builder()
        .add("A", 1995, new String[0], null, null, new Catalog.Details("en", 79, "The thief steals the diamond."))
        .add("B", 1995, new String[0], null, null, new Catalog.Details("fr", 80, "A thief and a cop: the heist."))
        .add("C", 1995, new String[0], null, null, new Catalog.Details("en", 125, null))
        .add("D", 1995, new String[0], null, null, Catalog.Details.NONE)
        .addPlaceholder("9")
        .build();
  }

  @Test
  void runtimeBuckets() {
    int[][] cases = {{1, 0}, {79, 0}, {80, 80}, {89, 80}, {90, 90}, {99, 90}, {100, 100}, {109, 100}, {110, 110},
        {119, 110}, {120, 120}, {139, 120}, {140, 140}, {159, 140}, {160, 160}, {900, 160}};
    for (int[] c : cases) {
      assertEquals(c[1], Features.runtimeBucket(c[0]), c[0] + " minutes");
    }
    assertEquals(List.of("runtime:<80", "runtime:80-89", "runtime:90-99", "runtime:100-109", "runtime:110-119",
        "runtime:120-139", "runtime:140-159", "runtime:160+"),
        java.util.stream.IntStream.of(0, 80, 90, 100, 110, 120, 140, 160).mapToObj(Features::runtimeValue).toList());
  }

  @Test
  void languageAndRuntimeAreOneValueEachWithAnUnknownForMissingOnes() {
    Features f = Features.ofMovies(detailed(), List.of("runtime", "language"), 2);
    assertEquals(List.of("language", "runtime"), f.groups(), "in MOVIE_GROUPS order");
    assertEquals(List.of("language:?", "language:en", "language:fr", "runtime:?", "runtime:<80", "runtime:80-89",
        "runtime:120-139"), vocab(f));
    assertArrayEquals(new int[] {1, 4}, ids(f, 0));
    assertArrayEquals(new int[] {2, 5}, ids(f, 1));
    assertArrayEquals(new int[] {1, 6}, ids(f, 2));
    assertArrayEquals(new int[] {0, 3}, ids(f, 3), "no details: both unknown");
    assertArrayEquals(new int[] {0, 3}, ids(f, 4), "a placeholder: both unknown");
    // a movie described later: a language or a runtime bucket the catalogue lacks is unknown
    int[] out = new int[8];
    float[] w = new float[8];
    int k = f.describeMovie("E", 2000, null, new Catalog.Details("de", 200, null), out, w);
    assertArrayEquals(new int[] {0, 3}, java.util.Arrays.copyOf(out, k));
    k = f.describeMovie("E", 2000, null, out, w);
    assertArrayEquals(new int[] {0, 3}, java.util.Arrays.copyOf(out, k), "no details given");
  }

  @Test
  void overviewWordsLessStopWordsWithTheMinimumOfMovies() {
    assertEquals(List.of("diamond", "steals", "thief"), Features.overviewTokens("The thief steals the diamond."));
    assertEquals(List.of("cop", "heist", "thief"), Features.overviewTokens("A thief and a cop: the heist."));
    Features f = Features.ofMovies(detailed(), List.of("overview"), 2);
    assertEquals(List.of("overview:?", "overview:thief"), vocab(f), "only thief is in two overviews");
    assertArrayEquals(new int[] {1}, ids(f, 0));
    assertArrayEquals(new int[] {0}, ids(f, 2), "no overview");
    Features all = Features.ofMovies(detailed(), List.of("overview"), 1);
    assertEquals(List.of("overview:?", "overview:cop", "overview:diamond", "overview:heist", "overview:steals",
        "overview:thief"), vocab(all));
    assertArrayEquals(new float[] {1 / 3f, 1 / 3f, 1 / 3f}, weights(all, 0), "mean pooled");
    // the title's words keep the stop words (the title vocabulary is what it was)
    assertEquals(List.of("and", "of", "the", "thief"), Features.tokens("The Thief and the Of"));
  }

  @Test
  void theGroupsBeforeDetailsAreUnchangedWhenDetailsAreOn() {
    Catalog c = detailed();
    Features old = Features.ofMovies(c, List.of("genres", "year", "title"), 1);
    Features more = Features.ofMovies(c, List.of("genres", "year", "title", "language", "runtime", "overview"), 1);
    assertEquals(vocab(old), vocab(more).subList(0, old.size()), "the older groups first, as they were");
  }

  @Test
  void missingDetailGroupsAreNamed() {
    Catalog movieLens = Catalog.builder().add("A (1995)", 1995, new String[] {"Drama"}, null, null).build();
    assertEquals(List.of("language", "runtime", "overview"),
        Features.missingIn(movieLens, List.of("genres", "language", "runtime", "overview")));
    assertEquals(List.of(), Features.missingIn(detailed(), Features.DETAIL_GROUPS));
    Catalog languageOnly = Catalog.builder().add("A", 1995, null, null, null, new Catalog.Details("en", 0, " "))
        .build();
    assertEquals(List.of("runtime", "overview"), Features.missingIn(languageOnly, Features.DETAIL_GROUPS));
    Catalog netflix = Catalog.builder().add("Dinosaur Planet", 2003, new String[0], null, null)
        .add("Character", Catalog.NO_YEAR, new String[0], null, null).build();
    assertEquals(List.of("genres"), Features.missingIn(netflix, List.of("genres", "year", "title")));
    Catalog placeholders = Catalog.builder().add("movie 7", Catalog.NO_YEAR, new String[0], null, null).build();
    assertEquals(List.of("genres", "year"), Features.missingIn(placeholders, List.of("genres", "year", "title")));
  }
}
