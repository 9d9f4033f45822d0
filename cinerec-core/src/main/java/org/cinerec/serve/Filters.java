package org.cinerec.serve;

import java.util.Set;
import org.cinerec.CinerecException;

/**
 * Which movies may be listed at all, applied before top-K (so a list is never short while enough movies
 * pass). Genre names are matched ignoring case and must be genres of the catalogue (a typo would otherwise
 * silently empty the list: it is bad input naming the genres there are). A movie without a known year fails
 * any year bound. Movie ids not in the model are ignored.
 *
 * @param genresAny     a movie must have at least one of these genres (empty: no condition)
 * @param genresAll     a movie must have all of these genres (empty: no condition)
 * @param yearFrom      earliest release year, inclusive, or null
 * @param yearTo        latest release year, inclusive, or null
 * @param excludeMovies movie ids never to list
 */
public record Filters(Set<String> genresAny, Set<String> genresAll, Integer yearFrom, Integer yearTo,
    Set<String> excludeMovies) {

  /** No condition. */
  public static final Filters NONE = new Filters(Set.of(), Set.of(), null, null, Set.of());

  public Filters {
    genresAny = genresAny == null ? Set.of() : Set.copyOf(genresAny);
    genresAll = genresAll == null ? Set.of() : Set.copyOf(genresAll);
    excludeMovies = excludeMovies == null ? Set.of() : Set.copyOf(excludeMovies);
    if (yearFrom != null && yearTo != null && yearFrom > yearTo) {
      throw new CinerecException("year range " + yearFrom + ".." + yearTo + " is empty: the earliest year is after "
          + "the latest");
    }
  }

  public Filters withGenresAny(Set<String> genres) {
    return new Filters(genres, genresAll, yearFrom, yearTo, excludeMovies);
  }

  public Filters withGenresAll(Set<String> genres) {
    return new Filters(genresAny, genres, yearFrom, yearTo, excludeMovies);
  }

  public Filters withYears(Integer from, Integer to) {
    return new Filters(genresAny, genresAll, from, to, excludeMovies);
  }

  public Filters withExcludeMovies(Set<String> ids) {
    return new Filters(genresAny, genresAll, yearFrom, yearTo, ids);
  }

  /** True when every movie passes. */
  public boolean isEmpty() {
    return genresAny.isEmpty() && genresAll.isEmpty() && yearFrom == null && yearTo == null
        && excludeMovies.isEmpty();
  }
}
