package org.cinerec.serve;

import java.util.List;

import java.util.concurrent.atomic.AtomicInteger;
import org.cinerec.math.Vectors;
import org.cinerec.model.History;
import org.cinerec.model.ItemEmbeddings;
import org.cinerec.model.NewMovies;
import org.cinerec.model.TrainedModel;
import org.cinerec.model.UserScorer;
import org.cinerec.store.ModelWriter;

/**
 * {@link ToyModel}'s users, movies and vectors, with movie features for the added-movie tests: a movie
 * described by its metadata alone has the vector {@code Σ_g G_g / #genres} over its genres found in
 * {@link ToyModel#GENRES} (G the fixed table {@link #GENRE_VECTORS}; a genre not there adds nothing, and a
 * movie without known genres is the zero vector), and scores {@code p_u · v} for user vector p_u as the
 * catalogue's movies do. The fallback (an unknown user) scores catalogue movies by {@code -index} and added
 * movies {@value #FALLBACK_ADDED}. With {@code features} false the model has no movie features, as a family
 * that cannot place new movies. {@link #vectorsMade} counts {@link #movieVector} calls.
 */
final class FeatureToyModel extends TrainedModel implements ItemEmbeddings, NewMovies {
  static final float[][] GENRE_VECTORS = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {-1, 0, 0}, {0.5f, 0.5f, 0.5f}};
  static final float FALLBACK_ADDED = -1e6f;
  final ToyModel toy;
  private final boolean features;
  final AtomicInteger vectorsMade = new AtomicInteger();

  FeatureToyModel(ToyModel toy, boolean features) {
    super("featuretoy", toy.info(), toy.users(), toy.items(), toy.trainingItems());
    this.toy = toy;
    this.features = features;
  }

  @Override
  public boolean hasMovieFeatures() {
    return features;
  }

  @Override
  public List<String> movieFeatures() {
    return features ? List.of("genres") : List.of();
  }

  @Override
  public float[] movieVector(String title, int year, String[] genres) {
    if (!features) {
      return null;
    }
    vectorsMade.incrementAndGet();
    float[] v = new float[ToyModel.DIM];
    for (String g : genres) {
      int at = java.util.Arrays.asList(ToyModel.GENRES).indexOf(g);
      for (int d = 0; at >= 0 && d < v.length; d++) {
        v[d] += GENRE_VECTORS[at][d] / genres.length;
      }
    }
    return v;
  }

  /** The score of a movie vector for a user vector (null: the fallback). */
  static float scoreOf(float[] user, float[] movie) {
    return user == null ? FALLBACK_ADDED : Vectors.dot(user, 0, movie, 0, ToyModel.DIM);
  }

  @Override
  public UserScorer scorer(int user) {
    UserScorer base = super.scorer(user);
    float[] p = knowsUser(user) ? toy.user(user) : null;
    return withMovies(base, p);
  }

  @Override
  public UserScorer foldIn(History h) {
    float[] v = new float[ToyModel.DIM];
    for (int k = 0; k < h.size(); k++) {
      for (int d = 0; d < ToyModel.DIM; d++) {
        v[d] += (h.rating(k) - 3) * toy.itemVec[h.item(k) * ToyModel.DIM + d];
      }
    }
    return withMovies(toy.foldIn(h), h.size() > 0 ? v : null);
  }

  private UserScorer withMovies(UserScorer base, float[] p) {
    return new UserScorer() {
      @Override
      public void scoreItems(float[] out) {
        base.scoreItems(out);
      }

      @Override
      public float predict(int item) {
        return base.predict(item);
      }

      @Override
      public boolean personal() {
        return base.personal();
      }

      @Override
      public float scoreMovie(float[] movieVector) {
        if (!features) {
          return UserScorer.super.scoreMovie(movieVector);
        }
        return scoreOf(p, movieVector);
      }
    };
  }

  @Override
  public boolean predictsRatings() {
    return true;
  }

  @Override
  public float predict(int user, int item) {
    return toy.predict(user, item);
  }

  @Override
  public void scoreItems(int user, float[] out) {
    toy.scoreItems(user, out);
  }

  @Override
  public void similarItems(int item, float[] out) {
    toy.similarItems(item, out);
  }

  @Override
  public int embeddingDim() {
    return ToyModel.DIM;
  }

  @Override
  public float[] itemEmbeddings() {
    return toy.itemEmbeddings();
  }

  @Override
  public void write(ModelWriter out) {
    throw new UnsupportedOperationException("the toy model is not saved");
  }
}
