package org.cinerec.model.content;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.cinerec.CinerecException;
import org.cinerec.data.Catalog;
import org.cinerec.data.UserAttributes;
import org.cinerec.model.ModelReader;
import org.cinerec.store.ModelWriter;

/**
 * Categorical features of the rows of one side (movies or users), each feature value a row of an embedding
 * table: a vocabulary of values ({@code "genre:Comedy"}, {@code "year:1995"}, {@code "title:star"},
 * {@code "age:25"}), grouped ({@code genres}, {@code year}, {@code title}; for users one group per attribute),
 * and per row its values with weights. Within a group the weights are {@code 1/count} (mean pooling), so a
 * row's feature vector {@code Σ_e w_e F[f_e]} holds one average vector per group whatever the number of its
 * genres or title words. Every group has its own unknown value ({@code "genre:?"}), for a row with no value in
 * that group or with one the vocabulary does not have (a new movie's new genre), so an unknown is a learned
 * vector of its own, not a zero.
 *
 * <p>Layout (CSR, as {@link org.cinerec.data.CsrIndex}): row {@code r}'s values are {@code ids[start[r]..
 * start[r+1])} with {@code weights} at the same positions. Worked example, groups {@code genres,year}, two
 * movies "A" (Comedy|Drama, 1995) and "B" (no genres, 2001): vocabulary {@code [genre:?, genre:Comedy,
 * genre:Drama, year:?, year:1995, year:2000]} (5-year buckets), start {@code [0, 3, 5]}, ids
 * {@code [1, 2, 4, 0, 5]}, weights {@code [0.5, 0.5, 1, 1, 1]}.
 *
 * <p>Movie groups: {@code genres} (the catalogue's genres), {@code year} (release year in 5-year buckets,
 * {@code year:<1920} below, unknown year {@code year:?}), {@code title} (lower-case words of the title
 * without its year, at least two characters, kept when at least {@code minTokenMovies} catalogue movies
 * have them; so a word unique to one title does not make an embedding only that movie trains), and from the
 * catalogue fields only some sources have ({@link Catalog.Details}: Kaggle's movies_metadata.csv)
 * {@code language} (the original language as written, {@code language:en}), {@code runtime} (minutes in the
 * buckets {@code <80, 80-89, 90-99, 100-109, 110-119, 120-139, 140-159, 160+}) and {@code overview} (the
 * overview's words as the title's, less English stop words ({@link #STOP_WORDS}), with the same
 * {@code minTokenMovies} cut). A movie without the field, or with a value the vocabulary lacks, has its
 * group's unknown value. The vocabulary is made from the catalogue, which is metadata, not ratings: a
 * held-out movie's features are known without anything of the test part. Immutable.
 */
public final class Features {
  /** The movie feature groups, in the order they are built. */
  public static final List<String> MOVIE_GROUPS = List.of("genres", "year", "title", "language", "runtime",
      "overview");
  /** The movie groups from {@link Catalog.Details}, which a catalogue may lack altogether (MovieLens). */
  public static final List<String> DETAIL_GROUPS = List.of("language", "runtime", "overview");
  /** The lower bounds of the runtime buckets in minutes (the first also takes everything below it). */
  private static final int[] RUNTIME_BUCKETS = {0, 80, 90, 100, 110, 120, 140, 160};
  /**
   * Words left out of overviews: English function words (articles, pronouns, auxiliaries, conjunctions,
   * prepositions) that most overviews have and that say nothing about the movie; a fixed list so the
   * vocabulary does not depend on a library's.
   */
  static final java.util.Set<String> STOP_WORDS = java.util.Set.of(("a an the and or but nor so yet if then "
      + "than that this these those there here of in on at to for from by with without into onto upon over "
      + "under about above below after before during through between among against within across along around "
      + "as is are was were be been being am do does did doing done have has had having will would shall should "
      + "can could may might must it its it's he him his she her hers they them their theirs we us our ours you "
      + "your yours who whom whose which what when where why how all any both each every few more most other "
      + "some such no not only own same too very just also s t ll re ve d m one two up out off again once")
      .split(" "));
  static final String UNKNOWN = "?";
  private static final int YEAR_BUCKET = 5;
  private static final int FIRST_YEAR = 1920;

  private final List<String> groups;
  private final String[] vocab;
  private final Map<String, Integer> index;
  private final int[] start;
  private final int[] ids;
  private final float[] weights;
  private final int minTokenMovies;

  private Features(List<String> groups, String[] vocab, int[] start, int[] ids, int minTokenMovies) {
    this.groups = List.copyOf(groups);
    this.vocab = vocab;
    this.index = new HashMap<>();
    for (int v = 0; v < vocab.length; v++) {
      index.put(vocab[v], v);
    }
    this.start = start;
    this.ids = ids;
    this.minTokenMovies = minTokenMovies;
    this.weights = new float[ids.length];
    for (int r = 0; r + 1 < start.length; r++) {
      fillWeights(ids, start[r], start[r + 1], weights);
    }
  }

  /** Mean pooling within each group: weight 1/(values of that group in the row). */
  private void fillWeights(int[] rowIds, int from, int to, float[] out) {
    for (int e = from; e < to; e++) {
      String g = group(vocab[rowIds[e]]);
      int same = 0;
      for (int f = from; f < to; f++) {
        same += group(vocab[rowIds[f]]).equals(g) ? 1 : 0;
      }
      out[e] = 1f / same;
    }
  }

  private static String group(String value) {
    return value.substring(0, value.indexOf(':'));
  }

  /** The groups on, e.g. {@code [genres, year]}. */
  public List<String> groups() {
    return groups;
  }

  /** Number of feature values (rows of the feature embedding table). */
  public int size() {
    return vocab.length;
  }

  /** Number of rows described (movies or users). */
  public int rows() {
    return start.length - 1;
  }

  public String value(int v) {
    return vocab[v];
  }

  public int start(int row) {
    return start[row];
  }

  public int end(int row) {
    return start[row + 1];
  }

  /** The feature value at CSR position {@code e}. */
  public int id(int e) {
    return ids[e];
  }

  public float weight(int e) {
    return weights[e];
  }

  // ---------------------------------------------------------------- movies

  /**
   * The features of every catalogue movie for the given groups (a subset of {@link #MOVIE_GROUPS}, in that
   * order); {@code minTokenMovies} as in the class comment.
   */
  public static Features ofMovies(Catalog catalog, List<String> groups, int minTokenMovies) {
    for (String g : groups) {
      if (!MOVIE_GROUPS.contains(g)) {
        throw CinerecException.usage("unknown movie feature \"" + g + "\"; use any of " + MOVIE_GROUPS);
      }
    }
    List<String> ordered = MOVIE_GROUPS.stream().filter(groups::contains).toList();
    // the vocabulary: sorted values per group (deterministic whatever the catalogue order), unknown first
    Map<String, Integer> tokenMovies = new HashMap<>();
    TreeMap<String, Boolean> genres = new TreeMap<>();
    TreeMap<Integer, Boolean> years = new TreeMap<>();
    TreeMap<String, Boolean> languages = new TreeMap<>();
    TreeMap<Integer, Boolean> runtimes = new TreeMap<>();
    Map<String, Integer> overviewMovies = new HashMap<>();
    boolean overviews = ordered.contains("overview");
    for (int i = 0; i < catalog.size(); i++) {
      if (catalog.language(i) != null) {
        languages.put(catalog.language(i), true);
      }
      if (catalog.runtime(i) != Catalog.NO_RUNTIME) {
        runtimes.put(runtimeBucket(catalog.runtime(i)), true);
      }
      if (overviews && catalog.overview(i) != null) {
        for (String t : overviewTokens(catalog.overview(i))) {
          overviewMovies.merge(t, 1, Integer::sum);
        }
      }
      for (String g : catalog.genres(i)) {
        genres.put(g, true);
      }
      if (catalog.year(i) != Catalog.NO_YEAR) {
        years.put(yearBucket(catalog.year(i)), true);
      }
      for (String t : tokens(catalog.title(i))) {
        tokenMovies.merge(t, 1, Integer::sum);
      }
    }
    List<String> vocab = new ArrayList<>();
    for (String g : ordered) {
      vocab.add(prefix(g) + UNKNOWN);
      switch (g) {
        case "genres" -> genres.keySet().forEach(x -> vocab.add("genre:" + x));
        case "year" -> years.keySet().forEach(y -> vocab.add(yearValue(y)));
        case "title" -> new TreeMap<>(tokenMovies).forEach((t, n) -> {
          if (n >= minTokenMovies) {
            vocab.add("title:" + t);
          }
        });
        case "language" -> languages.keySet().forEach(x -> vocab.add("language:" + x));
        case "runtime" -> runtimes.keySet().forEach(b -> vocab.add(runtimeValue(b)));
        case "overview" -> new TreeMap<>(overviewMovies).forEach((t, n) -> {
          if (n >= minTokenMovies) {
            vocab.add("overview:" + t);
          }
        });
        default -> throw new IllegalStateException(g);
      }
    }
    Features shell = new Features(ordered, vocab.toArray(new String[0]), new int[] {0}, new int[0],
        minTokenMovies);
    int[] start = new int[catalog.size() + 1];
    IntList all = new IntList();
    for (int i = 0; i < catalog.size(); i++) {
      shell.movieIds(catalog.title(i), catalog.year(i), catalog.genres(i), catalog.details(i), all);
      start[i + 1] = all.size;
    }
    return new Features(ordered, shell.vocab, start, all.toArray(), minTokenMovies);
  }

  /**
   * The feature values and weights of a movie described by its metadata alone (one not in the catalogue the
   * vocabulary was made from, e.g. added to the service after training): values the vocabulary lacks map to
   * their group's unknown. {@code out} receives {@code ids} then {@code weights} (as floats) for the caller to
   * compose; returns the number of values.
   */
  public int describeMovie(String title, int year, String[] genres, int[] idsOut, float[] weightsOut) {
    return describeMovie(title, year, genres, Catalog.Details.NONE, idsOut, weightsOut);
  }

  /** As {@link #describeMovie(String, int, String[], int[], float[])}, with the movie's details (or none). */
  public int describeMovie(String title, int year, String[] genres, Catalog.Details details, int[] idsOut,
      float[] weightsOut) {
    IntList l = new IntList();
    movieIds(title, year, genres, details == null ? Catalog.Details.NONE : details, l);
    if (idsOut.length < l.size || weightsOut.length < l.size) {
      throw new IllegalArgumentException("output length " + idsOut.length + " < " + l.size + " values");
    }
    System.arraycopy(l.values, 0, idsOut, 0, l.size);
    fillWeights(idsOut, 0, l.size, weightsOut);
    return l.size;
  }

  /** Most values a movie can have: its genres and title words plus the year. */
  public static int maxValues(String title, String[] genres) {
    return maxValues(title, genres, Catalog.Details.NONE);
  }

  /** Most values a movie can have: its genres, title and overview words plus one per other group. */
  public static int maxValues(String title, String[] genres, Catalog.Details details) {
    String overview = details == null ? null : details.overview();
    return (genres == null ? 0 : genres.length) + tokens(title == null ? "" : title).size()
        + (overview == null ? 0 : overviewTokens(overview).size()) + MOVIE_GROUPS.size();
  }

  private void movieIds(String title, int year, String[] genreList, Catalog.Details details, IntList out) {
    for (String g : groups) {
      int before = out.size;
      switch (g) {
        case "genres" -> {
          if (genreList != null) {
            for (String x : new java.util.TreeSet<>(Arrays.asList(genreList))) {
              out.add(idOr("genre:" + x, "genre:"));
            }
          }
        }
        case "year" -> {
          if (year != Catalog.NO_YEAR) {
            out.add(idOr(yearValue(yearBucket(year)), "year:"));
          }
        }
        case "title" -> {
          for (String t : tokens(title == null ? "" : title)) {
            Integer v = index.get("title:" + t);
            if (v != null) {
              out.add(v);
            }
          }
        }
        case "language" -> {
          if (details.language() != null) {
            out.add(idOr("language:" + details.language(), "language:"));
          }
        }
        case "runtime" -> {
          if (details.runtime() != Catalog.NO_RUNTIME) {
            out.add(idOr(runtimeValue(runtimeBucket(details.runtime())), "runtime:"));
          }
        }
        case "overview" -> {
          if (details.overview() != null) {
            for (String t : overviewTokens(details.overview())) {
              Integer v = index.get("overview:" + t);
              if (v != null) {
                out.add(v);
              }
            }
          }
        }
        default -> throw new IllegalStateException("no movie feature group " + g);
      }
      if (out.size == before) {
        out.add(index.get(prefix(g) + UNKNOWN));
      }
    }
  }

  private int idOr(String value, String prefix) {
    Integer v = index.get(value);
    return v != null ? v : index.get(prefix + UNKNOWN);
  }

  private static String prefix(String group) {
    return switch (group) {
      case "genres" -> "genre:";
      default -> group + ":";
    };
  }

  static int yearBucket(int year) {
    return year < FIRST_YEAR ? FIRST_YEAR - YEAR_BUCKET : Math.floorDiv(year, YEAR_BUCKET) * YEAR_BUCKET;
  }

  private static String yearValue(int bucket) {
    return bucket < FIRST_YEAR ? "year:<" + FIRST_YEAR : "year:" + bucket;
  }

  /** The lower bound of a runtime's bucket ({@link #RUNTIME_BUCKETS}). */
  static int runtimeBucket(int minutes) {
    int b = RUNTIME_BUCKETS[0];
    for (int lower : RUNTIME_BUCKETS) {
      if (minutes >= lower) {
        b = lower;
      }
    }
    return b;
  }

  /** A runtime bucket's value: {@code runtime:<80}, {@code runtime:80-89}, ..., {@code runtime:160+}. */
  static String runtimeValue(int lower) {
    int k = Arrays.binarySearch(RUNTIME_BUCKETS, lower);
    if (k == 0) {
      return "runtime:<" + RUNTIME_BUCKETS[1];
    }
    if (k == RUNTIME_BUCKETS.length - 1) {
      return "runtime:" + lower + "+";
    }
    return "runtime:" + lower + "-" + (RUNTIME_BUCKETS[k + 1] - 1);
  }

  /**
   * Which of {@code groups} the catalogue has no value of for any movie: the {@link #DETAIL_GROUPS} a source
   * without those fields (MovieLens) lacks altogether, genres where no movie has one (the Netflix Prize, a lone
   * ratings file), years where no movie has one. Titles are never listed (a catalogue without them still has
   * placeholder titles).
   */
  public static List<String> missingIn(Catalog catalog, List<String> groups) {
    List<String> out = new ArrayList<>();
    for (String g : groups) {
      if (!DETAIL_GROUPS.contains(g) && !g.equals("genres") && !g.equals("year")) {
        continue;
      }
      boolean any = false;
      for (int i = 0; !any && i < catalog.size(); i++) {
        any = switch (g) {
          case "genres" -> catalog.genres(i).length > 0;
          case "year" -> catalog.year(i) != Catalog.NO_YEAR;
          case "language" -> catalog.language(i) != null;
          case "runtime" -> catalog.runtime(i) != Catalog.NO_RUNTIME;
          default -> catalog.overview(i) != null;
        };
      }
      if (!any) {
        out.add(g);
      }
    }
    return out;
  }

  /**
   * The distinct lower-case words of a title, its trailing "(1995)" and a trailing ", The"-style article
   * removed: letters and digits, at least two characters, sorted.
   */
  static List<String> tokens(String title) {
    String t = title.strip().replaceAll("\\s*\\([^()]*\\)\\s*$", "");
    return words(t, java.util.Set.of());
  }

  /** The distinct lower-case words of an overview as {@link #tokens}, less the {@link #STOP_WORDS}, sorted. */
  static List<String> overviewTokens(String overview) {
    return words(overview, STOP_WORDS);
  }

  /** The distinct lower-case words (letters and digits, two characters or more) not in {@code stop}, sorted. */
  private static List<String> words(String text, java.util.Set<String> stop) {
    java.util.TreeSet<String> words = new java.util.TreeSet<>();
    for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (w.length() >= 2 && !stop.contains(w)) {
        words.add(w);
      }
    }
    return new ArrayList<>(words);
  }

  // ---------------------------------------------------------------- users

  /**
   * The features of every user from her attributes {@code names} ({@link UserAttributes}): one group per
   * attribute, its
   * values as they are (an age is already a bucket in MovieLens 1M; other ages are bucketed by decade), the
   * missing ones the group's unknown. Empty attributes give no groups (and {@link #isEmpty()}).
   */
  public static Features ofUsers(UserAttributes attrs, List<String> names) {
    int[] col = new int[names.size()];
    for (int a = 0; a < col.length; a++) {
      col[a] = attrs.names().indexOf(names.get(a));
      if (col[a] < 0) {
        throw new IllegalArgumentException("no user attribute " + names.get(a) + " in " + attrs.names());
      }
    }
    List<String> vocab = new ArrayList<>();
    Map<String, Integer> idx = new LinkedHashMap<>();
    for (int a = 0; a < names.size(); a++) {
      TreeMap<String, Boolean> values = new TreeMap<>();
      for (int u = 0; u < attrs.numUsers(); u++) {
        String v = userValue(names.get(a), attrs.value(u, col[a]));
        if (v != null) {
          values.put(v, true);
        }
      }
      String name = names.get(a);
      vocab.add(name + ":" + UNKNOWN);
      values.keySet().forEach(v -> vocab.add(name + ":" + v));
    }
    for (int v = 0; v < vocab.size(); v++) {
      idx.put(vocab.get(v), v);
    }
    int[] start = new int[attrs.numUsers() + 1];
    IntList all = new IntList();
    for (int u = 0; u < attrs.numUsers(); u++) {
      for (int a = 0; a < names.size(); a++) {
        String v = userValue(names.get(a), attrs.value(u, col[a]));
        all.add(idx.get(names.get(a) + ":" + (v == null ? UNKNOWN : v)));
      }
      start[u + 1] = all.size;
    }
    return new Features(names, vocab.toArray(new String[0]), start, all.toArray(), 0);
  }

  /** An attribute's value as a feature: ages above 100 or numeric ages bucketed by decade; blanks unknown. */
  static String userValue(String attribute, String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    String v = raw.strip();
    if (attribute.equalsIgnoreCase("age") && v.chars().allMatch(Character::isDigit) && v.length() <= 3) {
      int age = Integer.parseInt(v);
      return Integer.toString(age / 10 * 10);
    }
    return v;
  }

  /**
   * The id of a user attribute's value, given as a person writes it, in this (user) vocabulary: the value as
   * {@link #ofUsers} codes it (an age in years is its decade), matched exactly or, failing that, ignoring case
   * when one value matches so; -1 when the vocabulary has no such value, and for a blank value (not told).
   */
  public int userValueId(String attribute, String raw) {
    String v = userValue(attribute, raw);
    if (v == null) {
      return -1;
    }
    Integer exact = index.get(attribute + ":" + v);
    if (exact != null) {
      return exact;
    }
    int found = -1;
    for (int i = 0; i < vocab.length; i++) {
      if (vocab[i].equalsIgnoreCase(attribute + ":" + v) && !vocab[i].endsWith(":" + UNKNOWN)) {
        if (found >= 0) {
          return -1;
        }
        found = i;
      }
    }
    return found;
  }

  /** The known values of one group (its unknown left out), in vocabulary order: e.g. {@code [F, M]}. */
  public List<String> valuesOf(String group) {
    List<String> out = new ArrayList<>();
    String prefix = group + ":";
    for (String v : vocab) {
      if (v.startsWith(prefix) && !v.equals(prefix + UNKNOWN)) {
        out.add(v.substring(prefix.length()));
      }
    }
    return out;
  }

  /** The group of value {@code v}, e.g. {@code age} for {@code age:20}. */
  public String groupOf(int v) {
    return group(vocab[v]);
  }

  public boolean isEmpty() {
    return groups.isEmpty();
  }

  // ---------------------------------------------------------------- file

  /** Writes the groups, vocabulary and CSR lists under {@code prefix} (weights are derived on reading). */
  public void write(ModelWriter out, String prefix) throws IOException {
    Map<String, Object> cfg = new LinkedHashMap<>();
    cfg.put("groups", groups);
    cfg.put("minTokenMovies", minTokenMovies);
    out.putJson(prefix + ".config", cfg);
    out.putStrings(prefix + ".vocab", vocab);
    out.putInts(prefix + ".start", start);
    out.putInts(prefix + ".ids", ids);
  }

  /** Reads what {@link #write} wrote; throws a {@link CinerecException} naming the file when it is damaged. */
  public static Features read(ModelReader in, String prefix, int rows) throws IOException {
    @SuppressWarnings("unchecked")
    Map<String, Object> cfg = in.json(prefix + ".config", Map.class);
    @SuppressWarnings("unchecked")
    List<String> groups = (List<String>) cfg.get("groups");
    int minToken = ((Number) cfg.get("minTokenMovies")).intValue();
    String[] vocab = in.strings(prefix + ".vocab");
    int[] start = in.ints(prefix + ".start");
    int[] ids = in.ints(prefix + ".ids");
    boolean ok = groups != null && start.length == rows + 1 && start[0] == 0 && start[rows] == ids.length;
    for (int r = 0; ok && r < rows; r++) {
      ok = start[r] <= start[r + 1];
    }
    for (int e = 0; ok && e < ids.length; e++) {
      ok = ids[e] >= 0 && ids[e] < vocab.length;
    }
    for (int v = 0; ok && v < vocab.length; v++) {
      ok = vocab[v].indexOf(':') > 0;
    }
    if (!ok) {
      throw new CinerecException(in.file() + ": the " + prefix + " features do not match the model's "
          + rows + " rows (damaged file?)");
    }
    return new Features(groups, vocab, start, ids, minToken);
  }

  /** A growable int list (no boxing). */
  private static final class IntList {
    int[] values = new int[64];
    int size;

    void add(int v) {
      if (size == values.length) {
        values = Arrays.copyOf(values, 2 * size);
      }
      values[size++] = v;
    }

    int[] toArray() {
      return Arrays.copyOf(values, size);
    }
  }
}
