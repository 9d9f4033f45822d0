package org.cinerec.prep;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cinerec.data.Catalog;
import org.cinerec.data.IdIndex;

/**
 * The movie catalogue as read, before preparation: movies keyed by their external id (the id the
 * ratings use, compared by {@link IdIndex#key(String)}, so {@code "0770828"} and {@code "770828"} are one
 * movie; each movie keeps its own spelling), in file order. A movie may lack metadata (a Kaggle link whose TMDB record is missing):
 * it is still part of the catalogue, and gets a placeholder title unless metadata is required.
 */
public final class MovieTable {

  /**
   * One movie. {@code title} null when the movie has no metadata; {@code details} the fields only some
   * sources have ({@link Catalog.Details#NONE} for none).
   */
  public record Movie(String id, String title, int year, String[] genres, String imdbId, String tmdbId,
      Catalog.Details details) {
    public Movie {
      details = details == null ? Catalog.Details.NONE : details;
    }

    /** A movie without details. */
    public Movie(String id, String title, int year, String[] genres, String imdbId, String tmdbId) {
      this(id, title, year, genres, imdbId, tmdbId, Catalog.Details.NONE);
    }

    public boolean hasMetadata() {
      return title != null;
    }
  }

  private final List<Movie> movies = new ArrayList<>();
  private final Map<String, Integer> byId = new HashMap<>();

  /** Adds a movie; returns false (and adds nothing) when the id is already present. */
  public boolean add(Movie m) {
    if (byId.putIfAbsent(IdIndex.key(m.id()), movies.size()) != null) {
      return false;
    }
    movies.add(m);
    return true;
  }

  /**
   * Says how {@code id} repeats a movie already in the table (after {@link #add} refused it): "appears
   * again", or "is 0770828 again (leading zeros do not count)" for another spelling of the same number.
   */
  public String repeatOf(String id) {
    Movie first = get(id);
    return first == null || first.id().equals(id) ? "appears again"
        : "is " + first.id() + " again (leading zeros do not count)";
  }

  /** Replaces the movie with the same id (used to attach metadata to a link). */
  public void replace(Movie m) {
    Integer at = byId.get(IdIndex.key(m.id()));
    if (at == null) {
      add(m);
    } else {
      movies.set(at, m);
    }
  }

  /** The movie with this id (compared by {@link IdIndex#key(String)}), or null. */
  public Movie get(String id) {
    Integer at = byId.get(IdIndex.key(id));
    return at == null ? null : movies.get(at);
  }

  public List<Movie> movies() {
    return movies;
  }

  public int size() {
    return movies.size();
  }
}
