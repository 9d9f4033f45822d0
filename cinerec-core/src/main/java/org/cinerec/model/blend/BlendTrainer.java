package org.cinerec.model.blend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.cinerec.CinerecException;
import org.cinerec.data.Dataset;
import org.cinerec.data.Ratings;
import org.cinerec.math.Cholesky;
import org.cinerec.model.ModelFamilies;
import org.cinerec.model.ModelFamily;
import org.cinerec.model.ModelInfo;
import org.cinerec.model.Params;
import org.cinerec.model.Recommender;
import org.cinerec.model.Trainer;
import org.cinerec.split.HashSplit;
import org.cinerec.train.TrainingListener;

/**
 * Fits a {@link BlendModel}, the Netflix Prize's lesson (Töscher, Jahrer and Bell 2009; Koren 2009): several
 * models' predictions combined by a regression fitted on ratings none of them trained on.
 *
 * <ol>
 *   <li>The training ratings are cut in two by {@link HashSplit#inTest}{@code (seed, holdout, user, movie)}: a
 *       holdout ({@code --holdout}, 10%) and the rest.</li>
 *   <li>Each member ({@code --members}) is trained on the rest, with its defaults and {@code --member-params},
 *       the blend's seed and thread count where it takes them.</li>
 *   <li>On the holdout, each rating gets the features of {@link BlendFeatures} (members' predictions clipped to
 *       the scale, and the support of the user and the movie in the rest), and the weights are the ridge
 *       solution w = (XᵀX/n + λ D)⁻¹ Xᵀy/n, D the identity without the intercept, λ = {@code --ridge}; in
 *       double precision, summed in holdout order.</li>
 *   <li>With {@code --refit} (the default) the members are trained again on all the training ratings with the
 *       same settings and the weights are kept: a member trained on 10% more data predicts a little better
 *       than the one the weights were fitted to, which is the usual practice (the Netflix teams retrained on
 *       the probe set before submitting).</li>
 * </ol>
 * The training history records each member's and the blend's RMSE on the holdout (the blend's is in-sample:
 * its weights were fitted there). Deterministic when every member is.
 */
final class BlendTrainer implements Trainer {
  private final Params params;

  BlendTrainer(Params params) {
    this.params = params;
  }

  @Override
  public String kind() {
    return BlendModel.KIND;
  }

  @Override
  public Params params() {
    return params;
  }

  /** The member kinds, validated: known, predicting ratings, no repeats, at least one. */
  static String[] members(Params params) {
    Set<String> kinds = new LinkedHashSet<>();
    for (String k : params.getString("members").split(",")) {
      String kind = k.trim();
      if (kind.isEmpty()) {
        continue;
      }
      ModelFamilies.get(kind);
      if (kind.equals(BlendModel.KIND)) {
        throw CinerecException.usage("--members: a blend cannot be a member of a blend");
      }
      if (!kinds.add(kind)) {
        throw CinerecException.usage("--members: \"" + kind + "\" is given twice");
      }
    }
    if (kinds.isEmpty()) {
      throw CinerecException.usage("--members: give at least one model, e.g. mf,svdpp,baseline");
    }
    return kinds.toArray(new String[0]);
  }

  /** Each member's parameters (name → text): --member-params, then the blend's seed and threads. */
  static Map<String, Map<String, String>> memberParams(Params params, String[] members) {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    for (String m : members) {
      out.put(m, new LinkedHashMap<>());
    }
    String given = params.getString("member-params").trim();
    if (!given.isEmpty()) {
      for (String item : given.split(",")) {
        String s = item.trim();
        int dot = s.indexOf('.');
        int eq = s.indexOf('=');
        if (dot <= 0 || eq < dot + 2) {
          throw CinerecException.usage("--member-params: \"" + s + "\" is not KIND.NAME=VALUE (e.g. mf.factors=150)");
        }
        String kind = s.substring(0, dot);
        String name = s.substring(dot + 1, eq);
        Map<String, String> p = out.get(kind);
        if (p == null) {
          throw CinerecException.usage("--member-params: \"" + kind + "\" is not among --members "
              + String.join(",", members));
        }
        ModelFamily f = ModelFamilies.get(kind);
        if (!f.params().has(name)) {
          throw CinerecException.usage("--member-params: the " + kind + " model has no parameter \"" + name + "\"");
        }
        p.put(name, s.substring(eq + 1));
      }
    }
    for (String m : members) {
      ModelFamily f = ModelFamilies.get(m);
      Map<String, String> p = out.get(m);
      if (f.params().has("seed")) {
        p.putIfAbsent("seed", Long.toString(params.getLong("seed")));
      }
      if (f.params().has("threads")) {
        p.putIfAbsent("threads", Integer.toString(params.getInt("threads")));
      }
      f.params().parse(p); // a bad value fails here, before any training
    }
    return out;
  }

  @Override
  public Recommender fit(Dataset train, Ratings validation, TrainingListener listener) {
    long t0 = System.nanoTime();
    String[] kinds = members(params);
    Map<String, Map<String, String>> memberParams = memberParams(params, kinds);
    Ratings r = train.ratings();
    long seed = params.getLong("seed");
    double fraction = params.getDouble("holdout");
    int[] hold = holdout(train, seed, fraction);
    int[] rest = complement(hold, r.size());
    if (hold.length == 0 || rest.length == 0) {
      throw new CinerecException("blend: the training data has " + r.size() + " ratings, too few to hold out "
          + fraction + " of them and train on the rest");
    }
    Dataset restData = train.withRatings(r.select(rest));
    Recommender[] first = new Recommender[kinds.length];
    for (int m = 0; m < kinds.length; m++) {
      first[m] = trainMember(kinds[m], memberParams.get(kinds[m]), restData);
    }
    double mean = restData.ratings().mean();
    int[] userSupport = counts(restData.ratings().users(), train.numUsers());
    int[] itemSupport = counts(restData.ratings().items(), train.numItems());
    int nf = BlendFeatures.count(kinds.length);
    double[] a = new double[nf * nf];
    double[] b = new double[nf];
    double[] x = new double[nf];
    float[] p = new float[kinds.length];
    double[] memberSq = new double[kinds.length];
    for (int h : hold) {
      int u = r.user(h);
      int i = r.item(h);
      for (int m = 0; m < kinds.length; m++) {
        p[m] = first[m].info().clip(first[m].predict(u, i));
        double e = p[m] - r.rating(h);
        memberSq[m] += e * e;
      }
      BlendFeatures.fill(x, p, mean, userSupport[u], itemSupport[i]);
      for (int j = 0; j < nf; j++) {
        for (int l = 0; l <= j; l++) {
          a[j * nf + l] += x[j] * x[l];
        }
        b[j] += x[j] * r.rating(h);
      }
    }
    double n = hold.length;
    double ridge = params.getDouble("ridge");
    for (int j = 0; j < nf; j++) {
      for (int l = 0; l <= j; l++) {
        a[j * nf + l] /= n;
      }
      a[j * nf + j] += j == 0 ? 1e-12 : ridge;
      b[j] /= n;
    }
    Cholesky.solve(a, b, nf);
    double[] w = b;
    double blendSq = 0;
    for (int h : hold) {
      int u = r.user(h);
      int i = r.item(h);
      for (int m = 0; m < kinds.length; m++) {
        p[m] = first[m].info().clip(first[m].predict(u, i));
      }
      BlendFeatures.fill(x, p, mean, userSupport[u], itemSupport[i]);
      double e = first[0].info().clip((float) BlendFeatures.dot(w, x)) - r.rating(h);
      blendSq += e * e;
    }
    Map<String, Double> metrics = new LinkedHashMap<>();
    for (int m = 0; m < kinds.length; m++) {
      metrics.put("holdout_rmse_" + kinds[m], Math.sqrt(memberSq[m] / n));
    }
    metrics.put("holdout_rmse_blend_in_sample", Math.sqrt(blendSq / n));
    listener.epochEnded(1, metrics);

    Recommender[] members = first;
    if (params.getBool("refit")) {
      members = new Recommender[kinds.length];
      for (int m = 0; m < kinds.length; m++) {
        members[m] = trainMember(kinds[m], memberParams.get(kinds[m]), train);
      }
      mean = r.mean();
      userSupport = counts(r.users(), train.numUsers());
      itemSupport = counts(r.items(), train.numItems());
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    List<ModelInfo.EpochRecord> history = new ArrayList<>();
    history.add(new ModelInfo.EpochRecord(1, seconds, metrics));
    ModelInfo info = ModelInfo.of(kind(), params, seed, train, seconds, history);
    return new BlendModel(info, train.users(), train.items(), org.cinerec.model.TrainingItems.of(r), members, w,
        (float) mean, userSupport, itemSupport);
  }

  private static Recommender trainMember(String kind, Map<String, String> p, Dataset data) {
    Recommender m = ModelFamilies.trainer(kind, p).fit(data);
    if (!m.predictsRatings()) {
      throw CinerecException.usage("--members: the " + kind + " model only ranks movies (it predicts no ratings), "
          + "so it cannot be blended; use rating models such as baseline, mf, svdpp, als, itemknn, multitask");
    }
    return m;
  }

  /** The training rows held out: by the split hash of (seed, user id, movie id), in row order. */
  static int[] holdout(Dataset train, long seed, double fraction) {
    Ratings r = train.ratings();
    int[] out = new int[r.size()];
    int n = 0;
    long[] userHash = new long[train.numUsers()];
    long[] itemHash = new long[train.numItems()];
    for (int u = 0; u < userHash.length; u++) {
      userHash[u] = HashSplit.idHash(train.users().id(u));
    }
    for (int i = 0; i < itemHash.length; i++) {
      itemHash[i] = HashSplit.idHash(train.items().id(i));
    }
    for (int k = 0; k < r.size(); k++) {
      if (HashSplit.inTest(seed, fraction, userHash[r.user(k)], itemHash[r.item(k)])) {
        out[n++] = k;
      }
    }
    return Arrays.copyOf(out, n);
  }

  private static int[] complement(int[] sorted, int size) {
    int[] out = new int[size - sorted.length];
    int n = 0;
    int j = 0;
    for (int k = 0; k < size; k++) {
      if (j < sorted.length && sorted[j] == k) {
        j++;
      } else {
        out[n++] = k;
      }
    }
    return out;
  }

  static int[] counts(int[] index, int size) {
    int[] c = new int[size];
    for (int v : index) {
      c[v]++;
    }
    return c;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "blend %s", params);
  }
}
