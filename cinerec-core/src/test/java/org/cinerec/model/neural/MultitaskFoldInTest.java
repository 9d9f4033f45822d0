package org.cinerec.model.neural;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import org.cinerec.data.Dataset;
import org.cinerec.io.DataSources;
import org.cinerec.math.Activation;
import org.cinerec.math.Rng;
import org.cinerec.model.History;
import org.cinerec.model.ModelFamilies;
import org.cinerec.model.Recommender;
import org.cinerec.model.UserScorer;
import org.cinerec.modeltest.ColdUsers;
import org.cinerec.testkit.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Multitask fold-in: Newton's method on the user's multitask loss with the rest fixed ({@link MultitaskFoldIn}). */
class MultitaskFoldInTest {

  /** A random problem: d = 3, hidden layers 5, 4, 12 movies, a history of 3, batch 6. */
  static MultitaskFoldIn problem(Activation act, boolean logq, boolean mean, double l2, long seed) {
    Rng rng = new Rng(seed);
    int d = 3;
    Mlp mlp = Mlp.forEmbeddings(d, new int[] {5, 4}, act);
    float[] theta = new float[mlp.numParams()];
    rng.fillUniform(theta, -0.8, 0.8);
    float[] items = new float[13 * d];
    rng.fillUniform(items, -1, 1);
    float[] meanUser = new float[d];
    rng.fillUniform(meanUser, -0.5, 0.5);
    int[] raters = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8};
    MultitaskFoldIn.Context cx = new MultitaskFoldIn.Context(d, items, mlp, theta, meanUser, 0.3, raters, logq, 0.7,
        2.5, mean, 0.6, l2, 6, seed);
    return new MultitaskFoldIn(cx, new int[] {1, 4, 9}, new float[] {4f, 2.5f, 5f});
  }

  /** J(u) of {@link MultitaskFoldIn}'s class comment, in double, written out from the formula. */
  static double reference(MultitaskFoldIn fi, MultitaskFoldIn.Context cx, int[] items, float[] ratings, double[] u) {
    Mlp mlp = cx.mlp;
    int d = cx.d;
    int h = items.length;
    double loss = 0;
    for (int k = 0; k < h; k++) {
      double[] x = new double[2 * d];
      for (int a = 0; a < d; a++) {
        x[a] = u[a];
        x[d + a] = cx.itemEmb[items[k] * d + a];
      }
      for (int l = 0; l < mlp.numLayers(); l++) {
        double[] y = new double[mlp.out(l)];
        for (int c = 0; c < y.length; c++) {
          double s = cx.theta[mlp.biasOffset(l) + c];
          for (int r = 0; r < x.length; r++) {
            s += x[r] * cx.theta[mlp.kernelOffset(l) + r * y.length + c];
          }
          y[c] = l < mlp.numLayers() - 1 ? act(mlp.activation(), s) : s;
        }
        x = y;
      }
      loss += cx.ratingWeight / cx.batch * (x[0] - ratings[k]) * (x[0] - ratings[k]);
    }
    int[] rows = fi.rows();
    for (int k = 0; k < h; k++) {
      double partition = Math.exp(z(cx, u, rows[k]));
      for (int j = h; j < rows.length; j++) {
        partition += Math.exp(z(cx, u, rows[j]));
      }
      loss += cx.retrievalWeight * (Math.log(partition) - z(cx, u, rows[k]));
    }
    double sq = 0;
    double pr = 0;
    for (int a = 0; a < d; a++) {
      sq += u[a] * u[a];
      pr += (u[a] - cx.meanUser[a]) * (u[a] - cx.meanUser[a]);
    }
    return (loss + cx.l2 * h * sq + MultitaskFoldIn.PRIOR_WEIGHT / (2 * cx.spread) * pr) / h;
  }

  private static double z(MultitaskFoldIn.Context cx, double[] u, int m) {
    double s = 0;
    for (int a = 0; a < cx.d; a++) {
      s += u[a] * cx.itemEmb[m * cx.d + a];
    }
    return s / cx.temperature - cx.logq[m];
  }

  private static double act(Activation a, double z) {
    return switch (a) {
      case RELU -> Math.max(0, z);
      case TANH -> Math.tanh(z);
      case SIGMOID -> 1 / (1 + Math.exp(-z));
      case ELU -> z > 0 ? z : Math.expm1(z);
      case LINEAR -> z;
    };
  }

  @ParameterizedTest(name = "{0}, logq {1}, mean reduction {2}, l2 {3}")
  @CsvSource({"TANH, true, false, 0", "RELU, true, false, 0.01", "SIGMOID, false, true, 0", "ELU, true, true, 0.1"})
  void theGradientMatchesFiniteDifferencesOfTheObjectiveWrittenOut(Activation act, boolean logq, boolean mean,
      double l2) {
    long seed = 20260514L ^ act.ordinal(); // not hashCode(): an enum's is an identity hash, new every run
    System.out.println("seed " + seed);
    MultitaskFoldIn fi = problem(act, logq, mean, l2, seed);
    MultitaskFoldIn.Context cx = contextOf(act, logq, mean, l2, seed);
    int[] items = {1, 4, 9};
    float[] ratings = {4f, 2.5f, 5f};
    Rng rng = new Rng(seed + 1);
    for (int trial = 0; trial < 3; trial++) {
      float[] u = new float[3];
      rng.fillUniform(u, -1.5, 1.5);
      double[] ud = {u[0], u[1], u[2]};
      float[] g = new float[3];
      double j = fi.lossAndGradient(u, g);
      double ref = reference(fi, cx, items, ratings, ud);
      assertEquals(ref, j, 1e-5 * Math.max(1, Math.abs(ref)), "J(u)");
      for (int a = 0; a < 3; a++) {
        double[] hi = ud.clone();
        double[] lo = ud.clone();
        hi[a] += 1e-6;
        lo[a] -= 1e-6;
        double fd = (reference(fi, cx, items, ratings, hi) - reference(fi, cx, items, ratings, lo)) / 2e-6;
        assertEquals(fd, g[a], 2e-4 + 1e-4 * Math.abs(fd), "dJ/du[" + a + "] at trial " + trial);
      }
    }
  }

  /** The same context as {@link #problem} (same seed, same draws). */
  private static MultitaskFoldIn.Context contextOf(Activation act, boolean logq, boolean mean, double l2, long seed) {
    Rng rng = new Rng(seed);
    int d = 3;
    Mlp mlp = Mlp.forEmbeddings(d, new int[] {5, 4}, act);
    float[] theta = new float[mlp.numParams()];
    rng.fillUniform(theta, -0.8, 0.8);
    float[] items = new float[13 * d];
    rng.fillUniform(items, -1, 1);
    float[] meanUser = new float[d];
    rng.fillUniform(meanUser, -0.5, 0.5);
    int[] raters = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8};
    return new MultitaskFoldIn.Context(d, items, mlp, theta, meanUser, 0.3, raters, logq, 0.7, 2.5, mean, 0.6, l2, 6,
        seed);
  }

  @Test
  void theCandidatesAreDrawnInProportionToTrainingRatingsAndNeverUnratedMovies() {
    long[] cumulative = {0, 3, 3, 4, 10};
    assertEquals(0, MultitaskFoldIn.movieAt(cumulative, 0));
    assertEquals(0, MultitaskFoldIn.movieAt(cumulative, 2));
    assertEquals(2, MultitaskFoldIn.movieAt(cumulative, 3)); // movie 1 has no ratings
    assertEquals(3, MultitaskFoldIn.movieAt(cumulative, 4));
    assertEquals(3, MultitaskFoldIn.movieAt(cumulative, 9));
    int[] rows = problem(Activation.RELU, true, false, 0, 1).rows();
    assertEquals(3 + 5, rows.length, "the history and batch − 1 candidates");
  }

  /**
   * The Hessian Newton's method uses is the true Hessian where the rating head is piecewise linear in u (relu,
   * linear) or off (rating weight 0); with a curved activation its rating part is Gauss-Newton's JᵀJ, which
   * leaves out the head's second derivative, so only its retrieval part is checked there.
   */
  @ParameterizedTest(name = "{0}, logq {1}, mean reduction {2}, l2 {3}")
  @CsvSource({"RELU, true, false, 0.01", "LINEAR, false, true, 0", "TANH, true, false, 0", "ELU, true, true, 0.1"})
  void theHessianMatchesFiniteDifferencesOfTheGradient(Activation act, boolean logq, boolean mean, double l2) {
    long seed = 20261205L ^ act.ordinal(); // not hashCode(): an enum's is an identity hash, new every run
    boolean piecewiseLinear = act == Activation.RELU || act == Activation.LINEAR;
    MultitaskFoldIn fi = piecewiseLinear ? problem(act, logq, mean, l2, seed) : retrievalOnly(act, logq, mean, l2, seed);
    Rng rng = new Rng(seed + 1);
    for (int trial = 0; trial < 3; trial++) {
      float[] u = new float[3];
      rng.fillUniform(u, -1.5, 1.5);
      double[] g = new double[3];
      double[] hess = new double[9];
      fi.lossGradientAndHessian(u, g, hess);
      for (int a = 0; a < 3; a++) {
        float[] hi = u.clone();
        float[] lo = u.clone();
        float eps = 1e-3f;
        hi[a] += eps;
        lo[a] -= eps;
        double[] gHi = new double[3];
        double[] gLo = new double[3];
        fi.lossGradientAndHessian(hi, gHi, new double[9]);
        fi.lossGradientAndHessian(lo, gLo, new double[9]);
        for (int b = 0; b < 3; b++) {
          double fd = (gHi[b] - gLo[b]) / (hi[a] - lo[a]);
          assertEquals(fd, hess[b * 3 + a], 2e-3 + 2e-3 * Math.abs(fd), "d2J/du[" + b + "]du[" + a + "] at trial " + trial);
        }
      }
    }
  }

  /** {@link #problem} with the rating term off (rating weight 0). */
  static MultitaskFoldIn retrievalOnly(Activation act, boolean logq, boolean mean, double l2, long seed) {
    MultitaskFoldIn.Context full = contextOf(act, logq, mean, l2, seed);
    MultitaskFoldIn.Context cx = new MultitaskFoldIn.Context(full.d, full.itemEmb, full.mlp, full.theta, full.meanUser,
        0.3, new int[] {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8}, logq, 0, 2.5, mean, 0.6, l2, 6, seed);
    return new MultitaskFoldIn(cx, new int[] {1, 4, 9}, new float[] {4f, 2.5f, 5f});
  }

  /**
   * Newton's steps never raise J, and they end at the minimum: at least as low as ten thousand steps of plain
   * gradient descent (the method fold-in used before, run far past its twelve steps), to 1e-5 of J.
   */
  @ParameterizedTest(name = "{0}, logq {1}, l2 {2}, seed {3}")
  @CsvSource({"RELU, true, 0, 3", "RELU, false, 0.01, 4", "TANH, true, 0, 5", "ELU, false, 0.1, 6"})
  void newtonNeverRaisesTheObjectiveAndEndsAtTheMinimumDescentApproaches(Activation act, boolean logq, double l2,
      long seed) {
    MultitaskFoldIn fi = problem(act, logq, false, l2, seed);
    float[] g = new float[3];
    double first = fi.lossAndGradient(fi.newton(0), g);
    double last = first;
    for (int s = 1; s <= MultitaskFoldIn.ITERATIONS; s++) {
      double now = fi.lossAndGradient(fi.newton(s), g);
      assertTrue(now <= last, "step " + s + ": " + now + " > " + last);
      last = now;
    }
    assertTrue(last < first - 1e-3, "the steps lower J below its value at the start");
    assertEquals(fi.lossAndGradient(fi.solve(), g), last, 0, "solve() is newton(ITERATIONS)");
    double descended = fi.lossAndGradient(descend(fi, fi.newton(0), 10_000), g);
    System.out.printf(java.util.Locale.ROOT, "%s: J at the start %.6f, after Newton %.9f, after 10,000 descent steps %.9f%n",
        act, first, last, descended);
    // at least as low (a relu head is piecewise linear in u, and descent can stall at a kink Newton steps over)
    assertTrue(last <= descended + 1e-5, "Newton's J " + last + " above descent's " + descended);
  }

  /** A rating head whose weights overflowed (a NaN) gives a NaN Hessian: Newton stops where it started, no exception. */
  @Test
  void weightsThatAreNotFiniteLeaveTheStartAndThrowNothing() {
    MultitaskFoldIn.Context ok = contextOf(Activation.RELU, true, false, 0, 9);
    float[] theta = ok.theta.clone();
    theta[ok.mlp.kernelOffset(0)] = Float.NaN; // u's first coordinate into the first hidden unit
    MultitaskFoldIn.Context cx = new MultitaskFoldIn.Context(ok.d, ok.itemEmb, ok.mlp, theta, ok.meanUser, 0.3,
        new int[] {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8}, true, 0.7, 2.5, false, 0.6, 0, 6, 9);
    MultitaskFoldIn fi = new MultitaskFoldIn(cx, new int[] {1, 4, 9}, new float[] {4f, 2.5f, 5f});
    assertArrayEquals(ok.meanUser, fi.solve());
  }

  /** Gradient descent with Armijo backtracking (step doubled after each step taken, halved until one is). */
  static float[] descend(MultitaskFoldIn fi, float[] u, int steps) {
    int d = u.length;
    float[] g = new float[d];
    float[] next = new float[d];
    float[] gNext = new float[d];
    double j = fi.lossAndGradient(u, g);
    double eta = 1;
    for (int s = 0; s < steps; s++) {
      double gg = 0;
      for (float x : g) {
        gg += (double) x * x;
      }
      boolean taken = false;
      for (int half = 0; half < 40 && !taken; half++) {
        for (int a = 0; a < d; a++) {
          next[a] = (float) (u[a] - eta * g[a]);
        }
        double jNext = fi.lossAndGradient(next, gNext);
        if (jNext <= j - 0.1 * eta * gg) {
          u = next.clone();
          g = gNext.clone();
          j = jNext;
          taken = true;
          eta *= 2;
        } else {
          eta *= 0.5;
        }
      }
      if (!taken) {
        break;
      }
    }
    return u;
  }

  @Test
  void aHistoryFoldsInTheSameBitsWhateverItsOrderAndMoviesWithoutTrainingRatingsDropOut() {
    Dataset data = MultitaskTrainerTest.synthetic(11);
    MultitaskModel m = MultitaskTrainerTest.train(data, "threads", "1");
    int n = m.items().size();
    float[] a = new float[n];
    float[] b = new float[n];
    m.foldIn(History.of(new int[] {4, 17, 2, 30}, new float[] {4, 1.5f, 5, 3})).scoreItems(a);
    m.foldIn(History.of(new int[] {30, 2, 17, 4}, new float[] {3, 5, 1.5f, 4})).scoreItems(b);
    assertArrayEquals(a, b);
    // movies 50-59 have no training ratings: they change nothing, and alone they give the fallback
    m.foldIn(History.of(new int[] {4, 17, 2, 30, 55}, new float[] {4, 1.5f, 5, 3, 5})).scoreItems(b);
    assertArrayEquals(a, b);
    UserScorer cold = m.foldIn(History.of(new int[] {55}, new float[] {5}));
    assertFalse(cold.personal());
    UserScorer s = m.foldIn(History.of(new int[] {4, 17}, new float[] {4, 1.5f}));
    assertTrue(s.personal());
    for (int i = -1; i < n; i += 7) {
      assertTrue(Float.isFinite(s.predict(i)));
    }
  }

  @Test
  void foldingInBeatsPopularityAndTheUntrainedRowOnRealDataInAFewMilliseconds() {
    Dataset all = DataSources.load(SharedData.mlLatestSmall());
    ColdUsers cold = new ColdUsers(all, 0.1, 40, 42, ColdUsers.Order.RANDOM);
    // the default model (20 epochs: about 15 s of training alone; 8 epochs give a weaker model whose
    // fold-in is barely above popularity from 5 ratings: 0.535 against 0.514)
    Recommender m = ModelFamilies.trainer("multitask", Map.of()).fit(cold.train);
    Recommender pop = ModelFamilies.trainer("popularity", Map.of()).fit(cold.train);
    double[] rmse = cold.rmse(m, 20);
    double folded5 = cold.foldedNdcg(m, 5);
    double folded20 = cold.foldedNdcg(m, 20);
    double pop5 = cold.fallbackNdcg(pop, 5);
    double pop20 = cold.fallbackNdcg(pop, 20);
    System.out.printf(java.util.Locale.ROOT, "multitask fold-in NDCG@10: 5 ratings %.4f (popularity %.4f), 20 ratings %.4f (%.4f); "
        + "RMSE from 20 ratings %.4f (the untrained row %.4f)%n", folded5, pop5, folded20, pop20, rmse[0], rmse[1]);
    // measured (43 users): 5 ratings 0.585 against 0.514, 20 ratings 0.642 against 0.453 (the model retrained
    // with those ratings: 0.582, 0.617); RMSE 0.995 against 1.096 (retrained 0.951)
    assertTrue(folded5 > 1.08 * pop5, "5 ratings: fold-in " + folded5 + " vs popularity " + pop5);
    assertTrue(folded20 > 1.25 * pop20, "20 ratings: fold-in " + folded20 + " vs popularity " + pop20);
    assertTrue(rmse[0] < rmse[1] - 0.05, "RMSE of fold-in " + rmse[0] + " vs the untrained row " + rmse[1]);
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    for (int given : new int[] {5, 20, 200}) {
      int[] users = cold.users();
      History[] hs = new History[users.length];
      for (int k = 0; k < users.length; k++) {
        hs[k] = cold.given(users[k], given);
      }
      double best = Double.POSITIVE_INFINITY;
      for (int rep = 0; rep < 3; rep++) {
        long t0 = cpu.getCurrentThreadCpuTime();
        for (History h : hs) {
          m.foldIn(h);
        }
        best = Math.min(best, (cpu.getCurrentThreadCpuTime() - t0) / 1e6 / hs.length);
      }
      System.out.printf(java.util.Locale.ROOT, "multitask fold-in of %d ratings: %.2f ms CPU each (best of 3 rounds)%n", given, best);
      if (given == 20) {
        assertTrue(best < 25, "fold-in of 20 ratings took " + best + " ms of CPU");
      }
    }
  }
}
