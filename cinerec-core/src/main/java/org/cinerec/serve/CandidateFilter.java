package org.cinerec.serve;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.cinerec.CinerecException;
import org.cinerec.data.Catalog;
import org.cinerec.data.IdIndex;

/**
 * Applies {@link Filters} and id exclusions to a full score array by setting the scores of movies that may not
 * be listed to {@code -Infinity} (which top-K never returns). Holds each movie's genres as small integer ids,
 * built once per model. Immutable.
 */
final class CandidateFilter {
  /** No item indices. */
  static final int[] NONE = new int[0];

  private final Catalog catalog;
  private final IdIndex items;
  /** Lower-cased genre name → genre id. */
  private final Map<String, Integer> genreIds = new HashMap<>();
  /** Per item, its genre ids. */
  private final int[][] itemGenres;

  CandidateFilter(Catalog catalog, IdIndex items) {
    this.catalog = catalog;
    this.items = items;
    this.itemGenres = new int[catalog.size()][];
    for (int i = 0; i < itemGenres.length; i++) {
      String[] g = catalog.genres(i);
      int[] ids = new int[g.length];
      for (int j = 0; j < g.length; j++) {
        ids[j] = genreIds.computeIfAbsent(g[j].toLowerCase(Locale.ROOT), key -> genreIds.size());
      }
      itemGenres[i] = ids;
    }
  }

  /** Sets the scores of movies failing the filters to -Infinity. */
  void apply(Filters f, float[] scores) {
    if (f.isEmpty()) {
      return;
    }
    boolean[] any = f.genresAny().isEmpty() ? null : genreMask(f.genresAny());
    boolean[] all = f.genresAll().isEmpty() ? null : genreMask(f.genresAll());
    int allCount = 0;
    if (all != null) {
      for (boolean b : all) {
        allCount += b ? 1 : 0;
      }
    }
    boolean years = f.yearFrom() != null || f.yearTo() != null;
    int from = f.yearFrom() == null ? Integer.MIN_VALUE : f.yearFrom();
    int to = f.yearTo() == null ? Integer.MAX_VALUE : f.yearTo();
    for (int i = 0; i < scores.length; i++) {
      if (years) {
        int y = catalog.year(i);
        if (y == Catalog.NO_YEAR || y < from || y > to) {
          scores[i] = Float.NEGATIVE_INFINITY;
          continue;
        }
      }
      if (any != null || all != null) {
        boolean hasAny = false;
        int hasAll = 0;
        for (int g : itemGenres[i]) {
          hasAny |= any != null && any[g];
          hasAll += all != null && all[g] ? 1 : 0;
        }
        if ((any != null && !hasAny) || hasAll < allCount) {
          scores[i] = Float.NEGATIVE_INFINITY;
        }
      }
    }
    exclude(NONE, f.excludeMovies(), scores);
  }

  /**
   * Sets the scores of these movies (item indices, and external ids of which unknown ones are ignored, as are
   * movies past the scores: added after training and not ranked) to -Infinity and returns how many distinct
   * movies of the model they were. Counts with this thread's
   * {@link Scratch#marks} (cleared again before returning), so it allocates nothing per call.
   */
  int exclude(int[] itemIndices, Set<String> ids, float[] scores) {
    if (itemIndices.length == 0 && ids.isEmpty()) {
      return 0;
    }
    boolean[] seen = Scratch.marks(scores.length);
    int n = 0;
    try {
      for (int i : itemIndices) {
        n += seen[i] ? 0 : 1;
        seen[i] = true;
        scores[i] = Float.NEGATIVE_INFINITY;
      }
      for (String id : ids) {
        int i = items.indexOf(id.strip());
        if (i >= 0 && i < scores.length) {
          n += seen[i] ? 0 : 1;
          seen[i] = true;
          scores[i] = Float.NEGATIVE_INFINITY;
        }
      }
    } finally {
      for (int i : itemIndices) {
        seen[i] = false;
      }
      for (String id : ids) {
        int i = items.indexOf(id.strip());
        if (i >= 0 && i < scores.length) {
          seen[i] = false;
        }
      }
    }
    return n;
  }

  /** How many genres the catalogue has (the length of {@link #genreUnitVectors}' rows). */
  int genreCount() {
    return genreIds.size();
  }

  /**
   * Per movie, its genre set as a unit vector (row-major, {@link #genreCount} wide): {@code 1/sqrt(g)} in each
   * of its g genres, a zero row for a movie without genres. The cosine of two rows is how much their genres
   * overlap.
   */
  float[] genreUnitVectors() {
    int dim = genreIds.size();
    float[] out = new float[itemGenres.length * dim];
    for (int i = 0; i < itemGenres.length; i++) {
      int[] g = itemGenres[i];
      int distinct = (int) java.util.Arrays.stream(g).distinct().count();
      for (int id : g) {
        out[i * dim + id] = (float) (1 / Math.sqrt(distinct));
      }
    }
    return out;
  }

  private boolean[] genreMask(Set<String> names) {
    boolean[] mask = new boolean[genreIds.size()];
    for (String name : names) {
      Integer g = genreIds.get(name.strip().toLowerCase(Locale.ROOT));
      if (g == null) {
        throw new CinerecException("unknown genre \"" + name + "\"; the catalogue's genres: "
            + String.join(", ", catalog.allGenres()));
      }
      mask[g] = true;
    }
    return mask;
  }
}
