package org.cinerec.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Per-movie metadata, indexed by the dense item index of the dataset it belongs to. Immutable.
 *
 * <p>A movie rated in the ratings file but absent from the metadata gets a placeholder entry (title
 * {@code "movie <id>"}, {@link #hasMetadata(int)} false) so that no rating is silently lost; the
 * preparation report counts them.
 */
public final class Catalog {
  /** Year value for "unknown". */
  public static final int NO_YEAR = 0;
  /** Runtime value for "unknown". */
  public static final int NO_RUNTIME = 0;

  /**
   * Catalogue fields only some sources have (Kaggle's movies_metadata.csv: {@code original_language},
   * {@code runtime}, {@code overview}; MovieLens has none): the original language as the source writes it
   * ({@code "en"}) or null, the runtime in whole minutes or {@link #NO_RUNTIME}, the overview (plot summary)
   * or null. {@link #NONE} when the source has none of them.
   */
  public record Details(String language, int runtime, String overview) {
    /** No details: every field unknown. */
    public static final Details NONE = new Details(null, NO_RUNTIME, null);

    /** Blank texts become null (unknown), a runtime below 1 minute {@link #NO_RUNTIME}. */
    public Details {
      language = language == null || language.isBlank() ? null : language.strip().intern();
      overview = overview == null || overview.isBlank() ? null : overview.strip();
      runtime = runtime < 1 ? NO_RUNTIME : runtime;
    }

    /** True when no field is known. */
    public boolean isEmpty() {
      return language == null && runtime == NO_RUNTIME && overview == null;
    }
  }

  private final String[] titles;
  private final int[] years;
  private final String[][] genres;
  private final String[] imdbIds;
  private final String[] tmdbIds;
  private final boolean[] hasMetadata;
  private final Details[] details;
  private final boolean hasDetails;

  private Catalog(Builder b) {
    this.titles = b.titles.toArray(new String[0]);
    this.years = b.years.stream().mapToInt(Integer::intValue).toArray();
    this.genres = b.genres.toArray(new String[0][]);
    this.imdbIds = b.imdbIds.toArray(new String[0]);
    this.tmdbIds = b.tmdbIds.toArray(new String[0]);
    this.hasMetadata = new boolean[titles.length];
    for (int i = 0; i < titles.length; i++) {
      hasMetadata[i] = b.hasMetadata.get(i);
    }
    this.details = b.details.toArray(new Details[0]);
    boolean any = false;
    for (Details d : details) {
      any |= !d.isEmpty();
    }
    this.hasDetails = any;
  }

  public int size() {
    return titles.length;
  }

  public String title(int item) {
    return titles[item];
  }

  /** Release year, or {@link #NO_YEAR}. */
  public int year(int item) {
    return years[item];
  }

  /** Genres (shared array; do not modify); empty when unknown. */
  public String[] genres(int item) {
    return genres[item];
  }

  /** IMDb id as in the source ("0114709"), or null. */
  public String imdbId(int item) {
    return imdbIds[item];
  }

  /** TMDB id as in the source ("862"), or null. */
  public String tmdbId(int item) {
    return tmdbIds[item];
  }

  /** False for a placeholder entry made for a rated movie with no metadata. */
  public boolean hasMetadata(int item) {
    return hasMetadata[item];
  }

  /** The movie's {@link Details} ({@link Details#NONE} when the source has none). */
  public Details details(int item) {
    return details[item];
  }

  /** Original language as the source writes it ({@code "en"}), or null when unknown. */
  public String language(int item) {
    return details[item].language();
  }

  /** Runtime in minutes, or {@link #NO_RUNTIME}. */
  public int runtime(int item) {
    return details[item].runtime();
  }

  /** Overview (plot summary), or null when unknown. */
  public String overview(int item) {
    return details[item].overview();
  }

  /**
   * True when some movie has some {@link Details} field; false for every source without them (MovieLens),
   * whose files then hold no details at all (and stay as they were before details existed).
   */
  public boolean hasDetails() {
    return hasDetails;
  }

  /** Title with the year appended when known and not already part of it: "Toy Story (1995)". */
  public String displayTitle(int item) {
    String t = titles[item];
    int y = years[item];
    if (y == NO_YEAR || t.endsWith("(" + y + ")")) {
      return t;
    }
    return t + " (" + y + ")";
  }

  /** All distinct genres, sorted. */
  public List<String> allGenres() {
    return Arrays.stream(genres).flatMap(Arrays::stream).distinct().sorted().toList();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Appends entries in item-index order. */
  public static final class Builder {
    private final List<String> titles = new ArrayList<>();
    private final List<Integer> years = new ArrayList<>();
    private final List<String[]> genres = new ArrayList<>();
    private final List<String> imdbIds = new ArrayList<>();
    private final List<String> tmdbIds = new ArrayList<>();
    private final List<Boolean> hasMetadata = new ArrayList<>();
    private final List<Details> details = new ArrayList<>();

    /** Adds the next item's metadata. Genres may be empty; ids may be null. */
    public Builder add(String title, int year, String[] genreList, String imdbId, String tmdbId) {
      return add(title, year, genreList, imdbId, tmdbId, Details.NONE);
    }

    /** Adds the next item's metadata with its details (null for none). */
    public Builder add(String title, int year, String[] genreList, String imdbId, String tmdbId, Details more) {
      details.add(more == null ? Details.NONE : more);
      titles.add(title);
      years.add(year);
      genres.add(genreList == null ? new String[0] : internAll(genreList));
      imdbIds.add(imdbId);
      tmdbIds.add(tmdbId);
      hasMetadata.add(true);
      return this;
    }

    /** Adds a placeholder for an item known only from ratings. */
    public Builder addPlaceholder(String externalId) {
      add("movie " + externalId, NO_YEAR, null, null, null);
      hasMetadata.set(hasMetadata.size() - 1, false);
      return this;
    }

    /**
     * Adds entry {@code item} of {@code from} as it is (details included), or a placeholder for
     * {@code placeholderId} when that entry has no metadata.
     */
    public Builder addFrom(Catalog from, int item, String placeholderId) {
      if (!from.hasMetadata(item)) {
        return addPlaceholder(placeholderId);
      }
      return add(from.title(item), from.year(item), from.genres(item), from.imdbId(item), from.tmdbId(item),
          from.details(item));
    }

    public int size() {
      return titles.size();
    }

    public Catalog build() {
      return new Catalog(this);
    }

    private static String[] internAll(String[] values) {
      String[] out = new String[values.length];
      for (int i = 0; i < values.length; i++) {
        out[i] = values[i].intern();
      }
      return out;
    }
  }
}
