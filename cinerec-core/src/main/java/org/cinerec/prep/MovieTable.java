package org.cinerec.prep;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The movie catalogue as read, before preparation: movies keyed by their external id (the id the
 * ratings use), in file order. A movie may lack metadata (a Kaggle link whose TMDB record is missing):
 * it is still part of the catalogue, and gets a placeholder title unless metadata is required.
 */
public final class MovieTable {

  /** One movie. {@code title} null when the movie has no metadata. */
  public record Movie(String id, String title, int year, String[] genres, String imdbId, String tmdbId) {
    public boolean hasMetadata() {
      return title != null;
    }
  }

  private final List<Movie> movies = new ArrayList<>();
  private final Map<String, Integer> byId = new HashMap<>();

  /** Adds a movie; returns false (and adds nothing) when the id is already present. */
  public boolean add(Movie m) {
    if (byId.putIfAbsent(m.id(), movies.size()) != null) {
      return false;
    }
    movies.add(m);
    return true;
  }

  /** Replaces the movie with the same id (used to attach metadata to a link). */
  public void replace(Movie m) {
    Integer at = byId.get(m.id());
    if (at == null) {
      add(m);
    } else {
      movies.set(at, m);
    }
  }

  public Movie get(String id) {
    Integer at = byId.get(id);
    return at == null ? null : movies.get(at);
  }

  public List<Movie> movies() {
    return movies;
  }

  public int size() {
    return movies.size();
  }
}
