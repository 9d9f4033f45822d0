package org.cinerec.server.store;

import java.util.List;
import org.cinerec.data.Catalog;

/**
 * A movie added to the catalogue through the service (after the models were trained), as stored: its id in
 * canonical form ({@link org.cinerec.data.IdIndex#key(String)}), title, release year (0 when unknown, as
 * {@link org.cinerec.data.Catalog#NO_YEAR}), genres, when it was added (Unix milliseconds) and its details
 * (original language, runtime, overview: {@link Catalog.Details}, {@link Catalog.Details#NONE} when none is known).
 */
public record StoredMovie(String movieId, String title, int year, List<String> genres, long addedAt,
    Catalog.Details details) {
  /** What separates genres in the {@code genres} column (none may contain it). */
  public static final String GENRE_SEPARATOR = "|";

  public StoredMovie {
    genres = List.copyOf(genres);
    details = details == null ? Catalog.Details.NONE : details;
  }

  /** A movie without details. */
  public StoredMovie(String movieId, String title, int year, List<String> genres, long addedAt) {
    this(movieId, title, year, genres, addedAt, Catalog.Details.NONE);
  }

  /** The {@code genres} column: the genres joined by {@value #GENRE_SEPARATOR}, "" for none. */
  String genreColumn() {
    return String.join(GENRE_SEPARATOR, genres);
  }

  /** The genres of a {@code genres} column. */
  static List<String> genresOf(String column) {
    return column == null || column.isEmpty() ? List.of()
        : List.of(column.split(java.util.regex.Pattern.quote(GENRE_SEPARATOR), -1));
  }
}
