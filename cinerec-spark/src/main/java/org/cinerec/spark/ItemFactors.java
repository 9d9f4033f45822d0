package org.cinerec.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Row;
import org.cinerec.CinerecException;

/**
 * An MLlib {@code ALSModel}'s item side as the {@code evaluate} and {@code recommend-all} jobs score with
 * it: the item factors collected on the driver (then broadcast) in ascending id order, row-major
 * {@code ids.length × rank}: the order and layout the core's import of an MLlib model gives its vocabulary
 * and {@code itemFactors} ({@code model.als.MllibAls}), so model index i here is model index i there and
 * ties in scores go to the same movie. The user side stays distributed ({@code userFactors}).
 */
final class ItemFactors implements Serializable {
  private static final long serialVersionUID = 1L;

  final int[] ids;
  final float[] values;
  final int rank;

  private ItemFactors(int[] ids, float[] values, int rank) {
    this.ids = ids;
    this.values = values;
    this.rank = rank;
  }

  /** Collects a model's item factors ({@code id int, features array<float>}). */
  static ItemFactors items(ALSModel model) {
    int rank = model.rank();
    List<Row> rows = model.itemFactors().collectAsList();
    int n = rows.size();
    long[] packed = new long[n];
    for (int r = 0; r < n; r++) {
      packed[r] = ((long) rows.get(r).getInt(0) << 32) | r; // id high, row low: ascending id
    }
    Arrays.sort(packed);
    int[] ids = new int[n];
    float[] values = new float[n * rank];
    for (int t = 0; t < n; t++) {
      ids[t] = (int) (packed[t] >> 32);
      if (t > 0 && ids[t] == ids[t - 1]) {
        throw new CinerecException("the ALS model has two item factor rows for movie " + ids[t]);
      }
      float[] f = features(rows.get((int) packed[t]), 1, rank);
      System.arraycopy(f, 0, values, t * rank, rank);
    }
    return new ItemFactors(ids, values, rank);
  }

  int size() {
    return ids.length;
  }

  /** The model index of a movie id, or -1 when the model has no factors for it. */
  int index(int id) {
    int at = Arrays.binarySearch(ids, id);
    return at < 0 ? -1 : at;
  }

  /** A {@code features array<float>} column as a float[] of length {@code rank}. */
  static float[] features(Row row, int field, int rank) {
    List<Float> list = row.getList(field);
    if (list.size() != rank) {
      throw new CinerecException("a factor row has " + list.size() + " features, the model's rank is " + rank);
    }
    float[] out = new float[rank];
    for (int j = 0; j < rank; j++) {
      out[j] = list.get(j);
    }
    return out;
  }
}
