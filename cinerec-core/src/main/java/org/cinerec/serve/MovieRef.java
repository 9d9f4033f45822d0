package org.cinerec.serve;

import java.util.List;

/**
 * A movie as results name it.
 *
 * @param movieId the external id, spelled as the catalogue has it
 * @param title   the title as in the data (MovieLens titles carry the year: "Toy Story (1995)")
 * @param year    release year, or null when unknown
 * @param genres  genres, possibly empty
 */
public record MovieRef(String movieId, String title, Integer year, List<String> genres) {
  public MovieRef {
    genres = List.copyOf(genres);
  }
}
