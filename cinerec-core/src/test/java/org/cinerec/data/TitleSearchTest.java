package org.cinerec.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TitleSearchTest {
  private final Catalog catalog = Catalog.builder()
      .add("Toy Story (1995)", 1995, new String[] {"Animation"}, null, null)
      .add("Toy Story 2 (1999)", 1999, null, null, null)
      .add("American President, The (1995)", 1995, null, null, null)
      .add("Rocky III (1982)", 1982, null, null, null)
      .add("Emma (1996)", 1996, null, null, null)
      .add("Emma (2009)", 2009, null, null, null)
      .add("Amélie (Fabuleux destin d'Amélie Poulain, Le) (2001)", 2001, null, null, null)
      .addPlaceholder("999")
      .build();
  private final TitleSearch search = new TitleSearch(catalog);

  @Test
  void exactMatchesComeBeforeTitlesThatOnlyContainTheQuery() {
    assertEquals(List.of(0, 1), search.find("toy story"));
  }

  @Test
  void aYearInTheQueryPicksThatRelease() {
    assertEquals(List.of(5), search.find("Emma (2009)"));
    assertEquals(List.of(4, 5), search.find("emma"));
  }

  @Test
  void movieLensTrailingArticlesAndAccentsAreUnderstood() {
    assertEquals(List.of(2), search.find("The American President"));
    assertEquals(List.of(6), search.find("amelie"));
  }

  @Test
  void aTitleEqualButForItsArticleIsAnExactMatch() {
    assertEquals(new TitleSearch.Matches(List.of(2), List.of()), search.matches("american president"));
    assertEquals(new TitleSearch.Matches(List.of(2), List.of()), search.matches("The American President (1995)"));
    assertEquals(new TitleSearch.Matches(List.of(0), List.of(1)), search.matches("Toy Story"));
    assertEquals(new TitleSearch.Matches(List.of(), List.of(2)), search.matches("president"));
  }

  @Test
  void romanNumeralsAndDigitsMatchEachOther() {
    assertEquals(List.of(3), search.find("Rocky 3"));
    assertEquals(List.of(3), search.find("rocky iii"));
  }

  @Test
  void aMisspelledTitleGetsCloseMatchesInsteadOfNothing() {
    assertTrue(search.find("Roky 3").isEmpty());
    assertEquals(3, search.closeMatches("Roky 3", 2).get(0));
    assertEquals(0, search.closeMatches("Toy Stroy", 1).get(0));
  }

  @Test
  void anEmptyQueryFindsNothing() {
    assertTrue(search.find("  ").isEmpty());
  }
}
