package org.cinerec.data;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Finds movies by title the way a person types them: case and accents ignored, the year optional,
 * MovieLens's "Matrix, The" style understood, typos forgiven. {@link #find} and {@link #matches} return the
 * titles equal to the query and those containing it (to resolve one title); {@link #search} ranks titles for a
 * search box, typos included; {@link #closeMatches} suggests titles for a query that matched nothing.
 *
 * <p>Typos are forgiven word by word: each word of the query must be within a few edits of some word of the
 * title (Damerau–Levenshtein, a swap of neighbours counting one), the allowance growing with the word's length
 * ({@link #allowance}: none up to 2 letters, one up to 5, two from 6), the last word also matching the start
 * of a title word (typing in progress). "shawshank redemtion" is one edit from "Shawshank Redemption, The";
 * "the matrx" drops its article like the title does and is one edit from "matrix". A query that runs words
 * together ("spiderman") is also compared with the title's letters without spaces; a short word that matches
 * nothing ("th blue hor", "lord fo the rings") may be left out at a cost. A title's words are held
 * once in a vocabulary, so a query's words are compared with each distinct word once, not once per title.
 *
 * <p>Worked example, catalogue {0: "Matrix, The (1999)", 1: "Matrix Reloaded, The (2003)", 2: "Animatrix, The
 * (2003)"}: keys "the matrix", "the matrix reloaded", "the animatrix"; title words (article dropped) {0: [matrix],
 * 1: [matrix, reloaded], 2: [animatrix]}; the query "the matrx" has the word [matrx], one edit from "matrix"
 * (allowed: 5 letters, one edit) and four from "animatrix" (not), so it finds 0 then 1 (same edits, one title
 * word left over).
 */
public final class TitleSearch {
  /** A distance beyond any allowance. */
  private static final int FAR = 100;

  private final Catalog catalog;
  private final String[] keys;
  /** The keys without a leading article ("the matrix" → "matrix"), for {@link #matches}. */
  private final String[] bareKeys;
  /** The bare keys without spaces ("spider man" → "spiderman"), for words run together. */
  private final String[] compactKeys;
  /** Each title's words (of its bare key) as indices into {@link #vocabulary}. */
  private final int[][] words;
  /** Every distinct title word once. */
  private final String[] vocabulary;
  /** Per item a popularity (e.g. its number of raters) that breaks ties; zeros when none was given. */
  private final int[] popularity;

  public TitleSearch(Catalog catalog) {
    this(catalog, null);
  }

  /**
   * @param popularity per item (by index), e.g. its number of raters: among titles that match the query equally
   *                   well the more popular come first; null (or of another length than the catalogue) for none
   */
  public TitleSearch(Catalog catalog, int[] popularity) {
    this.catalog = catalog;
    int n = catalog.size();
    this.keys = new String[n];
    this.bareKeys = new String[n];
    this.compactKeys = new String[n];
    this.words = new int[n][];
    this.popularity = popularity != null && popularity.length == n ? popularity.clone() : new int[n];
    java.util.Map<String, Integer> vocab = new java.util.HashMap<>();
    for (int i = 0; i < n; i++) {
      keys[i] = normalize(catalog.title(i));
      bareKeys[i] = withoutArticle(keys[i]);
      compactKeys[i] = bareKeys[i].replace(" ", "");
      String[] w = bareKeys[i].isEmpty() ? new String[0] : bareKeys[i].split(" ");
      words[i] = new int[w.length];
      for (int j = 0; j < w.length; j++) {
        Integer id = vocab.putIfAbsent(w[j], vocab.size());
        words[i][j] = id == null ? vocab.size() - 1 : id;
      }
    }
    this.vocabulary = new String[vocab.size()];
    vocab.forEach((w, id) -> vocabulary[id] = w);
  }

  /**
   * Items whose title matches the query: first those equal to it (ignoring case, accents, a trailing
   * year and a trailing ", The"), then those containing it; each group ordered by item index.
   */
  public List<Integer> find(String query) {
    Matches m = matches(query);
    List<Integer> all = new ArrayList<>(m.exact());
    all.addAll(m.partial());
    return all;
  }

  /**
   * What {@link #find} returns, in its two groups: titles equal to the query and titles only containing it.
   *
   * @param exact   items whose normalised title equals the query's, by item index
   * @param partial items whose normalised title contains it without being equal, by item index
   */
  public record Matches(List<Integer> exact, List<Integer> partial) {}

  /**
   * The matches of {@link #find}, exact and partial apart (so a caller can tell an ambiguous query). A title
   * equal to the query but for a leading article counts as exact: "matrix" is "Matrix, The (1999)".
   */
  public Matches matches(String query) {
    String q = normalize(query);
    String bare = withoutArticle(q);
    int yearQuery = yearOf(query);
    List<Integer> exact = new ArrayList<>();
    List<Integer> partial = new ArrayList<>();
    if (q.isEmpty()) {
      return new Matches(exact, partial);
    }
    for (int i = 0; i < keys.length; i++) {
      if (!ofYear(i, yearQuery)) {
        continue;
      }
      if (keys[i].equals(q) || bareKeys[i].equals(bare)) {
        exact.add(i);
      } else if (keys[i].contains(q)) {
        partial.add(i);
      }
    }
    return new Matches(exact, partial);
  }

  /** How well a title matched, best first: {@link #search}'s tiers. */
  private static final int EXACT = 0;
  private static final int PREFIX = 1;
  private static final int CONTAINS = 2;
  private static final int FUZZY = 3;

  /**
   * Up to {@code limit} titles for a search box, best first: titles equal to the query (as {@link #matches}),
   * then titles starting with it, then titles containing it, then titles matching it with typos (every query
   * word within its {@link #allowance} of a title word). Typo matches rank by edits made, then by title words
   * left over; within that, and within the other groups, the more popular title comes first, then the lower
   * index. A year in parentheses, or a 4-digit year as the last word that no title word matches, keeps
   * titles of that year. Nonsense finds nothing.
   */
  public List<Integer> search(String query, int limit) {
    return ranked(query, limit, EXACT, false);
  }

  /**
   * Up to n titles matching the query only with typos (the last group of {@link #search}), best first: the
   * suggestions for a query that found nothing. Looser than {@link #search} in one way: a short number may be
   * left out too ("Rocky IX" suggests the Rocky films). Empty when nothing is close.
   */
  public List<Integer> closeMatches(String query, int n) {
    return ranked(query, n, FUZZY, true);
  }

  private List<Integer> ranked(String query, int limit, int fromTier, boolean loose) {
    String q = normalize(query);
    if (q.isEmpty() || limit <= 0) {
      return List.of();
    }
    String bare = withoutArticle(q);
    String[] qWords = bare.split(" ");
    int year = yearOf(query);
    // "matrix 1999": a last word that is a year may be the year rather than a title word
    int looseYear = year == NO_YEAR && qWords.length > 1 ? plainYear(qWords[qWords.length - 1]) : NO_YEAR;
    int[][] dist = new int[qWords.length][];
    for (int w = 0; w < qWords.length; w++) {
      dist[w] = distances(qWords[w], w == qWords.length - 1);
    }
    int[][] distNoYear = looseYear == NO_YEAR ? null : java.util.Arrays.copyOf(dist, dist.length - 1);
    if (distNoYear != null) {
      distNoYear[distNoYear.length - 1] = distances(qWords[qWords.length - 2], true);
    }
    int[] qLengths = new int[qWords.length];
    for (int w = 0; w < qWords.length; w++) { // a word with a digit is left out only when loose: length negated
      boolean number = !loose && qWords[w].chars().anyMatch(Character::isDigit);
      qLengths[w] = number ? -qWords[w].length() : qWords[w].length();
    }
    String compact = bare.replace(" ", "");
    int compactAllow = compact.length() >= 4 ? allowance(compact.length()) : -1;
    long[] hits = new long[64];
    int count = 0;
    for (int i = 0; i < keys.length; i++) {
      if (!ofYear(i, year)) {
        continue;
      }
      int tier;
      int cost = 0;
      int extra = 0;
      if (keys[i].equals(q) || bareKeys[i].equals(bare)) {
        tier = EXACT;
      } else if (keys[i].startsWith(q) || bareKeys[i].startsWith(bare)) {
        tier = PREFIX;
      } else if (keys[i].contains(q)) {
        tier = CONTAINS;
      } else {
        tier = FUZZY;
        cost = wordCost(words[i], dist, qLengths);
        int used = qWords.length;
        if (cost >= FAR && distNoYear != null && catalog.year(i) == looseYear) {
          cost = wordCost(words[i], distNoYear, qLengths);
          used--;
        }
        if (cost >= FAR && compactAllow >= 0 && words[i].length != qWords.length // words split or joined
            && Math.abs(compactKeys[i].length() - compact.length()) <= compactAllow) {
          int d = distance(compact, compactKeys[i], compactAllow, false);
          cost = d <= compactAllow ? d + 1 : FAR; // a split or joined word is one more edit
          used = words[i].length;
        }
        if (cost >= FAR) {
          continue;
        }
        extra = Math.max(0, words[i].length - used);
      }
      if (tier < fromTier) {
        continue;
      }
      if (count == hits.length) {
        hits = java.util.Arrays.copyOf(hits, count * 2);
      }
      hits[count++] = pack(tier, cost, extra, popularity[i], i);
    }
    java.util.Arrays.sort(hits, 0, count);
    List<Integer> out = new ArrayList<>(Math.min(limit, count));
    for (int j = 0; j < Math.min(limit, count); j++) {
      out.add((int) hits[j]);
    }
    return out;
  }

  /**
   * A hit as one long that sorts best first: tier (2 bits), edits (5), title words left over (5), popularity
   * inverted (19 bits, clamped at 524,287), then the item index (low 32 bits); the sign bit stays clear.
   */
  private static long pack(int tier, int cost, int extra, int popular, int item) {
    int most = (1 << 19) - 1;
    long p = most - Math.min(Math.max(popular, 0), most);
    long high = ((long) tier << 29) | ((long) Math.min(cost, 31) << 24) | ((long) Math.min(extra, 31) << 19) | p;
    return (high << 32) | item;
  }

  /**
   * The edits a title's words need to match every query word (each query word takes its closest title word),
   * or {@link #FAR} when some query word is beyond its allowance of every title word. A short query word of
   * letters (up to {@link #SHORT}: "th", "fo", "teh"; not a number: "2" in "rocky 2" counts) that matches
   * nothing may be left out for {@link #LEFT_OUT} edits, as long as a longer query word matched.
   */
  private static int wordCost(int[] titleWords, int[][] dist, int[] qLengths) {
    int total = 0;
    boolean longMatched = false;
    boolean leftOut = false;
    for (int w = 0; w < dist.length; w++) {
      int[] d = dist[w];
      int best = FAR;
      for (int t : titleWords) {
        best = Math.min(best, d[t]);
      }
      if (best < FAR) {
        total += best;
        longMatched |= Math.abs(qLengths[w]) > SHORT;
      } else if (qLengths[w] <= SHORT && qLengths[w] > 0) {
        total += LEFT_OUT;
        leftOut = true;
      } else {
        return FAR;
      }
    }
    return longMatched || !leftOut ? total : FAR;
  }

  /** Query words this short may be left out when they match nothing. */
  private static final int SHORT = 3;
  /** What leaving a short query word out costs, in edits. */
  private static final int LEFT_OUT = 2;

  /**
   * The distance from a query word to every vocabulary word: edits when within the word's {@link #allowance},
   * else {@link #FAR}; for the last word also to the start of a vocabulary word (one edit fewer allowed).
   */
  private int[] distances(String word, boolean last) {
    int allow = allowance(word.length());
    int prefixAllow = last ? allow - 1 : -1;
    int[] out = new int[vocabulary.length];
    for (int v = 0; v < vocabulary.length; v++) {
      String t = vocabulary[v];
      int d = FAR;
      if (Math.abs(t.length() - word.length()) <= allow) {
        d = distance(word, t, allow, false);
      }
      if (prefixAllow == 0 && d > 0 && t.startsWith(word)) {
        d = 0;
      } else if (prefixAllow > 0 && d > 0 && t.length() > word.length() - prefixAllow) {
        int p = distance(word, t, prefixAllow, true);
        d = p <= prefixAllow ? Math.min(d, p) : d;
      }
      out[v] = d <= allow ? d : FAR;
    }
    return out;
  }

  /**
   * The edits a word of this many letters may have and still match: none up to 2 letters ("of", "2"), one up
   * to 5 ("matrx"), two from 6 ("redemtion").
   */
  static int allowance(int length) {
    return length <= 2 ? 0 : length <= 5 ? 1 : 2;
  }

  /** True when the query names no year or item i is of that year. */
  private boolean ofYear(int i, int year) {
    return year == NO_YEAR || catalog.year(i) == year || catalog.title(i).contains("(" + year + ")");
  }

  private static final int NO_YEAR = Catalog.NO_YEAR;

  /** A year 1870..2099 written as 4 digits, else {@link #NO_YEAR}. */
  private static int plainYear(String word) {
    if (word.length() != 4 || !word.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return NO_YEAR;
    }
    int y = Integer.parseInt(word);
    return y >= 1870 && y <= 2099 ? y : NO_YEAR;
  }

  /** Lower case, accents removed, punctuation folded to spaces, year and leading/trailing article moved. */
  static String normalize(String title) {
    String t = MARKS.matcher(Normalizer.normalize(title, Normalizer.Form.NFD)).replaceAll("");
    t = t.toLowerCase(Locale.ROOT).trim();
    t = TRAILING_YEAR.matcher(t).replaceAll("").trim();
    t = PUNCTUATION.matcher(t).replaceAll(" ").trim();
    t = romanToDigits(t);
    for (String article : ARTICLES) {
      if (t.endsWith(" " + article)) {
        t = article + " " + t.substring(0, t.length() - article.length() - 1).trim();
        break;
      }
    }
    return t;
  }

  private static final java.util.regex.Pattern MARKS = java.util.regex.Pattern.compile("\\p{M}");
  private static final java.util.regex.Pattern TRAILING_YEAR =
      java.util.regex.Pattern.compile("\\(\\s*\\d{4}\\s*(?:[-–]\\s*\\d{0,4}\\s*)?\\)\\s*$");
  private static final java.util.regex.Pattern PUNCTUATION = java.util.regex.Pattern.compile("[^\\p{L}\\p{N}]+");
  private static final String[] ARTICLES = {"the", "a", "an", "les", "la", "le", "il", "el", "das", "der", "die"};

  /** A normalised title without its leading article: "the matrix" → "matrix"; "a" stays "a". */
  private static String withoutArticle(String key) {
    for (String article : ARTICLES) {
      if (key.length() > article.length() + 1 && key.startsWith(article + " ")) {
        return key.substring(article.length() + 1);
      }
    }
    return key;
  }

  private static final String[] ROMAN = {"ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"};

  /** "rocky iii" and "rocky 3" are the same query: standalone roman numerals II..X become digits. */
  private static String romanToDigits(String t) {
    String[] words = t.split(" ");
    for (int w = 1; w < words.length; w++) { // never the first word ("x men" stays)
      for (int r = 0; r < ROMAN.length; r++) {
        if (words[w].equals(ROMAN[r])) {
          words[w] = Integer.toString(r + 2);
        }
      }
    }
    return String.join(" ", words);
  }

  /** The year of a query ending in "(YYYY)", else {@link #NO_YEAR}. */
  private static int yearOf(String query) {
    java.util.regex.Matcher m = YEAR.matcher(query.trim());
    return m.find() ? Integer.parseInt(m.group(1)) : NO_YEAR;
  }

  private static final java.util.regex.Pattern YEAR = java.util.regex.Pattern.compile("\\((\\d{4})\\)\\s*$");

  /** Levenshtein distance (insertions, deletions, substitutions; a swap of neighbours counts 2). */
  public static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  /**
   * Damerau–Levenshtein distance (optimal string alignment: a swap of neighbours counts 1) from {@code a} to
   * {@code b}, or to the closest start of {@code b} when {@code prefix}; any value above {@code max} once it
   * is sure to exceed it (a row's minimum only grows).
   */
  static int distance(String a, String b, int max, boolean prefix) {
    int m = a.length();
    int n = prefix ? Math.min(b.length(), m + max) : b.length();
    if (!prefix && Math.abs(m - n) > max) {
      return max + 1;
    }
    int[] before = new int[n + 1];
    int[] prev = new int[n + 1];
    int[] cur = new int[n + 1];
    for (int j = 0; j <= n; j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= m; i++) {
      cur[0] = i;
      int rowMin = i;
      char ai = a.charAt(i - 1);
      for (int j = 1; j <= n; j++) {
        char bj = b.charAt(j - 1);
        int d = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + (ai == bj ? 0 : 1));
        if (i > 1 && j > 1 && ai == b.charAt(j - 2) && a.charAt(i - 2) == bj) {
          d = Math.min(d, before[j - 2] + 1);
        }
        cur[j] = d;
        rowMin = Math.min(rowMin, d);
      }
      if (rowMin > max) {
        return max + 1;
      }
      int[] t = before;
      before = prev;
      prev = cur;
      cur = t;
    }
    if (!prefix) {
      return prev[n];
    }
    int best = prev[0];
    for (int j = 1; j <= n; j++) {
      best = Math.min(best, prev[j]);
    }
    return best;
  }
}
