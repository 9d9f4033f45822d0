package org.cinerec.serve;

import java.util.List;
import java.util.Set;
import org.cinerec.CinerecException;

/**
 * A request for a viewer's home screen ({@link HomeScreen}).
 *
 * @param viewer      the viewer: their scorer (trained, folded in, or the non-personal fallback) and the history
 *                    it stands for (what they rated, in the model's item indices, with the ratings)
 * @param recentFirst the viewer's ratings, most recent first: the order of the "because you rated" rows
 *                    (movie ids the model does not know are skipped)
 * @param rated       further movie ids the viewer rated beyond {@code viewer}'s history (left out of every row)
 * @param dismissed   movie ids the viewer said "not interested" to (left out of every row)
 * @param k           movies per row, 1..{@value #MAX_K}
 */
public record HomeRequest(Subject.Scored viewer, List<MovieRating> recentFirst, Set<String> rated,
    Set<String> dismissed, int k) {
  /** The most movies a row may ask for. */
  public static final int MAX_K = 100;
  /** Movies per row unless asked otherwise. */
  public static final int DEFAULT_K = 20;

  public HomeRequest {
    if (viewer == null) {
      throw new IllegalArgumentException("viewer is null");
    }
    if (k < 1 || k > MAX_K) {
      throw new CinerecException("k must be between 1 and " + MAX_K + " movies per row, got " + k);
    }
    recentFirst = recentFirst == null ? List.of() : List.copyOf(recentFirst);
    rated = rated == null ? Set.of() : Set.copyOf(rated);
    dismissed = dismissed == null ? Set.of() : Set.copyOf(dismissed);
  }
}
