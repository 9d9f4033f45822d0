package org.cinerec.serve;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One row of a home screen ({@link HomeScreen}), scrolling sideways on the page.
 *
 * @param id     stable within a screen: {@code top-picks}, {@code because-<movieId>}, {@code popular},
 *               {@code genre-<Genre>}, {@code different}
 * @param kind   {@code top-picks}, {@code because}, {@code popular}, {@code genre} or {@code different}
 * @param title  the row's heading ("Because you rated Alien (1979)")
 * @param anchor the rated movie a {@code because} row is about; absent for the other kinds
 * @param genre  the genre of a {@code genre} row; absent for the other kinds
 * @param movies the movies, best first (never empty: an empty row is left out)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HomeRow(String id, String kind, String title, Anchor anchor, String genre, List<RankedMovie> movies) {
  public HomeRow {
    movies = List.copyOf(movies);
  }

  /**
   * The rated movie a "because" row is about.
   *
   * @param movieId its id
   * @param title   its title
   * @param rating  the viewer's rating of it
   */
  public record Anchor(String movieId, String title, float rating) {}
}
