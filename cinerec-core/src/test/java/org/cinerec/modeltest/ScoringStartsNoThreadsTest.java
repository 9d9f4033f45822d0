package org.cinerec.modeltest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.cinerec.Progress;
import org.cinerec.data.CsrIndex;
import org.cinerec.data.Dataset;
import org.cinerec.data.Ratings;
import org.cinerec.math.Parallel;
import org.cinerec.model.History;
import org.cinerec.model.ItemFilter;
import org.cinerec.model.ModelFamilies;
import org.cinerec.model.ModelFamily;
import org.cinerec.model.Recommender;
import org.cinerec.model.UserScorer;
import org.cinerec.synth.Preset;
import org.cinerec.synth.SyntheticData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Scoring starts no threads of its own: for every registered family, four request threads (started before)
 * score every user at once — {@code scoreItems}, {@code predict}, {@code recommend}, {@code similar} where
 * the model compares movies, and {@code foldIn} where the family has it — while the JVM's count of started
 * threads and {@link Parallel#tasksSubmitted()} (tasks handed to the pool, gang helpers started) stay put.
 * Training, before the window, may use the pool.
 */
class ScoringStartsNoThreadsTest {
  private static final int CALLERS = 4;
  static Dataset data;

  @BeforeAll
  static void data() {
    data = SyntheticData.generate(Preset.TINY.resized("threads", 120, 300, 4_000), 11, Progress.NONE);
  }

  static Stream<String> families() {
    return ModelFamilies.all().stream().map(ModelFamily::kind);
  }

  static Recommender fit(String kind) {
    Map<String, String> p = new HashMap<>();
    ModelFamily f = ModelFamilies.get(kind);
    if (kind.equals("multitask")) {
      p.put("epochs", "2");
    }
    return f.trainer(f.params().parse(p)).fit(data);
  }

  /** The user's ratings as a history, in the model's item indices. */
  static History history(int user, Ratings r) {
    CsrIndex byUser = r.byUser();
    int[] items = new int[byUser.count(user)];
    float[] ratings = new float[items.length];
    for (int p = byUser.start(user), k = 0; p < byUser.end(user); p++, k++) {
      items[k] = r.item(byUser.positions()[p]);
      ratings[k] = r.rating(byUser.positions()[p]);
    }
    return History.of(items, ratings);
  }

  /** Everything a request may ask of the model for one user; returns a checksum so nothing is optimised away. */
  static double score(Recommender m, int u, ItemFilter rated, AtomicInteger foldIns) {
    int n = m.items().size();
    float[] out = new float[n];
    m.scoreItems(u, out);
    UserScorer s = m.scorer(u);
    s.scoreItems(out);
    int item = Math.floorMod(u, n);
    double sum = out[item] + m.predict(u, item) + s.predict((item + 1) % n) + m.recommend(u, 10, rated).size();
    if (m.hasItemSimilarity() && m.knowsItem(item)) {
      sum += m.similar(item, 10).size();
    }
    if (u < 0) {
      return sum;
    }
    UserScorer folded;
    try {
      folded = m.foldIn(history(u, data.ratings()));
    } catch (UnsupportedOperationException notYet) {
      return sum;
    }
    folded.scoreItems(out);
    foldIns.incrementAndGet();
    return sum + out[0] + folded.predict(item);
  }

  @ParameterizedTest
  @MethodSource("families")
  void scoringManyUsersFromSeveralThreadsStartsNoThreadAndHandsNothingToThePool(String kind) throws Exception {
    Recommender m = fit(kind);
    ItemFilter rated = ItemFilter.rated(data.ratings());
    int users = m.users().size();
    AtomicInteger foldIns = new AtomicInteger();
    ThreadPoolExecutor callers = (ThreadPoolExecutor) Executors.newFixedThreadPool(CALLERS);
    try {
      callers.prestartAllCoreThreads();
      ThreadMXBean mx = ManagementFactory.getThreadMXBean();
      Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
      long started = mx.getTotalStartedThreadCount();
      long tasks = Parallel.tasksSubmitted();

      List<Future<Double>> done = new ArrayList<>();
      for (int t = 0; t < CALLERS; t++) {
        int offset = t;
        done.add(callers.submit(() -> {
          double sum = 0;
          for (int k = 0; k < users; k++) {
            sum += score(m, (k + offset * 31) % users, rated, foldIns);
          }
          sum += score(m, -1, rated, foldIns);
          return sum;
        }));
      }
      for (Future<Double> f : done) {
        assertTrue(Double.isFinite(f.get()), kind + ": scores are finite");
      }

      long startedAfter = mx.getTotalStartedThreadCount();
      List<String> fresh = new ArrayList<>();
      for (Thread th : Thread.getAllStackTraces().keySet()) {
        if (!before.contains(th)) {
          fresh.add(th.getName());
        }
      }
      assertEquals(tasks, Parallel.tasksSubmitted(), kind + ": tasks handed to the shared pool while scoring");
      assertEquals(started, startedAfter, kind + ": threads started while scoring; alive now: " + fresh);
      assertEquals(List.of(), fresh, kind + ": threads started while scoring");
    } finally {
      callers.shutdownNow();
    }
  }
}
