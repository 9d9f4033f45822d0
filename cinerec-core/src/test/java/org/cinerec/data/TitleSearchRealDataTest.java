package org.cinerec.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.cinerec.io.DataSources;
import org.cinerec.testkit.SharedData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Misspellings people type, on ml-latest-small's 9,742 titles ranked by their number of raters (as the server
 * does): the first result is the movie meant; nonsense finds nothing. Timing is measured by hand
 * ({@link #timePerQuery}), never asserted.
 */
class TitleSearchRealDataTest {
  static Dataset data;
  static TitleSearch search;

  /** A query and the title its first result must have. */
  static final String[][] FIRST = {
      {"shawshank redemtion", "Shawshank Redemption, The (1994)"},
      {"the matrx", "Matrix, The (1999)"},
      {"matrix", "Matrix, The (1999)"},
      {"jurasic park", "Jurassic Park (1993)"},
      {"forest gump", "Forrest Gump (1994)"},
      {"pulp fictoin", "Pulp Fiction (1994)"},
      {"the godfahter", "Godfather, The (1972)"},
      {"termnator 2", "Terminator 2: Judgment Day (1991)"},
      {"silense of the lambs", "Silence of the Lambs, The (1991)"},
      {"schindlers list", "Schindler's List (1993)"},
      {"fight clb", "Fight Club (1999)"},
      {"back to the futur", "Back to the Future (1985)"},
      {"inceptoin", "Inception (2010)"},
      {"spiderman", "Spider-Man (2002)"},
      {"amelie", "Amelie (Fabuleux destin d'Amélie Poulain, Le) (2001)"},
      {"star wars empire strikes bak", "Star Wars: Episode V - The Empire Strikes Back (1980)"},
      {"gladiatr 2000", "Gladiator (2000)"},
      {"toy stroy", "Toy Story (1995)"},
      {"teh godfather part 2", "Godfather: Part II, The (1974)"},
      {"lord fo the rings fellowship", "Lord of the Rings: The Fellowship of the Ring, The (2001)"},
  };

  @BeforeAll
  static void load() {
    data = DataSources.load(SharedData.mlLatestSmall());
    int[] raters = new int[data.catalog().size()];
    for (int i = 0; i < raters.length && i < data.ratings().byItem().numKeys(); i++) {
      raters[i] = data.ratings().byItem().count(i);
    }
    search = new TitleSearch(data.catalog(), raters);
  }

  @Test
  void commonMisspellingsFindTheMovieMeantFirst() {
    List<String> wrong = new ArrayList<>();
    for (String[] f : FIRST) {
      List<Integer> found = search.search(f[0], 5);
      String first = found.isEmpty() ? "nothing" : data.catalog().title(found.get(0));
      if (!first.equals(f[1])) {
        wrong.add(f[0] + " -> " + first + " (wanted " + f[1] + ")");
      }
    }
    assertEquals(List.of(), wrong);
  }

  @Test
  void aMisspeltSeriesNameFindsTheSeries() {
    List<String> potter = search.search("harry poter", 10).stream().map(data.catalog()::title).toList();
    assertTrue(potter.size() >= 7 && potter.stream().limit(7).allMatch(t -> t.startsWith("Harry Potter")),
        potter.toString());
    List<String> rings = search.search("lord of the rigns", 4).stream().map(data.catalog()::title).toList();
    assertTrue(rings.contains("Lord of the Rings: The Fellowship of the Ring, The (2001)"), rings.toString());
  }

  @Test
  void nonsenseFindsNothingAndAShortWordFindsNoTypos() {
    for (String q : new String[] {"xqzvw", "zzzzzzzz", "asdfghjkl", "qwertyuiop", "lorem ipsum dolor",
        "xyzzy plugh", "bnmhjk", "the qqqq"}) {
      assertEquals(List.of(), search.search(q, 24).stream().map(data.catalog()::title).toList(), q);
    }
    assertEquals(List.of(), search.closeMatches("up", 5), "two letters allow no typo");
  }

  /**
   * Per-query time over a catalogue of ml-25m's size (62,423 titles): ml-latest-small's titles, then titles made
   * of their words with a fixed seed. Run with -Dcinerec.measure=true.
   */
  @Test
  @EnabledIfSystemProperty(named = "cinerec.measure", matches = "true")
  void timePerQuery() {
    Catalog small = data.catalog();
    Catalog.Builder b = Catalog.builder();
    List<String> words = new ArrayList<>();
    for (int i = 0; i < small.size(); i++) {
      b.add(small.title(i), small.year(i), small.genres(i), null, null);
      for (String w : TitleSearch.normalize(small.title(i)).split(" ")) {
        words.add(w);
      }
    }
    SplittableRandom r = new SplittableRandom(62_423);
    for (int i = small.size(); i < 62_423; i++) {
      StringBuilder t = new StringBuilder();
      for (int w = 1 + r.nextInt(5); w > 0; w--) {
        String word = words.get(r.nextInt(words.size()));
        t.append(t.length() == 0 ? "" : " ").append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
      }
      int year = 1900 + r.nextInt(120);
      b.add(t + " (" + year + ")", year, null, null, null);
    }
    Catalog big = b.build();
    long t0 = System.nanoTime();
    TitleSearch s = new TitleSearch(big, new int[big.size()]);
    double buildMs = (System.nanoTime() - t0) / 1e6;
    String[] queries = new String[FIRST.length + 4];
    for (int i = 0; i < FIRST.length; i++) {
      queries[i] = FIRST[i][0];
    }
    queries[FIRST.length] = "xqzvw";
    queries[FIRST.length + 1] = "the";
    queries[FIRST.length + 2] = "lord of the rigns";
    queries[FIRST.length + 3] = "harry poter";
    for (int warm = 0; warm < 20; warm++) {
      for (String q : queries) {
        s.search(q, 24);
      }
    }
    // wall time follows the machine's load; the thread's CPU time does not
    java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
    double[] ms = new double[queries.length * 10];
    double[] cpuMs = new double[queries.length * 10];
    double[][] perQuery = new double[queries.length][10];
    int k = 0;
    for (int rep = 0; rep < 10; rep++) {
      for (int i = 0; i < queries.length; i++) {
        long c = cpu.getCurrentThreadCpuTime();
        long a = System.nanoTime();
        s.search(queries[i], 24);
        ms[k] = (System.nanoTime() - a) / 1e6;
        cpuMs[k++] = perQuery[i][rep] = (cpu.getCurrentThreadCpuTime() - c) / 1e6;
      }
    }
    for (int i = 0; i < queries.length; i++) {
      java.util.Arrays.sort(perQuery[i]);
      System.out.printf(Locale.ROOT, "  %-32s median CPU %6.2f ms%n", queries[i], perQuery[i][5]);
    }
    java.util.Arrays.sort(cpuMs);
    System.out.printf(Locale.ROOT, "CPU time per search: median %.2f ms, p90 %.2f ms, max %.2f ms%n",
        cpuMs[cpuMs.length / 2], cpuMs[(int) (cpuMs.length * 0.9)], cpuMs[cpuMs.length - 1]);
    java.util.Arrays.sort(ms);
    System.out.printf(Locale.ROOT, "TitleSearch on %,d titles (%s): index built in %.0f ms; %d searches, wall time: median %.2f ms,"
        + " p90 %.2f ms, max %.2f ms%n", big.size(), "ml-latest-small + seeded", buildMs, ms.length,
        ms[ms.length / 2], ms[(int) (ms.length * 0.9)], ms[ms.length - 1]);
  }
}
