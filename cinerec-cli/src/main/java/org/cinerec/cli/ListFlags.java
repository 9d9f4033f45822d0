package org.cinerec.cli;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.cinerec.CinerecException;
import org.cinerec.serve.Filters;
import org.cinerec.serve.RecommendRequest;
import org.cinerec.serve.ServingModel;
import picocli.CommandLine.Option;

/**
 * The list options shared by recommend and similar: how many, from where, and which movies may appear
 * ({@link Filters}, applied before top-K by the serving path).
 */
final class ListFlags {

  @Option(names = {"-k", "--top", "--k"}, paramLabel = "K", defaultValue = "10",
      description = "How many (--k as in compare and the HTTP API's k), 1.." + RecommendRequest.MAX_K
          + ". Default: ${DEFAULT-VALUE}.")
  int k;

  @Option(names = "--offset", paramLabel = "N", defaultValue = "0",
      description = "Skip the N best first (the next page). Default: 0.")
  int offset;

  @Option(names = "--genre", paramLabel = "GENRE", split = ",",
      description = "Only movies of this genre (repeatable or comma-separated: any of them; with --all-genres: "
          + "all of them). Case is ignored.")
  List<String> genres = new ArrayList<>();

  @Option(names = "--all-genres", description = "A movie must have every --genre, not just one.")
  boolean allGenres;

  @Option(names = "--year-from", paramLabel = "YEAR", description = "Only movies released in YEAR or later.")
  Integer yearFrom;

  @Option(names = "--year-to", paramLabel = "YEAR", description = "Only movies released in YEAR or earlier.")
  Integer yearTo;

  @Option(names = "--exclude", paramLabel = "MOVIE", split = ",",
      description = "Never list this movie (id or title; repeatable or comma-separated).")
  List<String> exclude = new ArrayList<>();

  /** Usage errors naming the flag for values the serving path would refuse. */
  void check() {
    if (k < 1 || k > RecommendRequest.MAX_K) {
      throw CinerecException.usage("-k must be between 1 and " + RecommendRequest.MAX_K + ", got " + k);
    }
    if (offset < 0) {
      throw CinerecException.usage("--offset must be 0 or more, got " + offset);
    }
    if (allGenres && genres.isEmpty()) {
      throw CinerecException.usage("--all-genres needs at least one --genre");
    }
    if (yearFrom != null && yearTo != null && yearFrom > yearTo) {
      throw CinerecException.usage("--year-from " + yearFrom + " is after --year-to " + yearTo);
    }
  }

  /** The filters, with --exclude's titles resolved to ids. */
  Filters filters(ServingModel serving) {
    Set<String> ids = new LinkedHashSet<>();
    for (String m : exclude) {
      if (!m.isBlank()) {
        ids.add(serving.model().items().id(serving.movie(m).item()));
      }
    }
    Set<String> g = new LinkedHashSet<>(genres);
    return new Filters(allGenres ? Set.of() : g, allGenres ? g : Set.of(), yearFrom, yearTo, ids);
  }

  /** "filters: genre Comedy or Drama, 1990..1999, 2 movies excluded", or null when there are none. */
  String describe() {
    List<String> parts = new ArrayList<>();
    if (!genres.isEmpty()) {
      parts.add((genres.size() == 1 ? "genre " : "genres ") + String.join(allGenres ? " and " : " or ", genres));
    }
    if (yearFrom != null || yearTo != null) {
      parts.add("released " + (yearFrom == null ? "up to " + yearTo : yearTo == null ? yearFrom + " or later"
          : yearFrom + ".." + yearTo));
    }
    if (!exclude.isEmpty()) {
      parts.add(exclude.size() + (exclude.size() == 1 ? " movie" : " movies") + " excluded");
    }
    return parts.isEmpty() ? null : "filters: " + String.join(", ", parts);
  }
}
