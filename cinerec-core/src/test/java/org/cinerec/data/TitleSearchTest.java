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
    assertTrue(search.search(" ", 10).isEmpty());
  }

  /** The titles found, as the catalogue spells them. */
  private static List<String> titles(Catalog c, List<Integer> items) {
    return items.stream().map(c::title).toList();
  }

  @Test
  void searchRanksEqualThenStartingThenContainingThenTyposAndPopularityBreaksTies() {
    Catalog c = Catalog.builder()
        .add("Matrix Revolutions, The (2003)", 2003, null, null, null)
        .add("Animatrix, The (2003)", 2003, null, null, null)
        .add("Matrix Reloaded, The (2003)", 2003, null, null, null)
        .add("Matrix, The (1999)", 1999, null, null, null)
        .add("Living in the Matrix (2001)", 2001, null, null, null)
        .add("Matrx (1990)", 1990, null, null, null)
        .build();
    TitleSearch s = new TitleSearch(c, new int[] {50, 10, 80, 300, 1, 0});
    assertEquals(List.of("Matrix, The (1999)", "Matrix Reloaded, The (2003)", "Matrix Revolutions, The (2003)",
        "Animatrix, The (2003)", "Living in the Matrix (2001)", "Matrx (1990)"), titles(c, s.search("matrix", 10)),
        "equal first, then starting with it, then containing it (more raters first in each), then one typo away");
    assertEquals(List.of("Matrx (1990)", "Matrix, The (1999)", "Matrix Reloaded, The (2003)",
        "Matrix Revolutions, The (2003)", "Living in the Matrix (2001)"), titles(c, s.search("the matrx", 10)),
        "an equal title first; then one edit, fewest words left over first, then the most rated");
    assertEquals(List.of(3), s.search("the matrix (1999)", 10));
    assertEquals(List.of(3), s.search("matrx 1999", 10), "a year as the last word picks that year's titles");
    assertEquals(List.of(2), s.search("matrix relaoded", 10), "a swap of neighbours is one edit");
    assertEquals(List.of(2), s.search("matrix relo", 10), "the last word may be the start of a title word");
    assertEquals(List.of(2), s.search("matirx relo", 10));
    assertEquals(List.of(3, 2), s.search("matrix", 2), "at most the limit");
  }

  @Test
  void eachWordMayHaveTypoesByItsLengthAndWordsRunTogetherAreUnderstood() {
    Catalog c = Catalog.builder()
        .add("Spider-Man (2002)", 2002, null, null, null)
        .add("Spider-Man 2 (2004)", 2004, null, null, null)
        .add("Up (2009)", 2009, null, null, null)
        .add("Cars (2006)", 2006, null, null, null)
        .build();
    TitleSearch s = new TitleSearch(c, new int[] {5, 9, 1, 1});
    assertEquals(List.of(0, 1), s.search("spiderman", 5), "the title without its spaces: spiderman is Spider-Man");
    assertEquals(1, s.search("spidermen 2", 5).get(0));
    assertEquals(List.of(), s.search("ip", 5), "two letters: no typo allowed");
    assertEquals(List.of(3), s.search("crs", 5), "three to five letters: one");
    assertEquals(List.of(), s.search("crz", 5));
    assertEquals(List.of(1), s.search("th spider man 2", 5), "a short word matching nothing may be left out, "
        + "not a number");
    assertEquals(List.of(), s.search("th xy", 5), "but not all of them");
    assertEquals(0, TitleSearch.allowance(2));
    assertEquals(1, TitleSearch.allowance(5));
    assertEquals(2, TitleSearch.allowance(9));
  }

  @Test
  void damerauDistanceCountsASwapAsOneEditAndStopsPastItsBound() {
    assertEquals(1, TitleSearch.distance("matirx", "matrix", 2, false));
    assertEquals(2, TitleSearch.editDistance("matirx", "matrix"), "Levenshtein counts the swap twice");
    assertEquals(1, TitleSearch.distance("redemtion", "redemption", 2, false));
    assertEquals(3, TitleSearch.distance("abcdef", "uvwxyz", 2, false), "past the bound: bound + 1");
    assertEquals(0, TitleSearch.distance("redem", "redemption", 1, true), "a start of the word");
    assertEquals(1, TitleSearch.distance("redam", "redemption", 1, true));
  }

  @Test
  void closeMatchesAreOnlyTitlesWithinTheTypoAllowance() {
    assertEquals(List.of(3), search.closeMatches("Roky 3", 5));
    assertEquals(List.of(), search.search("Rocky IX", 5), "no Rocky 9");
    assertEquals(List.of(3), search.closeMatches("Rocky IX", 5), "but a suggestion may leave the number out");
    assertEquals(List.of(), search.closeMatches("xqzv wpkj", 5), "nonsense: no suggestion at all");
    assertEquals(List.of(), search.closeMatches("toy story", 5), "equal titles are not suggestions");
  }

  @Test
  void nonsenseFindsNothing() {
    for (String q : new String[] {"xqzvw", "zzzzzzzz", "asdfghjkl", "lorem ipsum dolor", "qwerty uiop", "12345"}) {
      assertEquals(List.of(), search.search(q, 10), q);
    }
  }
}
