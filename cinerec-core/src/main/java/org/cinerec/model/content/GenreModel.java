package org.cinerec.model.content;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.cinerec.CinerecException;
import org.cinerec.data.Catalog;
import org.cinerec.data.IdIndex;
import org.cinerec.model.History;
import org.cinerec.model.ModelInfo;
import org.cinerec.model.ModelReader;
import org.cinerec.model.TrainedModel;
import org.cinerec.model.TrainingItems;
import org.cinerec.model.UserScorer;
import org.cinerec.store.ModelWriter;

/**
 * The {@code genre} model, the named baseline of item cold start: a movie scores by how well its genres match
 * the genres of what the user watched, near-ties going to the newer movie. It needs no rating of the movie,
 * so it ranks a movie nobody has rated as well as any other (what the id-based models cannot do).
 *
 * <p>With {@code g_i} movie i's genre vector (each of its k genres {@code 1/k}, a movie without genres the
 * value {@code genre:?}, {@link Features}) and the user's profile {@code p_u = Σ_{i ∈ R(u)} g_i} (so every
 * training movie of hers counts once, whatever its rating: the protocol counts a watched movie as relevant):
 * <pre>
 *   score(u, i) = cos(p_u, g_i) + 10⁻⁶ · (year_i − 1800)        (0 for an unknown year)
 * </pre>
 * The recency term, at most 2.3·10⁻⁴, only orders movies with the same genres (whose cosines are equal)
 * and near-ties; any real difference in genre match decides first. An unknown user (or an empty fold-in
 * history) gets the profile of all training ratings, the share of each genre. Deterministic; nothing is
 * learned per movie but its genres and year, which come from the catalogue.
 *
 * <p>Ranks only ({@link #predictsRatings()} false; {@link #predict} is the score). {@link #similarItems} is
 * the cosine of genre vectors with the same recency term. Fold-in: the profile of the history's movies,
 * exactly what training computes for a user with those movies.
 */
public final class GenreModel extends TrainedModel {
  static final String KIND = "genre";
  private static final double RECENCY = 1e-6;

  private final Features genres;
  private final int[] years;
  /** Per movie: 1/|g_i| (the inverse norm of its genre vector). */
  private final float[] invNorm;
  private final float[] recency;
  /** Per training user, her profile p_u over the genre values, row-major users × values. */
  private final float[] profiles;
  private final float[] global;

  GenreModel(ModelInfo info, IdIndex users, IdIndex items, Features genres, int[] years, TrainingItems rated) {
    super(KIND, info, users, items, rated);
    if (genres.rows() != items.size() || years.length != items.size()) {
      throw new IllegalArgumentException("genres of " + genres.rows() + " movies, years of " + years.length
          + ", items " + items.size());
    }
    this.genres = genres;
    this.years = years;
    int n = items.size();
    invNorm = new float[n];
    recency = new float[n];
    for (int i = 0; i < n; i++) {
      double sq = 0;
      for (int e = genres.start(i); e < genres.end(i); e++) {
        sq += (double) genres.weight(e) * genres.weight(e);
      }
      invNorm[i] = sq == 0 ? 0f : (float) (1 / Math.sqrt(sq));
      recency[i] = years[i] == Catalog.NO_YEAR ? 0f : (float) (RECENCY * (years[i] - 1800));
    }
    int v = genres.size();
    profiles = new float[users.size() * v];
    global = new float[v];
    for (int u = 0; u < users.size(); u++) {
      for (int i : rated.items(u)) {
        addMovie(i, profiles, u * v);
        addMovie(i, global, 0);
      }
    }
  }

  private void addMovie(int item, float[] profile, int off) {
    for (int e = genres.start(item); e < genres.end(item); e++) {
      profile[off + genres.id(e)] += genres.weight(e);
    }
  }

  @Override
  public boolean predictsRatings() {
    return false;
  }

  @Override
  public float predict(int user, int item) {
    return scoreOne(profileOf(user), profileOffset(user), item);
  }

  @Override
  public void scoreItems(int user, float[] out) {
    checkLength(out);
    scoreAll(profileOf(user), profileOffset(user), out);
  }

  private float[] profileOf(int user) {
    return knowsUser(user) ? profiles : global;
  }

  private int profileOffset(int user) {
    return knowsUser(user) ? user * genres.size() : 0;
  }

  private void scoreAll(float[] p, int off, float[] out) {
    double norm = norm(p, off);
    for (int i = 0; i < out.length; i++) {
      out[i] = cosine(p, off, norm, i) + recency[i];
    }
  }

  private float scoreOne(float[] p, int off, int item) {
    if (item < 0 || item >= years.length) {
      return 0f;
    }
    return cosine(p, off, norm(p, off), item) + recency[item];
  }

  private double norm(float[] p, int off) {
    double sq = 0;
    for (int g = 0; g < genres.size(); g++) {
      sq += (double) p[off + g] * p[off + g];
    }
    return Math.sqrt(sq);
  }

  private float cosine(float[] p, int off, double pNorm, int item) {
    if (pNorm == 0) {
      return 0f;
    }
    double dot = 0;
    for (int e = genres.start(item); e < genres.end(item); e++) {
      dot += (double) genres.weight(e) * p[off + genres.id(e)];
    }
    return (float) (dot * invNorm[item] / pNorm);
  }

  @Override
  public UserScorer foldIn(History history) {
    history.requireItemsBelow(items().size());
    if (history.size() == 0) {
      return scorer(-1);
    }
    float[] p = new float[genres.size()];
    for (int k = 0; k < history.size(); k++) {
      addMovie(history.item(k), p, 0);
    }
    return new UserScorer() {
      @Override
      public void scoreItems(float[] out) {
        checkLength(out);
        scoreAll(p, 0, out);
      }

      @Override
      public float predict(int item) {
        return scoreOne(p, 0, item);
      }

      @Override
      public boolean personal() {
        return true;
      }
    };
  }

  /** Cosine of the genre vectors plus the recency term (the movie itself scores 1 plus its own). */
  @Override
  public void similarItems(int item, float[] out) {
    checkLength(out);
    if (item < 0 || item >= years.length) {
      throw new IllegalArgumentException("movie index " + item + " outside 0.." + (years.length - 1));
    }
    float[] p = new float[genres.size()];
    addMovie(item, p, 0);
    scoreAll(p, 0, out);
  }

  /** Any catalogue movie has genres (or the unknown one) to compare by, rated in training or not. */
  @Override
  public void requireSimilarity(int item, String movie) {
    if (item < 0 || item >= years.length) {
      throw new CinerecException(movie + " is not in the " + KIND + " model's catalogue");
    }
  }

  /** Only the user side can be non-personal: every movie's genres are known, rated or not. */
  @Override
  public String fallback(int user, int item) {
    return knowsUser(user) ? null : "the genre shares of all training ratings (the user has no profile)";
  }

  @Override
  public void write(ModelWriter out) throws IOException {
    Map<String, Object> cfg = new LinkedHashMap<>();
    cfg.put("recency", RECENCY);
    out.putJson("genre.config", cfg);
    genres.write(out, "genre.features");
    out.putInts("genre.years", years);
    trainingItems().write(out, "genre.rated");
  }

  static GenreModel read(ModelReader in) throws IOException {
    Features f = Features.read(in, "genre.features", in.items().size());
    int[] years = in.ints("genre.years");
    TrainingItems rated = TrainingItems.read(in, "genre.rated");
    if (years.length != in.items().size() || rated.numUsers() != in.users().size()) {
      throw new CinerecException(in.file() + ": genre model: tensor sizes do not match its vocabularies "
          + "(damaged file?)");
    }
    return new GenreModel(in.info(), in.users(), in.items(), f, years, rated);
  }
}
