package org.cinerec.synth;

import java.util.Arrays;
import org.cinerec.Progress;
import org.cinerec.data.Dataset;
import org.cinerec.data.IdIndex;
import org.cinerec.data.Provenance;
import org.cinerec.data.Ratings;
import org.cinerec.math.Parallel;
import org.cinerec.math.Rng;

/**
 * Generates a synthetic MovieLens-shaped {@link Dataset}, deterministic for (preset, seed) whatever the
 * number of threads.
 *
 * <p>Model. Rating {@code r(u,i) = mu + b_u + b_i + 0.7 (p_u·q_i - m_u) + e}, with a left-skewed noise
 * {@code e = 0.45 N(0,1) - 0.55 (Exp(1) - 1)} (zero mean, a longer low tail, as real ratings have), rounded to
 * whole stars 1..5 (35% of users, as before MovieLens had half stars) or half stars 0.5..5, with
 * {@code mu = 3.65}, {@code b_u ~ N(0, 0.3²)}, {@code m_u} the mean of {@code p_u·q_i} over the movies the user
 * rated (a per-user shift: taste-driven choices have a high {@code p_u·q_i}, and without it the most
 * taste-driven users would rate everything 5) and the movie side from {@link SyntheticItems}. A user belongs to
 * one of the {@link TasteGroups} and has its centre plus personal noise as factor {@code p_u}: so "a user who
 * loves one genre" is in the data, and users of a group like the same movies.
 *
 * <p>Which movies a user rates. Activity {@code n_u = 20 + extra_u} with {@code extra_u = min(cap - 20,
 * m exp(1.4 z_u))} (log-normal, capped at half the catalogue) and m chosen so the total is the preset's
 * rating count. Each candidate is, with the user's taste share {@code a_u ~ U(0.6, 1)}, a taste-driven draw
 * from the group's table ({@code popularity × exp(3 c_k·q_i)}, see {@link TasteGroups}), else a draw from the
 * Zipf-like popularity (alias method), or (0.2%) uniform; a candidate already rated is redrawn, and one is
 * kept with probability {@code 0.3 + 0.7 σ(2 taste)}, so users rate more of what they like (ratings are
 * missing not at random, as in real data). So what a user watches depends on who they are (a personal ranker
 * beats popularity clearly, as on real MovieLens), and the popular movies still dominate.
 *
 * <p>Time. Each user rates in sessions: 85% of gaps are a few seconds to minutes
 * ({@code 1 + Exp(40 s)}), the others {@code Exp(span / (0.15 n_u + 1))} with a log-normal span of
 * median 30 days; the user's first rating is placed uniformly so the last falls in the preset's range.
 * Timestamps strictly increase per user in rating order; rows are sorted by user, then movie id, as
 * MovieLens files are.
 *
 * <p>Style ({@link Preset.Style}). The MovieLens presets round as above. Another scale maps the same value
 * linearly, {@code 0.5..5 -> min..max}, and rounds to its step (MovieTweetings' 0..10: a mean near 7); its
 * movie ids are the IMDb-like numbers {@code (i+1)·7919 mod 999983}, spelled zero-padded in the vocabulary
 * (the catalogue's spelling; {@link org.cinerec.io.MovieLensWriter} writes the ratings without the zeros).
 *
 * <p>Demographics ({@link Dataset#userAttributes()}: age, gender, occupation) are drawn after the ratings from
 * their own stream, depending on each user's taste group so that they predict it ({@link Demographics}); the
 * ratings and catalogue of a seed are the same as without them.
 *
 * <p>Determinism. Movies and activity come from fixed streams of the seed; users are generated in blocks
 * of {@link #BLOCK}, each from {@link Rng#forShard}(seed, block), writing at offsets fixed in advance.
 */
public final class SyntheticData {
  /** Users per random stream; fixed, so the result does not depend on the thread count. */
  static final int BLOCK = 256;
  private static final double MU = 3.65;
  /** A user's share of taste-driven draws is uniform in [SHARE_LO, SHARE_HI]. */
  private static final double SHARE_LO = 0.6;
  private static final double SHARE_HI = 1.0;
  private static final double NOISE = 0.45;
  private static final double SKEW = 0.55;
  private static final double TASTE_SCALE = 0.7;
  /** IMDb-like ids of the padded-id style are {@code (i+1)·ID_MULTIPLIER mod ID_MODULUS} (a prime): distinct. */
  static final int ID_MODULUS = 999_983;
  private static final int ID_MULTIPLIER = 7_919;

  private SyntheticData() {}

  /** Generates the preset's data with this seed. */
  public static Dataset generate(Preset preset, long seed, Progress progress) {
    return generate(preset, seed, progress, 0);
  }

  /** As above on {@code threads} threads (0 = the pool's size); the result does not depend on it. */
  static Dataset generate(Preset preset, long seed, Progress progress, int threads) {
    return generateWithGroups(preset, seed, progress, threads).data();
  }

  /** The data and each user's taste group (for tests of what the demographics carry). */
  record Generated(Dataset data, int[] groupOf, int groups) {}

  static Generated generateWithGroups(Preset preset, long seed, Progress progress, int threads) {
    SyntheticItems items = new SyntheticItems(preset, Rng.forShard(seed, -2));
    int[] offsets = activity(preset, Rng.forShard(seed, -3));
    int users = preset.users();
    int total = offsets[users];
    int[] user = new int[total];
    int[] item = new int[total];
    float[] rating = new float[total];
    int[] time = new int[total];
    AliasTable popularity = new AliasTable(items.weight);
    TasteGroups groups = new TasteGroups(preset, items, Rng.forShard(seed, -4));
    int[] groupOf = new int[users];
    int blocks = (users + BLOCK - 1) / BLOCK;
    int wave = Math.max(1, Parallel.threads() * 4);
    progress.start("generating " + preset.name() + " (" + total + " ratings)", users);
    for (int first = 0; first < blocks; first += wave) {
      int firstBlock = first;
      int n = Math.min(wave, blocks - first);
      Parallel.forEachChunk(n, threads, (chunk, from, to) -> {
        UserSampler sampler = new UserSampler(preset, items, popularity, groups);
        for (int b = firstBlock + from; b < firstBlock + to; b++) {
          Rng rng = Rng.forShard(seed, b);
          int end = Math.min(users, (b + 1) * BLOCK);
          for (int u = b * BLOCK; u < end; u++) {
            groupOf[u] = sampler.user(u, offsets[u], offsets[u + 1] - offsets[u], rng, user, item, rating, time);
          }
        }
      });
      progress.update(Math.min(users, (long) (first + n) * BLOCK));
    }
    progress.finish();
    Ratings ratings = new Ratings(user, item, rating, time, users, items.count);
    Dataset data = new Dataset(ratings, ids(users, 0), ids(items.count, preset.style().idDigits()), items.catalog(),
        Provenance.of("synthetic", total, "synthetic preset " + preset.name() + ", seed " + seed),
        scale(preset.style()), Demographics.draw(groupOf, groups.count, seed));
    return new Generated(data, groupOf, groups.count);
  }

  /**
   * The generator's own scale, fixed by the preset's style (source "format"): MovieLens style whole or half
   * stars in 0.5..5 in steps of 0.5; the MovieTweetings style 0..10 in whole steps.
   */
  static org.cinerec.data.RatingScale scale(Preset.Style style) {
    return new org.cinerec.data.RatingScale(style.min(), style.max(), style.step(),
        org.cinerec.data.RatingScale.Source.FORMAT);
  }

  /** Prefix offsets of each user's ratings: {@code offsets[u+1] - offsets[u] = n_u}. */
  static int[] activity(Preset preset, Rng rng) {
    int users = preset.users();
    int cap = preset.items() / 2;
    double[] raw = new double[users];
    double sum = 0;
    for (int u = 0; u < users; u++) {
      raw[u] = Math.exp(1.4 * rng.nextGaussian());
      sum += raw[u];
    }
    double extra = preset.ratings() - (double) users * Preset.MIN_RATINGS;
    double room = cap - Preset.MIN_RATINGS;
    // scale m so that sum(min(room, m raw_u)) = extra: users at the cap hand their surplus to the others
    double lo = extra / sum;
    double hi = lo;
    while (capped(raw, hi, room) < extra) {
      hi *= 2;
    }
    for (int it = 0; it < 100 && hi - lo > 1e-12 * hi; it++) {
      double mid = (lo + hi) / 2;
      if (capped(raw, mid, room) < extra) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    int[] offsets = new int[users + 1];
    double cum = 0;
    long prev = 0;
    for (int u = 0; u < users; u++) {
      cum += Math.min(room, hi * raw[u]);
      long rounded = Math.round(cum);
      int n = (int) Math.min(cap, Preset.MIN_RATINGS + rounded - prev);
      prev = rounded;
      offsets[u + 1] = offsets[u] + n;
    }
    return offsets;
  }

  private static double capped(double[] raw, double m, double room) {
    double s = 0;
    for (double r : raw) {
      s += Math.min(room, m * r);
    }
    return s;
  }

  /** Ids 1..n, or with {@code digits > 0} distinct IMDb-like numbers zero-padded to that many digits. */
  private static IdIndex ids(int n, int digits) {
    String[] ids = new String[n];
    String format = "%0" + digits + "d";
    for (int i = 0; i < n; i++) {
      ids[i] = digits == 0 ? Integer.toString(i + 1)
          : String.format(java.util.Locale.ROOT, format, (long) (i + 1) * ID_MULTIPLIER % ID_MODULUS);
    }
    return IdIndex.of(ids);
  }

  /** Per-thread scratch and the per-user draw; see the class comment for the model. */
  private static final class UserSampler {
    private final Preset preset;
    private final SyntheticItems items;
    private final AliasTable popularity;
    private final TasteGroups groups;
    private final int[] takenBy;
    private final float[] taste = new float[SyntheticItems.DIMS];
    private int[] drawn = new int[64];
    private float[] drawnRating = new float[64];
    private long[] order = new long[64];

    UserSampler(Preset preset, SyntheticItems items, AliasTable popularity, TasteGroups groups) {
      this.preset = preset;
      this.groups = groups;
      this.items = items;
      this.popularity = popularity;
      this.takenBy = new int[items.count];
      Arrays.fill(takenBy, -1);
    }

    /** Draws user {@code u}'s {@code n} ratings into the columns at {@code at}; returns her taste group. */
    int user(int u, int at, int n, Rng rng, int[] user, int[] item, float[] rating, int[] time) {
      if (drawn.length < n) {
        drawn = new int[n];
        drawnRating = new float[n];
        order = new long[n];
      }
      int dims = SyntheticItems.DIMS;
      int group = groups.pick(rng);
      groups.taste(group, rng, taste);
      double share = SHARE_LO + (SHARE_HI - SHARE_LO) * rng.nextDouble();
      double userBias = 0.3 * rng.nextGaussian();
      boolean halfStars = rng.nextDouble() < 0.65;
      int count = 0;
      long attempts = 0;
      long maxAttempts = 200L * n + 1000;
      while (count < n && attempts++ < maxAttempts) {
        double x = rng.nextDouble();
        int i = x < share ? groups.choose(group, rng)
            : x < 0.998 ? popularity.sample(rng) : rng.nextInt(items.count);
        if (takenBy[i] == u) {
          continue;
        }
        double t = TASTE_SCALE * dot(items.factors, i * dims, dims);
        if (rng.nextDouble() >= 0.3 + 0.7 / (1 + Math.exp(-2 * t))) {
          continue;
        }
        takenBy[i] = u;
        drawn[count] = i;
        drawnRating[count++] = (float) t;
      }
      // taste-driven choices have a high p_u·q_i: centre it on the user's own mean (a per-user shift, the
      // within-user signal is kept), so the mean rating does not depend on how taste-driven the user is
      double meanTaste = 0;
      for (int j = 0; j < count; j++) {
        meanTaste += drawnRating[j];
      }
      meanTaste = count == 0 ? 0 : meanTaste / count;
      for (int j = 0; j < count; j++) {
        int i = drawn[j];
        drawnRating[j] = round(MU + userBias + items.bias[i] + drawnRating[j] - meanTaste + noise(rng), halfStars,
            preset.style());
      }
      for (int i = rng.nextInt(items.count); count < n; i = (i + 1) % items.count) {
        if (takenBy[i] != u) { // only after maxAttempts: fill deterministically from a random start
          takenBy[i] = u;
          drawn[count] = i;
          drawnRating[count++] = round(MU + userBias + items.bias[i] + noise(rng), halfStars, preset.style());
        }
      }
      long[] times = timestamps(n, rng);
      for (int j = 0; j < n; j++) {
        order[j] = ((long) drawn[j] << 32) | j;
      }
      Arrays.sort(order, 0, n);
      for (int k = 0; k < n; k++) {
        int j = (int) order[k];
        user[at + k] = u;
        item[at + k] = drawn[j];
        rating[at + k] = drawnRating[j];
        time[at + k] = Ratings.packTimestamp(times[j]);
      }
      return group;
    }

    /** {@code NOISE N(0,1) - SKEW (Exp(1) - 1)}: zero mean, a longer low tail (real ratings skew left). */
    private static double noise(Rng rng) {
      return NOISE * rng.nextGaussian() - SKEW * (-Math.log(1 - rng.nextDouble()) - 1);
    }

    private float dot(float[] f, int off, int dims) {
      float s = 0;
      for (int d = 0; d < dims; d++) {
        s += taste[d] * f[off + d];
      }
      return s;
    }

    private static float round(double r, boolean halfStars, Preset.Style style) {
      if (!style.equals(Preset.Style.MOVIELENS)) {
        double scaled = (r - 0.5) / 4.5 * (style.max() - style.min()) / style.step();
        double steps = Math.rint(Math.min((style.max() - style.min()) / style.step(), Math.max(0, scaled)));
        return (float) (style.min() + steps * style.step());
      }
      if (halfStars) {
        return (float) (Math.min(10, Math.max(1, Math.rint(r * 2))) / 2);
      }
      return (float) Math.min(5, Math.max(1, Math.rint(r)));
    }

    /** n strictly increasing Unix seconds inside the preset's range (see the class comment). */
    private long[] timestamps(int n, Rng rng) {
      double span = 30 * 86_400 * Math.exp(1.5 * rng.nextGaussian());
      double sessionGap = span / (0.15 * n + 1);
      long[] t = new long[n];
      double now = 0;
      for (int j = 0; j < n; j++) {
        if (j > 0) {
          double gap = rng.nextDouble() < 0.85 ? 1 + 40 * -Math.log(1 - rng.nextDouble())
              : sessionGap * -Math.log(1 - rng.nextDouble());
          now += Math.max(1, Math.floor(gap));
        }
        t[j] = (long) now;
      }
      long range = preset.lastSecond() - preset.firstSecond();
      long last = t[n - 1];
      if (last > range - n) { // squeeze into the range, keeping strict order
        for (int j = 0; j < n; j++) {
          t[j] = (long) (t[j] * ((double) (range - n) / Math.max(1, last))) + j;
        }
        last = t[n - 1];
      }
      long start = preset.firstSecond() + (long) (rng.nextDouble() * (range - last));
      for (int j = 0; j < n; j++) {
        t[j] += start;
      }
      return t;
    }
  }
}
