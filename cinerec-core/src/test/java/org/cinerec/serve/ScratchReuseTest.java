package org.cinerec.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.cinerec.Progress;
import org.cinerec.data.Dataset;
import org.cinerec.model.ModelFamilies;
import org.cinerec.model.Recommender;
import org.cinerec.synth.Preset;
import org.cinerec.synth.SyntheticData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The serving path reuses per-thread scratch arrays ({@link Scratch}: the scores of every movie, the marks
 * that count excluded movies) and the multitask model a per-thread workspace for predicted ratings: many
 * threads answering mixed requests at once, each thread's arrays reused request after request (lists of
 * other lengths, filters, exclusions, similar movies in between), give exactly the answers that a fresh
 * thread computing each request alone gives.
 */
class ScratchReuseTest {
  static Dataset data;

  @BeforeAll
  static void data() {
    data = SyntheticData.generate(Preset.TINY.resized("scratch", 120, 400, 6_000), 5, Progress.NONE);
  }

  /** The request mix: per user, a plain list, a filtered longer one with an exclusion, and an anonymous one. */
  static List<Object> requests(ServingModel s) {
    Recommender m = s.model();
    List<Object> out = new ArrayList<>();
    String genre = data.catalog().allGenres().get(0);
    for (int u = 0; u < m.users().size(); u += 3) {
      String id = m.users().id(u);
      out.add(RecommendRequest.builder(Subject.user(id)).explain(true).build());
      out.add(RecommendRequest.builder(Subject.user(id)).k(25).offset(u % 4)
          .filters(new Filters(Set.of(genre), Set.of(), null, null, Set.of(m.items().id(u % 50))))
          .dismissed(new java.util.HashSet<>(List.of(m.items().id((u * 7) % 50), m.items().id((u * 11) % 50))))
          .build());
      out.add(RecommendRequest.builder(new Subject.Anonymous(List.of(new MovieRating(m.items().id(u % 40), 4.5f),
          new MovieRating(m.items().id((u + 17) % 40), 2f)))).k(5).build());
      if (m.hasItemSimilarity()) {
        out.add(SimilarRequest.of(m.items().id(u % 60), 7));
      }
    }
    return out;
  }

  static Object answer(ServingModel s, Object request) {
    return request instanceof SimilarRequest r ? s.similar(r) : s.recommend((RecommendRequest) request);
  }

  @ParameterizedTest
  @ValueSource(strings = {"mf", "ease", "itemknn", "multitask"})
  void concurrentRequestsOnReusedScratchGiveWhatAFreshThreadGives(String kind) throws Exception {
    Map<String, String> params = kind.equals("multitask") ? Map.of("epochs", "2") : Map.of();
    Recommender m = ModelFamilies.trainer(kind, params).fit(data);
    ServingModel s = ServingModel.of(m, data.catalog());
    List<Object> requests = requests(s);
    List<Object> expected = new ArrayList<>();
    for (Object r : requests) { // each alone, on a thread of its own: fresh scratch arrays
      Object[] got = new Object[1];
      Thread t = new Thread(() -> got[0] = answer(s, r), "fresh");
      t.start();
      t.join();
      expected.add(got[0]);
    }
    int threads = 6;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<Object>>> runs = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int shift = t * 5;
        runs.add(pool.submit(() -> {
          List<Object> got = new ArrayList<>();
          for (int round = 0; round < 3; round++) {
            for (int q = 0; q < requests.size(); q++) {
              got.add(answer(s, requests.get((q + shift + round) % requests.size())));
            }
          }
          return got;
        }));
      }
      for (int t = 0; t < threads; t++) {
        List<Object> got = runs.get(t).get();
        for (int round = 0; round < 3; round++) {
          for (int q = 0; q < requests.size(); q++) {
            int r = (q + t * 5 + round) % requests.size();
            assertEquals(expected.get(r), got.get(round * requests.size() + q), kind + " request " + r
                + " on thread " + t + ", round " + round);
          }
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
