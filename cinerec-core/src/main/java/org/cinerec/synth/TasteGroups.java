package org.cinerec.synth;

import org.cinerec.math.Rng;

/**
 * The user side of the synthetic model: groups of users with a shared taste, and for each group the
 * distribution of the movies its members choose by taste.
 *
 * <p>Each group {@code k} has a centre {@code c_k} in the latent space of {@link SyntheticItems}: N(0, 0.5²)
 * on every genre dimension plus {@link #FAVOURITE} on one or two favourite genres (drawn by genre share), and
 * N(0, {@link #FREE_SD}²) on the free dimensions. A member's taste is the centre plus N(0, {@link #SPREAD}²)
 * on every dimension, so the members agree on what they like but not exactly. Group sizes vary
 * (log-normal weights). There are about one group per {@link #USERS_PER_GROUP} users, between
 * {@link #MIN_GROUPS} and {@link #MAX_GROUPS}.
 *
 * <p>Taste-driven choice: a group's members pick movie {@code i} with probability proportional to
 * {@code w_i exp(}{@link #BETA}{@code  c_k·q_i)} (popularity times taste, an alias table per group), so a group's favourite
 * genres and its corner of the free dimensions dominate what its members watch, while the popular movies
 * still come first within them.
 */
final class TasteGroups {
  static final double FAVOURITE = 1.5;
  static final double FREE_SD = 0.7;
  static final double SPREAD = 0.3;
  static final double BETA = 3.0;
  static final int USERS_PER_GROUP = 40;
  static final int MIN_GROUPS = 4;
  static final int MAX_GROUPS = 64;

  final int count;
  final float[] centres;
  private final AliasTable size;
  private final AliasTable[] choice;

  TasteGroups(Preset preset, SyntheticItems items, Rng rng) {
    int dims = SyntheticItems.DIMS;
    count = Math.max(MIN_GROUPS, Math.min(MAX_GROUPS, preset.users() / USERS_PER_GROUP));
    centres = new float[count * dims];
    double[] sizes = new double[count];
    for (int k = 0; k < count; k++) {
      int off = k * dims;
      for (int g = 0; g < SyntheticItems.GENRES; g++) {
        centres[off + g] = (float) (0.5 * rng.nextGaussian());
      }
      int favourites = 1 + rng.nextInt(2);
      for (int f = 0; f < favourites; f++) {
        centres[off + SyntheticItems.pickGenre(rng)] += (float) FAVOURITE;
      }
      for (int d = SyntheticItems.GENRES; d < dims; d++) {
        centres[off + d] = (float) (FREE_SD * rng.nextGaussian());
      }
      sizes[k] = Math.exp(0.5 * rng.nextGaussian());
    }
    size = new AliasTable(sizes);
    choice = new AliasTable[count];
    double[] w = new double[items.count];
    double[] dot = new double[items.count];
    for (int k = 0; k < count; k++) {
      int off = k * dims;
      double max = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < items.count; i++) {
        double s = 0;
        for (int d = 0; d < dims; d++) {
          s += centres[off + d] * items.factors[i * dims + d];
        }
        dot[i] = s;
        max = Math.max(max, s);
      }
      for (int i = 0; i < items.count; i++) {
        w[i] = items.weight[i] * Math.exp(BETA * (dot[i] - max));
      }
      choice[k] = new AliasTable(w);
    }
  }

  /** A group for a new user, by group size. */
  int pick(Rng rng) {
    return size.sample(rng);
  }

  /** A movie chosen by group k's taste. */
  int choose(int k, Rng rng) {
    return choice[k].sample(rng);
  }

  /** A member's taste: the group centre plus personal noise (see the class comment). */
  void taste(int k, Rng rng, float[] out) {
    int dims = SyntheticItems.DIMS;
    for (int d = 0; d < dims; d++) {
      out[d] = (float) (centres[k * dims + d] + SPREAD * rng.nextGaussian());
    }
  }
}
