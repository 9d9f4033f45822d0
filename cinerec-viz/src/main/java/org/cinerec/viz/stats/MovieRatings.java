package org.cinerec.viz.stats;

import java.util.List;
import java.util.stream.Collectors;
import org.cinerec.CinerecException;
import org.cinerec.data.CsrIndex;
import org.cinerec.data.Dataset;
import org.cinerec.data.TitleSearch;

/**
 * The ratings of one movie on the data's scale, found by title the way a person types it (see
 * {@link TitleSearch}). When several movies match, the first match is taken (exact matches come before
 * partial ones); when several movies share its title, the most rated of them.
 *
 * @param item      the movie's item index
 * @param title     its display title
 * @param histogram its ratings
 */
public record MovieRatings(int item, String title, RatingHistogram histogram) {

  /** The notebook's example. */
  public static final String DEFAULT_TITLE = "Rocky III";

  /**
   * Finds the movie and counts its ratings; unknown titles fail with close matches. A null query means
   * the default: {@link #DEFAULT_TITLE} when the data has it (with ratings), else the most-rated movie.
   */
  public static MovieRatings of(Dataset data, String query) {
    Checks.nonEmpty(data, "movie ratings");
    if (query == null) {
      List<Integer> rocky = new TitleSearch(data.catalog()).find(DEFAULT_TITLE);
      if (!rocky.isEmpty() && data.ratings().byItem().count(pick(rocky, data.ratings().byItem(), data)) > 0) {
        query = DEFAULT_TITLE;
      } else {
        return of(data, mostRated(data.ratings().byItem()));
      }
    }
    TitleSearch search = new TitleSearch(data.catalog());
    List<Integer> found = search.find(query);
    CsrIndex byItem = data.ratings().byItem();
    if (found.isEmpty()) {
      List<Integer> close = search.closeMatches(query, 5);
      String suggestions = close.stream().map(i -> "\"" + data.catalog().displayTitle(i) + "\"")
          .collect(Collectors.joining(", "));
      throw CinerecException.usage("--movie \"" + query + "\": no movie has this title"
          + (close.isEmpty() ? "" : "; close matches: " + suggestions));
    }
    int best = pick(found, byItem, data);
    if (byItem.count(best) == 0) {
      throw new CinerecException("--movie \"" + query + "\": \"" + data.catalog().displayTitle(best)
          + "\" has no ratings in this dataset, so there is no distribution to draw");
    }
    RatingHistogram h = RatingHistogram.of(data.ratings().ratings(), byItem.positions(), byItem.start(best),
        byItem.end(best), RatingBins.drawn(data.scale(), data.ratings()));
    return new MovieRatings(best, data.catalog().displayTitle(best), h);
  }

  /** The ratings of one movie by item index. */
  public static MovieRatings of(Dataset data, int item) {
    CsrIndex byItem = data.ratings().byItem();
    RatingHistogram h = RatingHistogram.of(data.ratings().ratings(), byItem.positions(), byItem.start(item),
        byItem.end(item), RatingBins.drawn(data.scale(), data.ratings()));
    return new MovieRatings(item, data.catalog().displayTitle(item), h);
  }

  private static int mostRated(CsrIndex byItem) {
    int best = 0;
    for (int i = 1; i < byItem.numKeys(); i++) {
      if (byItem.count(i) > byItem.count(best)) {
        best = i;
      }
    }
    return best;
  }

  private static int pick(List<Integer> found, CsrIndex byItem, Dataset data) {
    // find() lists exact matches first; among movies sharing the first match's title take the most rated
    int first = found.get(0);
    String title = data.catalog().displayTitle(first);
    int best = first;
    for (int i : found) {
      if (data.catalog().displayTitle(i).equals(title) && byItem.count(i) > byItem.count(best)) {
        best = i;
      }
    }
    return best;
  }
}
