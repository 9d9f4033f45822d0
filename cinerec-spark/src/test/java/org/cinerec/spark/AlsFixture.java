package org.cinerec.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Row;
import org.cinerec.data.Dataset;
import org.cinerec.data.Ratings;
import org.cinerec.math.Rng;
import org.cinerec.model.als.MllibAls;
import org.cinerec.model.mf.FactorModel;

/**
 * A small ratings file with taste structure, cold users and movies, and zero-padded ids; and an MLlib
 * ALS model as the core imports it.
 */
final class AlsFixture {
  private AlsFixture() {}

  /** The CSV: 60 users (ids 2u+1) × 80 movies (ids 3m+5), 3-24 ratings each, half stars. */
  static Path writeCsv(Path file) throws IOException {
    Rng rng = new Rng(20261204); // a fixture: a constant seed
    StringBuilder b = new StringBuilder("userId,movieId,rating,timestamp\n");
    int movies = 80;
    double[] movieTaste = new double[movies];
    for (int m = 0; m < movies; m++) {
      movieTaste[m] = rng.nextDouble() * 2 - 1;
    }
    long t = 1_000_000;
    for (int u = 0; u < 60; u++) {
      double taste = rng.nextDouble() * 2 - 1;
      int n = 3 + rng.nextInt(22);
      int[] order = rng.permutation(movies);
      for (int j = 0; j < n; j++) {
        int m = order[j];
        double r = 3 + 1.6 * taste * movieTaste[m] + (rng.nextDouble() - 0.5);
        double half = Math.max(0.5, Math.min(5, Math.round(r * 2) / 2.0));
        String user = u == 3 ? "0007" : Integer.toString(2 * u + 1); // user 7 zero-padded
        b.append(user).append(',').append(3 * m + 5).append(',').append(half).append(',').append(t++).append('\n');
      }
    }
    for (int u = 0; u < 24; u++) { // users with one rating: about a quarter of them unseen in training
      b.append(900 + u).append(',').append(3 * (u * 7 % movies) + 5).append(",4.0,").append(t++).append('\n');
    }
    b.append("1,9999,2.5,").append(t++).append('\n');    // a movie with one rating
    b.append("998,9998,3.0,").append(t).append('\n');    // both
    Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
    return file;
  }

  /**
   * The model as the core imports it ({@link MllibAls#build}: ids ascending, no biases, μ and the range from
   * the training rows with factors), from the MLlib factors and the core's training dataset.
   */
  static FactorModel coreModel(ALSModel als, Dataset train, Map<String, String> params, String split) {
    Ratings r = train.ratings();
    int[] u = new int[r.size()];
    int[] m = new int[r.size()];
    for (int p = 0; p < r.size(); p++) {
      u[p] = Integer.parseInt(train.users().key(r.user(p)));
      m[p] = Integer.parseInt(train.items().key(r.item(p)));
    }
    return MllibAls.build(params, factors(als.userFactors().collectAsList(), als.rank()),
        factors(als.itemFactors().collectAsList(), als.rank()), new MllibAls.TrainingRatings(u, m, r.ratings()),
        new MllibAls.Source("ratings-csv", List.of(), train.scale(), split, 0)).model();
  }

  private static MllibAls.Factors factors(List<Row> rows, int k) {
    int[] ids = new int[rows.size()];
    float[] values = new float[rows.size() * k];
    for (int t = 0; t < ids.length; t++) {
      ids[t] = rows.get(t).getInt(0);
      List<Float> f = rows.get(t).getList(1);
      for (int j = 0; j < k; j++) {
        values[t * k + j] = f.get(j);
      }
    }
    return new MllibAls.Factors(ids, values, k);
  }
}
