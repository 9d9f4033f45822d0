package org.cinerec.model.neural;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.cinerec.math.Rng;
import org.cinerec.train.Optimizer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Analytic gradients of every layer and both losses ({@link BatchStep}, {@link Mlp}) against central
 * finite differences of the independent double-precision {@link DoubleReference}.
 */
class MultitaskGradientTest {

  @ParameterizedTest(name = "gradients match finite differences: {0}")
  @CsvSource(delimiter = ';', value = {
      "both tasks, relu;activation=relu",
      "both tasks, tanh;activation=tanh",
      "both tasks, sigmoid;activation=sigmoid",
      "both tasks, elu;activation=elu",
      "both tasks, linear;activation=linear",
      "rating only;retrieval-weight=0",
      "retrieval only;rating-weight=0",
      "weighted tasks;rating-weight=0.7,retrieval-weight=2.5",
      "mean retrieval with temperature;retrieval-reduction=mean,temperature=0.3",
      "logQ correction;logq=true",
      "L2 penalty;l2=0.05",
      "everything on two threads;threads=2,l2=0.01,logq=true,temperature=0.5,activation=tanh",
      "three hidden layers;layers=7,5,3,threads=3"})
  void gradientsMatchFiniteDifferences(String name, String settings) {
    long seed = 20261128L ^ name.hashCode();
    System.out.println("seed " + seed + " for " + name);
    Map<String, String> given = new HashMap<>();
    given.put("preset", "notebook"); // each case states its differences from the plain loss
    given.put("embedding-dim", "3");
    given.put("layers", "5,4");
    given.put("threads", "1");
    for (String kv : settings.split(",(?=[a-z])")) {
      String[] p = kv.split("=");
      given.put(p[0], p[1]);
    }
    MultitaskConfig cfg = MultitaskConfig.of(MultitaskFamily.SPEC.parse(given));
    Mlp mlp = Mlp.forEmbeddings(cfg.dim(), cfg.layers(), cfg.activation());
    int d = cfg.dim();
    int nu = 4;
    int ni = 5;
    Rng rng = new Rng(seed);
    float[] ut = new float[nu * d];
    float[] it = new float[ni * d];
    float[] theta = new float[mlp.numParams()];
    rng.fillUniform(ut, -1, 1);
    rng.fillUniform(it, -1, 1);
    rng.fillUniform(theta, -0.8, 0.8);
    int[] users = {0, 1, 2, 1, 3, 0, 2};     // repeated users and movies: gradients add up per row
    int[] items = {0, 1, 2, 3, 4, 1, 0};
    float[] ratings = {4f, 3.5f, 1f, 5f, 2f, 0.5f, 3f};
    int n = users.length;
    float[] logq = cfg.logq() ? logq(ni, ni) : null;

    BatchStep step = new BatchStep(cfg, mlp, n);
    step.run(ut, it, theta, users, items, ratings, n, logq);
    float[] gu = new float[ut.length];
    float[] gi = new float[it.length];
    for (int b = 0; b < n; b++) {
      for (int j = 0; j < d; j++) {
        gu[users[b] * d + j] += step.du[b * d + j];
        gi[items[b] * d + j] += step.dm[b * d + j];
      }
    }

    DoubleReference ref = DoubleReference.of(cfg, mlp, logq, ni);
    double[] dut = toDouble(ut);
    double[] dit = toDouble(it);
    double[] dth = toDouble(theta);
    double loss = ref.loss(dut, dit, dth, users, items, ratings, n);
    assertEquals(loss, step.loss(), 1e-5 * Math.max(1, Math.abs(loss)), "loss value");

    check("user embeddings", gu, dut, () -> ref.loss(dut, dit, dth, users, items, ratings, n));
    check("movie embeddings", gi, dit, () -> ref.loss(dut, dit, dth, users, items, ratings, n));
    for (int l = 0; l < mlp.numLayers(); l++) {
      checkRange("layer " + l + " kernel", step.dTheta, dth, mlp.kernelOffset(l), mlp.biasOffset(l),
          () -> ref.loss(dut, dit, dth, users, items, ratings, n));
      checkRange("layer " + l + " bias", step.dTheta, dth, mlp.biasOffset(l), mlp.biasOffset(l) + mlp.out(l),
          () -> ref.loss(dut, dit, dth, users, items, ratings, n));
    }
  }

  static void check(String what, float[] analytic, double[] x, java.util.function.DoubleSupplier f) {
    checkRange(what, analytic, x, 0, x.length, f);
  }

  static void checkRange(String what, float[] analytic, double[] x, int from, int to,
      java.util.function.DoubleSupplier f) {
    double h = 1e-6;
    double maxAbs = 0;
    for (int i = from; i < to; i++) {
      double keep = x[i];
      x[i] = keep + h;
      double up = f.getAsDouble();
      x[i] = keep - h;
      double down = f.getAsDouble();
      x[i] = keep;
      double fd = (up - down) / (2 * h);
      maxAbs = Math.max(maxAbs, Math.abs(fd));
      double tol = 2e-4 + 1e-4 * Math.abs(fd);
      assertTrue(Math.abs(analytic[i] - fd) <= tol,
          what + "[" + (i - from) + "]: analytic " + analytic[i] + " vs finite difference " + fd);
    }
    assertTrue(to == from || maxAbs > 0 || what.contains("bias") || what.contains("kernel"),
        what + ": all gradients are zero, the check would be vacuous");
  }

  /** Distinct log-frequencies for the first {@code movies} of {@code size} rows (the rest 0, as the OOV row's). */
  static float[] logq(int movies, int size) {
    float[] logq = new float[size];
    for (int i = 0; i < movies; i++) {
      logq[i] = (float) Math.log((i + 1) / 15.0);
    }
    return logq;
  }

  /** Plain SGD at learning rate 1, ready to step: what it subtracts is the gradient (see {@link #stepped}). */
  static Optimizer unitSgd() {
    Optimizer sgd = Optimizer.of("sgd", 1f, 1e-7f, 0.1f, 0.9f, 0.999f);
    sgd.nextStep();
    return sgd;
  }

  /** The gradient one {@link #unitSgd} step applied: {@code before - after}. */
  static float[] stepped(float[] before, float[] after) {
    float[] g = new float[before.length];
    for (int k = 0; k < g.length; k++) {
      g[k] = before[k] - after[k];
    }
    return g;
  }

  static double[] toDouble(float[] a) {
    double[] d = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      d[i] = a[i];
    }
    return d;
  }
}
