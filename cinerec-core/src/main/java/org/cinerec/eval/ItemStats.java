package org.cinerec.eval;

import java.io.Serializable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.cinerec.data.Catalog;
import org.cinerec.data.Ratings;

/**
 * What the beyond-accuracy metrics need to know of each model movie ({@link UserRanking}): its genres
 * (as sorted small integers, for intra-list diversity) and how many distinct training users rated it
 * (for novelty), with the number of training users.
 *
 * <p>Genres come from the catalogue; placeholders such as {@code "(no genres listed)"} (any genre text
 * starting with "(") and blank ones are not genres, so such a movie has none.
 *
 * @param genres per model movie, its distinct genre numbers in ascending order (empty: no genres)
 * @param raters per model movie, the number of distinct training users who rated it
 * @param users  the number of distinct users with at least one training rating
 */
public record ItemStats(int[][] genres, int[] raters, long users) implements Serializable {

  /**
   * From the training ratings and catalogue in the data's index space, mapped to model indices by
   * {@code itemMap} (data item → model item or -1) over {@code numModelItems} model movies.
   */
  public static ItemStats of(Ratings train, Catalog catalog, int[] itemMap, int numModelItems) {
    int[][] genres = new int[numModelItems][];
    Arrays.fill(genres, new int[0]);
    Map<String, Integer> ids = new HashMap<>();
    if (catalog != null && catalog.size() == itemMap.length) {
      for (String g : catalog.allGenres()) { // sorted: the numbers do not depend on the catalogue's order
        if (isGenre(g)) {
          ids.put(g, ids.size());
        }
      }
      for (int i = 0; i < itemMap.length; i++) {
        int mi = itemMap[i];
        if (mi >= 0) {
          genres[mi] = Arrays.stream(catalog.genres(i)).filter(ItemStats::isGenre).mapToInt(ids::get).distinct()
              .sorted().toArray();
        }
      }
    }
    int[] raters = new int[numModelItems];
    long users = 0;
    var byUser = train.byUser();
    int[] pos = byUser.positions();
    int[] mark = new int[numModelItems];
    for (int u = 0; u < byUser.numKeys(); u++) {
      if (byUser.count(u) == 0) {
        continue;
      }
      users++;
      for (int q = byUser.start(u); q < byUser.end(u); q++) {
        int mi = itemMap[train.item(pos[q])];
        if (mi >= 0 && mark[mi] != u + 1) {
          mark[mi] = u + 1;
          raters[mi]++;
        }
      }
    }
    return new ItemStats(genres, raters, users);
  }

  static boolean isGenre(String g) {
    return !g.isBlank() && !g.startsWith("(");
  }
}
