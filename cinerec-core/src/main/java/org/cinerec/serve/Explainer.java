package org.cinerec.serve;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.cinerec.data.Catalog;
import org.cinerec.data.RatingScale;
import org.cinerec.math.Vectors;
import org.cinerec.model.Recommender;

/**
 * Reasons for a recommended movie: the rated movies that contribute most to it, by the model's own
 * similarity between movies (the one {@code similar} lists) weighted by how much the subject liked each.
 *
 * <p>For a recommended movie i and a rated movie j with rating r_j, in a history of mean m: j counts when the
 * model learned something about it ({@link Recommender#knowsItem}), its similarity s(i, j) is positive, and
 * r_j ≥ m (a movie rated below the subject's own mean is not a reason to like anything); its weight is
 * {@code s(i, j) · (1 + r_j − m)}. Without ratings (a training user whose ratings the caller does not give:
 * the model file keeps which movies they rated, not the ratings) every rated movie counts with weight
 * {@code s(i, j)}. The {@value #MAX_REASONS}
 * heaviest are given, heaviest first (ties: lower item index).
 *
 * <p>s is the cosine of item vectors for models with them ({@link org.cinerec.model.ItemEmbeddings}: the
 * factor models, bpr, multitask; the same cosine their {@code similarItems} gives), else
 * {@link Recommender#similarItems} at the rated movies ({@link Recommender#similarities}: itemknn, ease). Models without
 * similarity between movies (popularity, baseline) give no reasons. This is an explanation by neighbours,
 * the same for every family; it is not each model's exact decomposition of its score.
 */
final class Explainer {
  /** The most reasons given for one movie. */
  static final int MAX_REASONS = 3;

  private final Recommender model;
  private final Catalog catalog;
  /** The values of a stepped scale (as floats, ascending) and their texts, formatted once. */
  private final float[] scaleValues;
  private final String[] scaleTexts;

  Explainer(Recommender model, Catalog catalog) {
    this.model = model;
    this.catalog = catalog;
    RatingScale scale = model.info() == null ? null : model.info().scale();
    int n = scale == null || scale.values() > 1000 ? 0 : scale.values();
    this.scaleValues = new float[n];
    this.scaleTexts = new String[n];
    for (int i = 0; i < n; i++) {
      scaleValues[i] = (float) (scale.min() + i * scale.step());
      scaleTexts[i] = formatRating(scaleValues[i]);
    }
  }

  /**
   * The rated movies that may be reasons, found once for a whole list (what does not depend on the recommended
   * movie): those the model learned something about, rated at or above the subject's mean rating.
   *
   * @param rated    the rated movies (item indices)
   * @param ratings  their ratings, or null when unknown
   * @param mean     the mean of {@code ratings} (0 when null)
   * @param position for each candidate, its position in {@code rated}, in order
   * @param items    for each candidate, its item index ({@code rated[position[t]]})
   */
  record Candidates(int[] rated, float[] ratings, double mean, int[] position, int[] items) {}

  /** The candidates among {@code rated} (ratings null when unknown): see {@link Candidates}. */
  Candidates candidates(int[] rated, float[] ratings) {
    double mean = 0;
    if (ratings != null && rated.length > 0) {
      for (float r : ratings) {
        mean += r;
      }
      mean /= ratings.length;
    }
    int[] position = new int[rated.length];
    int n = 0;
    for (int q = 0; q < rated.length; q++) {
      if (model.knowsItem(rated[q]) && !(ratings != null && ratings[q] < mean)) {
        position[n++] = q;
      }
    }
    position = Arrays.copyOf(position, n);
    int[] items = new int[n];
    for (int t = 0; t < n; t++) {
      items[t] = rated[position[t]];
    }
    return new Candidates(rated, ratings, mean, position, items);
  }

  /**
   * The reasons for {@code item}.
   *
   * @param rated   the rated movies (item indices)
   * @param ratings their ratings, or null when unknown
   * @param unit    unit item vectors, or null to use {@link Recommender#similarities}
   * @param dim     their length
   */
  List<Reason> reasons(int item, int[] rated, float[] ratings, float[] unit, int dim) {
    return reasons(item, candidates(rated, ratings), unit, dim);
  }

  /**
   * The reasons for {@code item} among the candidates of a list ({@link #candidates}): their similarities to
   * it in one batch (cosines of unit vectors four rows at a time, {@link Vectors#dotRows}; else the model's
   * own similarity at those movies only, {@link Recommender#similarities}), then the heaviest kept in one pass.
   */
  List<Reason> reasons(int item, Candidates c, float[] unit, int dim) {
    int[] rated = c.rated();
    float[] ratings = c.ratings();
    int m = c.items().length;
    if (rated.length == 0 || m == 0 || (unit == null && !model.hasItemSimilarity())) {
      return List.of();
    }
    if (item >= model.items().size() && (unit == null || (long) (item + 1) * dim > unit.length)) {
      return List.of(); // a movie added after training, without a vector to compare it by
    }
    float[] sims = new float[m];
    if (unit != null) {
      Vectors.dotRows(unit, item * dim, unit, c.items(), m, dim, sims);
    } else {
      model.similarities(item, c.items(), sims);
    }
    double mean = c.mean();
    // the MAX_REASONS heaviest in one pass, no sorting or boxing (a history may hold thousands of movies)
    int[] best = new int[MAX_REASONS];
    double[] bestWeight = new double[MAX_REASONS];
    float[] bestSim = new float[MAX_REASONS];
    int n = 0;
    for (int t = 0; t < m; t++) {
      int q = c.position()[t];
      int j = rated[q];
      if (j == item) {
        continue;
      }
      float s = sims[t];
      if (!(s > 0) || !Float.isFinite(s)) {
        continue;
      }
      double w = ratings == null ? s : s * (1 + ratings[q] - mean);
      // insertion into the short list: heavier first, ties by lower item index
      int at = n;
      while (at > 0 && (w > bestWeight[at - 1] || (w == bestWeight[at - 1] && j < rated[best[at - 1]]))) {
        at--;
      }
      if (at >= MAX_REASONS) {
        continue;
      }
      for (int u = Math.min(n, MAX_REASONS - 1); u > at; u--) {
        best[u] = best[u - 1];
        bestWeight[u] = bestWeight[u - 1];
        bestSim[u] = bestSim[u - 1];
      }
      best[at] = q;
      bestWeight[at] = w;
      bestSim[at] = s;
      n = Math.min(n + 1, MAX_REASONS);
    }
    List<Reason> out = new ArrayList<>();
    for (int t = 0; t < n; t++) {
      int q = best[t];
      int j = rated[q];
      Float r = ratings == null ? null : ratings[q];
      String text = Reason.PREFIX + catalog.displayTitle(j) + (r == null ? "" : " " + ratingText(r));
      out.add(new Reason(model.items().id(j), catalog.title(j), r, bestSim[t], text));
    }
    return out;
  }

  /** "5★" on a scale up to 5 stars, "8/10" on another scale; the scale's own values from a table. */
  String ratingText(float r) {
    int at = Arrays.binarySearch(scaleValues, r);
    return at >= 0 ? scaleTexts[at] : formatRating(r);
  }

  private String formatRating(float r) {
    RatingScale scale = model.info().scale();
    String v = RatingScale.fmt(Double.parseDouble(Float.toString(r)));
    return scale.max() == 5 ? v + "★" : v + "/" + RatingScale.fmt(scale.max());
  }
}
