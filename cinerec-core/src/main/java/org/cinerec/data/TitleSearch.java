package org.cinerec.data;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Finds movies by title the way a person types them: case and accents ignored, the year optional,
 * MovieLens's "Matrix, The" style understood. {@link #find} returns exact matches first, then titles
 * containing the query; {@link #closeMatches} suggests titles for a query that matched nothing.
 */
public final class TitleSearch {
  private final Catalog catalog;
  private final String[] keys;
  /** The keys without a leading article ("the matrix" → "matrix"), for {@link #matches}. */
  private final String[] bareKeys;

  public TitleSearch(Catalog catalog) {
    this.catalog = catalog;
    this.keys = new String[catalog.size()];
    this.bareKeys = new String[catalog.size()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = normalize(catalog.title(i));
      bareKeys[i] = withoutArticle(keys[i]);
    }
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
    String yearQuery = yearOf(query);
    List<Integer> exact = new ArrayList<>();
    List<Integer> partial = new ArrayList<>();
    if (q.isEmpty()) {
      return new Matches(exact, partial);
    }
    for (int i = 0; i < keys.length; i++) {
      if (yearQuery != null && !yearQuery.equals(String.valueOf(catalog.year(i)))
          && !catalog.title(i).contains("(" + yearQuery + ")")) {
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

  /** Up to n titles closest to the query by edit distance over the normalised titles. */
  public List<Integer> closeMatches(String query, int n) {
    String q = normalize(query);
    List<int[]> scored = new ArrayList<>();
    for (int i = 0; i < keys.length; i++) {
      String k = keys[i];
      int d = k.length() > q.length() + 20 ? Integer.MAX_VALUE / 2 : editDistance(q, k);
      // a title that starts with the query words is a good suggestion even when much longer
      if (k.startsWith(q.length() > 3 ? q.substring(0, 3) : q)) {
        d = Math.min(d, Math.abs(k.length() - q.length()) / 2 + 1);
      }
      scored.add(new int[] {d, i});
    }
    scored.sort(Comparator.<int[]>comparingInt(a -> a[0]).thenComparingInt(a -> a[1]));
    List<Integer> out = new ArrayList<>();
    for (int j = 0; j < Math.min(n, scored.size()); j++) {
      out.add(scored.get(j)[1]);
    }
    return out;
  }

  /** Lower case, accents removed, punctuation folded to spaces, year and leading/trailing article moved. */
  static String normalize(String title) {
    String t = Normalizer.normalize(title, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    t = t.toLowerCase(Locale.ROOT).trim();
    t = t.replaceAll("\\(\\s*\\d{4}\\s*(?:[-–]\\s*\\d{0,4}\\s*)?\\)\\s*$", "").trim();
    t = t.replaceAll("[^\\p{L}\\p{N}]+", " ").trim();
    t = romanToDigits(t);
    for (String article : ARTICLES) {
      if (t.endsWith(" " + article)) {
        t = article + " " + t.substring(0, t.length() - article.length() - 1).trim();
        break;
      }
    }
    return t;
  }

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

  private static String yearOf(String query) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\((\\d{4})\\)\\s*$").matcher(query.trim());
    return m.find() ? m.group(1) : null;
  }

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
}
