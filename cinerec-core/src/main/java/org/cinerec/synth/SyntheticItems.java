package org.cinerec.synth;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.cinerec.data.Catalog;
import org.cinerec.math.Rng;

/**
 * The movie side of the synthetic model: catalogue (title, year, genres), latent factors, biases and
 * popularity.
 *
 * <p>Latent space: {@link #DIMS} = 19 genre dimensions + {@link #FREE} free ones. A movie's factor has
 * {@code 1/sqrt(#genres)} on each of its genres (plus N(0, 0.15²) noise) and N(0, 0.5²) on the free
 * dimensions, so a user's weight on a genre dimension is their taste for that genre. Genres are drawn
 * independently with ml-latest-small's per-genre shares (2.26 a movie on average, at least one) and
 * listed alphabetically as MovieLens lists them. Years skew recent (exponential, mean 15 years back from
 * the last rating year); movie ids follow release year, as MovieLens ids roughly do.
 *
 * <p>Popularity: the movies get a random rank r (0 = most popular) and weight {@code 1/(r+offset)^zipf}; the
 * bias is {@code N(0, 0.3²) + 0.12 z} with z the standardised log weight, so popular movies are rated a
 * little higher, as in MovieLens, shifted so its popularity-weighted mean is 0 (then the mean rating is
 * about the same for every preset).
 */
final class SyntheticItems {
  static final int GENRES = Titles.GENRES.length;
  static final int FREE = 5;
  static final int DIMS = GENRES + FREE;

  final int count;
  final float[] factors;
  final float[] bias;
  final double[] weight;
  final int[] years;
  final String[][] genres;
  final String[] titles;

  SyntheticItems(Preset preset, Rng rng) {
    count = preset.items();
    factors = new float[count * DIMS];
    bias = new float[count];
    weight = new double[count];
    years = new int[count];
    genres = new String[count][];
    titles = new String[count];
    int lastYear = Instant.ofEpochSecond(preset.lastSecond()).atZone(ZoneOffset.UTC).getYear();
    for (int i = 0; i < count; i++) {
      years[i] = Math.max(1902, lastYear - (int) Math.floor(-Math.log(1 - rng.nextDouble()) * 15));
    }
    Arrays.sort(years);
    boolean[] has = new boolean[GENRES];
    for (int i = 0; i < count; i++) {
      int n = 0;
      for (int g = 0; g < GENRES; g++) {
        has[g] = rng.nextDouble() < Titles.GENRE_SHARE[g];
        n += has[g] ? 1 : 0;
      }
      if (n == 0) {
        has[pickGenre(rng)] = true;
        n = 1;
      }
      String[] list = new String[n];
      int[] idx = new int[n];
      int k = 0;
      int off = i * DIMS;
      float share = (float) (1 / Math.sqrt(n));
      for (int g = 0; g < GENRES; g++) {
        factors[off + g] = (float) (0.15 * rng.nextGaussian()) + (has[g] ? share : 0);
        if (has[g]) {
          idx[k] = g;
          list[k++] = Titles.GENRES[g];
        }
      }
      for (int f = GENRES; f < DIMS; f++) {
        factors[off + f] = (float) (0.5 * rng.nextGaussian());
      }
      genres[i] = list;
      titles[i] = Titles.make(rng, idx[rng.nextInt(n)]);
    }
    int[] rank = rng.permutation(count);
    double sumLog = 0;
    double sumLog2 = 0;
    for (int i = 0; i < count; i++) {
      weight[i] = Math.pow(rank[i] + preset.offset(), -preset.zipf());
      double l = Math.log(weight[i]);
      sumLog += l;
      sumLog2 += l * l;
    }
    double meanLog = sumLog / count;
    double sdLog = Math.sqrt(Math.max(1e-12, sumLog2 / count - meanLog * meanLog));
    double[] b = new double[count];
    double weighted = 0;
    double sumWeight = 0;
    for (int i = 0; i < count; i++) {
      double z = (Math.log(weight[i]) - meanLog) / sdLog;
      b[i] = 0.3 * rng.nextGaussian() + 0.12 * z;
      weighted += weight[i] * b[i];
      sumWeight += weight[i];
    }
    double centre = weighted / sumWeight; // popularity-weighted mean 0: the mean rating does not depend on the preset
    for (int i = 0; i < count; i++) {
      bias[i] = (float) (b[i] - centre);
    }
  }

  /** A genre drawn with the MovieLens genre shares as weights. */
  static int pickGenre(Rng rng) {
    double total = 0;
    for (double s : Titles.GENRE_SHARE) {
      total += s;
    }
    double x = rng.nextDouble() * total;
    for (int g = 0; g < GENRES; g++) {
      x -= Titles.GENRE_SHARE[g];
      if (x < 0) {
        return g;
      }
    }
    return GENRES - 1;
  }

  Catalog catalog() {
    Catalog.Builder b = Catalog.builder();
    for (int i = 0; i < count; i++) {
      b.add(titles[i], years[i], genres[i], null, null);
    }
    return b.build();
  }
}
