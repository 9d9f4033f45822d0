package org.cinerec.serve;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.cinerec.data.Catalog;
import org.cinerec.data.IdIndex;
import org.cinerec.data.Ratings;
import org.cinerec.model.History;
import org.cinerec.model.ItemEmbeddings;
import org.cinerec.model.ModelInfo;
import org.cinerec.model.TrainedModel;
import org.cinerec.model.TrainingItems;
import org.cinerec.model.UserScorer;
import org.cinerec.store.ModelWriter;

/**
 * A hand-made model for the serving tests, with every answer computable by hand: user and item vectors in 3
 * dimensions; the score of (u, i) is their dot product; the predicted rating {@code 3 + score} (clipped to
 * 1..5 by the serving path); similarity the cosine of item vectors; an unknown user scores items by
 * {@code -index} (so the fallback order is the item order). Fold-in: the user vector is
 * {@code Σ_j (r_j - 3) · q_j} over the history, or the fallback for an empty one; {@code foldIn} can be
 * switched off to stand for a family without it.
 */
final class ToyModel extends TrainedModel implements ItemEmbeddings {
  static final int DIM = 3;
  static final String[] GENRES = {"Action", "Comedy", "Drama", "Horror", "Sci-Fi"};

  final float[] userVec;
  final float[] itemVec;
  private final boolean foldIn;

  private ToyModel(IdIndex users, IdIndex items, TrainingItems rated, float[] userVec, float[] itemVec,
      boolean foldIn) {
    super("toy", new ModelInfo("toy", Map.of(), 1, 0, 0, "synthetic", List.of(), null, "test", "17",
        "2024-01-01T00:00:00Z", 0, List.of(), 1, 5), users, items, rated);
    this.userVec = userVec;
    this.itemVec = itemVec;
    this.foldIn = foldIn;
  }

  /** The model and its catalogue. */
  record Fixture(ToyModel model, Catalog catalog) {
    ServingModel serving() {
      return ServingModel.of("toy-1", "v1", model, catalog);
    }
  }

  /**
   * {@code numItems} movies "Movie k" (ids "m0".."m{n-1}", years 1990 + k % 20 except every 7th unknown, one to
   * three genres), {@code numUsers} users ("u0"...) each rating 5 random movies in training (user 0 rates none:
   * a cold user), random vectors from the seed.
   */
  static Fixture random(int numItems, int numUsers, long seed, boolean foldIn) {
    SplittableRandom rng = new SplittableRandom(seed);
    String[] itemIds = new String[numItems];
    Catalog.Builder cb = Catalog.builder();
    for (int i = 0; i < numItems; i++) {
      itemIds[i] = "m" + i;
      int ng = 1 + rng.nextInt(3);
      String[] g = new String[ng];
      int start = rng.nextInt(GENRES.length);
      for (int j = 0; j < ng; j++) {
        g[j] = GENRES[(start + j) % GENRES.length];
      }
      cb.add("Movie " + i, i % 7 == 3 ? Catalog.NO_YEAR : 1990 + i % 20, g, null, null);
    }
    float[] q = new float[numItems * DIM];
    for (int k = 0; k < q.length; k++) {
      q[k] = (float) (rng.nextDouble() * 2 - 1);
    }
    float[] p = new float[numUsers * DIM];
    for (int k = DIM; k < p.length; k++) {
      p[k] = (float) (rng.nextDouble() * 2 - 1);
    }
    String[] userIds = new String[numUsers];
    int n = (numUsers - 1) * 5;
    int[] u = new int[n];
    int[] it = new int[n];
    int row = 0;
    for (int k = 0; k < numUsers; k++) {
      userIds[k] = "u" + k;
      for (int r = 0; k > 0 && r < 5; r++) {
        u[row] = k;
        it[row++] = rng.nextInt(numItems);
      }
    }
    Ratings ratings = new Ratings(u, it, new float[n], new int[n], numUsers, numItems);
    return new Fixture(new ToyModel(IdIndex.of(userIds), IdIndex.of(itemIds), TrainingItems.of(ratings), p, q,
        foldIn), cb.build());
  }

  /**
   * A model over these item vectors and catalogue, with a user "u0" who rated nothing and "u1" who rated every
   * movie (so the model knows them all) and has a zero vector.
   */
  static Fixture of(float[][] items, Catalog catalog, boolean foldIn) {
    float[] q = new float[items.length * DIM];
    String[] ids = new String[items.length];
    for (int i = 0; i < items.length; i++) {
      System.arraycopy(items[i], 0, q, i * DIM, DIM);
      ids[i] = "m" + i;
    }
    int[] user = new int[items.length];
    int[] item = new int[items.length];
    for (int i = 0; i < items.length; i++) {
      user[i] = 1;
      item[i] = i;
    }
    Ratings all = new Ratings(user, item, new float[items.length], new int[items.length], 2, items.length);
    return new Fixture(new ToyModel(IdIndex.of("u0", "u1"), IdIndex.of(ids), TrainingItems.of(all),
        new float[2 * DIM], q, foldIn), catalog);
  }

  float score(float[] user, int item) {
    float s = 0;
    for (int d = 0; d < DIM; d++) {
      s += user[d] * itemVec[item * DIM + d];
    }
    return s;
  }

  float[] user(int u) {
    float[] v = new float[DIM];
    System.arraycopy(userVec, u * DIM, v, 0, DIM);
    return v;
  }

  @Override
  public boolean predictsRatings() {
    return true;
  }

  @Override
  public float predict(int user, int item) {
    return knowsUser(user) && item >= 0 ? 3 + score(user(user), item) : 3;
  }

  @Override
  public void scoreItems(int user, float[] out) {
    checkLength(out);
    for (int i = 0; i < out.length; i++) {
      out[i] = knowsUser(user) ? score(user(user), i) : -i;
    }
  }

  @Override
  public void similarItems(int item, float[] out) {
    checkLength(out);
    for (int j = 0; j < out.length; j++) {
      out[j] = org.cinerec.math.Vectors.cosine(itemVec, item * DIM, itemVec, j * DIM, DIM);
    }
  }

  @Override
  public UserScorer foldIn(History h) {
    if (!foldIn) {
      return super.foldIn(h);
    }
    float[] v = new float[DIM];
    for (int k = 0; k < h.size(); k++) {
      for (int d = 0; d < DIM; d++) {
        v[d] += (h.rating(k) - 3) * itemVec[h.item(k) * DIM + d];
      }
    }
    boolean personal = h.size() > 0;
    ToyModel m = this;
    return new UserScorer() {
      @Override
      public void scoreItems(float[] out) {
        for (int i = 0; i < out.length; i++) {
          out[i] = personal ? m.score(v, i) : -i;
        }
      }

      @Override
      public float predict(int item) {
        return personal && item >= 0 ? 3 + m.score(v, item) : 3;
      }

      @Override
      public boolean personal() {
        return personal;
      }
    };
  }

  @Override
  public int embeddingDim() {
    return DIM;
  }

  @Override
  public float[] itemEmbeddings() {
    return itemVec.clone();
  }

  @Override
  public void write(ModelWriter out) {
    throw new UnsupportedOperationException("the toy model is not saved");
  }
}
