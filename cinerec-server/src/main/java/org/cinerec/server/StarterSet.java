package org.cinerec.server;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.cinerec.data.Catalog;

/**
 * The movies a new viewer is asked to rate first: well known (among the most rated in training) and spread
 * over genres, so a dozen ratings say something about taste rather than rating the same blockbusters. Fixed
 * for a model: the same list every time.
 *
 * <p>Rule: the candidates are the {@code max(10k, 200)} most-rated movies (ties: lower index). Genres are
 * taken in turn, each genre ordered by how many candidates it has (most first, ties by name); each turn
 * takes the genre's most-rated candidate not yet picked. Turns go round until {@code k} movies are picked or
 * no genre has any left. So the first picks cover as many genres as there are, up to {@code k}.
 *
 * <p>Example: candidates A (Drama, 90 raters), B (Comedy, 80), C (Drama|Comedy, 70), D (Horror, 10); genres
 * Drama (2), Comedy (2), Horror (1); k = 3 gives A (Drama), B (Comedy), D (Horror).
 */
final class StarterSet {
  private StarterSet() {}

  static int[] pick(Catalog catalog, int[] raters, int k) {
    int n = raters.length;
    Integer[] byCount = new Integer[n];
    for (int i = 0; i < n; i++) {
      byCount[i] = i;
    }
    Arrays.sort(byCount, (a, b) -> raters[a] != raters[b] ? Integer.compare(raters[b], raters[a])
        : Integer.compare(a, b));
    int pool = Math.min(n, Math.max(10 * k, 200));
    Map<String, List<Integer>> byGenre = new HashMap<>();
    for (int r = 0; r < pool; r++) {
      int i = byCount[r];
      if (raters[i] == 0) {
        break;
      }
      for (String g : catalog.genres(i)) {
        if (!g.isBlank() && !g.startsWith("(")) { // "(no genres listed)"
          byGenre.computeIfAbsent(g, x -> new ArrayList<>()).add(i);
        }
      }
    }
    List<String> genres = new ArrayList<>(byGenre.keySet());
    genres.sort((a, b) -> byGenre.get(a).size() != byGenre.get(b).size()
        ? Integer.compare(byGenre.get(b).size(), byGenre.get(a).size()) : a.compareTo(b));
    Set<Integer> picked = new LinkedHashSet<>();
    Map<String, Integer> next = new HashMap<>();
    boolean progress = true;
    while (picked.size() < k && progress) {
      progress = false;
      for (String g : genres) {
        if (picked.size() == k) {
          break;
        }
        List<Integer> list = byGenre.get(g);
        int at = next.getOrDefault(g, 0);
        while (at < list.size() && picked.contains(list.get(at))) {
          at++;
        }
        if (at < list.size()) {
          picked.add(list.get(at));
          progress = true;
          at++;
        }
        next.put(g, at);
      }
    }
    // a catalogue without genres: the most rated
    for (int r = 0; r < pool && picked.size() < k; r++) {
      if (raters[byCount[r]] > 0) {
        picked.add(byCount[r]);
      }
    }
    return picked.stream().mapToInt(Integer::intValue).toArray();
  }
}
