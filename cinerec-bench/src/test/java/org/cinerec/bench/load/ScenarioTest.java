package org.cinerec.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ScenarioTest {
  private static final IdPool POOL = IdPool.numbered(610, 50);

  @Test
  void everyBuiltInLoadsAndDrawsIdsFromThePool() throws Exception {
    for (String name : Scenario.BUILT_IN) {
      Scenario s = Scenario.load(name, POOL, 1, List.of());
      for (long i = 0; i < 200; i++) {
        for (Request q = s.request(i); q != null; q = q.then()) {
          assertTrue(q.path().startsWith("/api/v1/"), name + ": " + q);
          Matcher m = Pattern.compile("/users/(\\d+)/").matcher(q.path());
          if (m.find()) {
            int u = Integer.parseInt(m.group(1));
            assertTrue(u >= 1 && u <= 610, q.path());
          }
        }
      }
    }
  }

  @Test
  void theSameSeedAndSlotGiveTheSameRequestAndUsersAreSpreadUniformly() throws Exception {
    Scenario a = Scenario.load("top10", POOL, 7, List.of());
    Scenario b = Scenario.load("top10", POOL, 7, List.of());
    Scenario c = Scenario.load("top10", POOL, 8, List.of());
    int differ = 0;
    Map<String, Integer> counts = new HashMap<>();
    for (long i = 0; i < 30_500; i++) {
      assertEquals(a.request(i).path(), b.request(i).path());
      differ += a.request(i).path().equals(c.request(i).path()) ? 0 : 1;
      counts.merge(a.request(i).path(), 1, Integer::sum);
    }
    assertTrue(differ > 30_000, "another seed draws other users: " + differ);
    assertEquals(610, counts.size(), "every user drawn");
    int min = counts.values().stream().min(Integer::compare).orElseThrow();
    int max = counts.values().stream().max(Integer::compare).orElseThrow();
    assertTrue(min > 20 && max < 85, "about 50 each: " + min + ".." + max);
  }

  @Test
  void aRatingAndTheRecommendationAfterItAreForTheSameUser() throws Exception {
    Scenario s = Scenario.load("rate-then-top10", POOL, 3, List.of("X-Token", "t"));
    for (long i = 0; i < 100; i++) {
      Request put = s.request(i);
      Request get = put.then();
      assertEquals("PUT", put.method());
      assertEquals("GET", get.method());
      assertNull(get.then());
      String user = put.path().split("/")[4];
      assertEquals("/api/v1/users/" + user + "/recommendations?k=10", get.path());
      String body = new String(put.body(), StandardCharsets.UTF_8);
      assertTrue(body.matches("\\{\"rating\": [0-5]\\.[05]\\}"), body);
      assertEquals(List.of("X-Token", "t", "Content-Type", "application/json"), List.of(put.headers()));
      assertEquals(List.of("X-Token", "t"), List.of(get.headers()));
    }
  }

  @Test
  void historiesHaveDistinctMoviesOnTheScaleAndWeightsSetTheMix() {
    Scenario s = Scenario.parse("mix.txt", """
        # two kinds
        header Accept: application/json
        3 POST /anon {"ratings": {history:5}}
        1 GET /movies/{movie}?n={seq}
        """, POOL, 5, null);
    int posts = 0;
    for (long i = 0; i < 4000; i++) {
      Request q = s.request(i);
      if (q.method().equals("POST")) {
        posts++;
        String body = new String(q.body(), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("\\{\"movieId\": (\\d+), \"rating\": ([0-9.]+)}").matcher(body);
        java.util.Set<String> movies = new java.util.HashSet<>();
        while (m.find()) {
          movies.add(m.group(1));
          double r = Double.parseDouble(m.group(2));
          assertTrue(r >= 0.5 && r <= 5 && r * 2 == Math.rint(r * 2), body);
        }
        assertEquals(5, movies.size(), body);
      } else {
        assertTrue(q.path().endsWith("?n=" + i), q.path());
      }
      assertEquals("Accept", q.headers()[0]);
    }
    assertTrue(posts > 2850 && posts < 3150, "three in four are POSTs: " + posts);
  }

  @Test
  void idsThatAreNotNumbersAreEncodedForTheirPlace() {
    IdPool odd = new IdPool(new String[] {"ann lee/é"}, new String[] {"tt\"01"}, new double[] {4});
    Scenario s = Scenario.parse("odd", "PUT /u/{user}/r/{movie} {\"user\": {user}, \"movie\": {movie}, "
        + "\"r\": {rating}}", odd, 1, null);
    Request q = s.request(0);
    assertEquals("/u/ann%20lee%2F%C3%A9/r/tt%2201", q.path());
    assertEquals("{\"user\": \"ann lee/é\", \"movie\": \"tt\\\"01\", \"r\": 4.0}",
        new String(q.body(), StandardCharsets.UTF_8));
  }

  @Test
  void mistakesNameTheFileAndLine() {
    String m = assertThrows(IllegalArgumentException.class,
        () -> Scenario.parse("s.txt", "GET /ok\nFETCH nothing", POOL, 1, null)).getMessage();
    assertTrue(m.startsWith("s.txt:2: "), m);
    m = assertThrows(IllegalArgumentException.class,
        () -> Scenario.parse("s.txt", "then GET /x", POOL, 1, null)).getMessage();
    assertTrue(m.contains("s.txt:1") && m.contains("then"), m);
    m = assertThrows(IllegalArgumentException.class,
        () -> Scenario.parse("s.txt", "0 GET /x", POOL, 1, null)).getMessage();
    assertTrue(m.contains("weight"), m);
    m = assertThrows(IllegalArgumentException.class,
        () -> Scenario.parse("s.txt", "GET /u/{usr}", POOL, 1, null)).getMessage();
    assertTrue(m.contains("unknown placeholder"), m);
    m = assertThrows(IllegalArgumentException.class,
        () -> Scenario.parse("s.txt", "GET /u/{user}", null, 1, null)).getMessage();
    assertTrue(m.contains("--data"), m);
    m = assertThrows(IllegalArgumentException.class,
        () -> Scenario.load("nonsense", POOL, 1, List.of())).getMessage();
    assertTrue(m.contains("--scenario nonsense") && m.contains("top10"), m);
  }

  @Test
  void anInlineTemplateLineNeedsNoPool() throws Exception {
    Scenario s = Scenario.load("GET /hello", null, 1, List.of());
    assertEquals("/hello", s.request(5).path());
    assertNotEquals(Scenario.mix(1, 1), Scenario.mix(1, 2));
  }
}
