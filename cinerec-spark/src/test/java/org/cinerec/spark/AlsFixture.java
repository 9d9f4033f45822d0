package org.cinerec.spark;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.recommendation.ALSModel;
import org.apache.spark.sql.Row;
import org.cinerec.data.Dataset;
import org.cinerec.data.IdIndex;
import org.cinerec.data.Ratings;
import org.cinerec.math.Rng;
import org.cinerec.model.TrainingItems;
import org.cinerec.model.mf.FactorModel;

/**
 * A small ratings file with taste structure, cold users and movies, and zero-padded ids; and an MLlib
 * ALS model's factors as a core {@link FactorModel} (ids ascending, no biases, μ and range from the
 * training rows with factors: what the core's import of an MLlib model builds).
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

  /** The model as the core sees it, from the MLlib factors and the core's training dataset. */
  static FactorModel coreModel(ALSModel als, Dataset train) {
    int k = als.rank();
    Side users = side(als.userFactors().collectAsList(), k);
    Side items = side(als.itemFactors().collectAsList(), k);
    Ratings r = train.ratings();
    int[] ru = new int[r.size()];
    int[] ri = new int[r.size()];
    float[] rr = new float[r.size()];
    int n = 0;
    for (int p = 0; p < r.size(); p++) {
      int a = Arrays.binarySearch(users.ids, Integer.parseInt(train.users().key(r.user(p))));
      int c = Arrays.binarySearch(items.ids, Integer.parseInt(train.items().key(r.item(p))));
      if (a >= 0 && c >= 0) {
        ru[n] = a;
        ri[n] = c;
        rr[n++] = r.rating(p);
      }
    }
    Ratings kept = new Ratings(Arrays.copyOf(ru, n), Arrays.copyOf(ri, n), Arrays.copyOf(rr, n), new int[n],
        users.ids.length, items.ids.length);
    float min = Float.POSITIVE_INFINITY;
    float max = Float.NEGATIVE_INFINITY;
    for (int p = 0; p < n; p++) {
      min = Math.min(min, kept.rating(p));
      max = Math.max(max, kept.rating(p));
    }
    return new FactorModel("als", users.index(), items.index(), null, new FactorModel.Parts(k, users.values,
        items.values, null, null, (float) kept.mean(), min, max, true, TrainingItems.of(kept), null, Map.of()));
  }

  private record Side(int[] ids, float[] values) {
    IdIndex index() {
      String[] s = new String[ids.length];
      for (int i = 0; i < s.length; i++) {
        s[i] = Integer.toString(ids[i]);
      }
      return IdIndex.of(s);
    }
  }

  private static Side side(List<Row> rows, int k) {
    Row[] sorted = rows.toArray(new Row[0]);
    Arrays.sort(sorted, (a, b) -> Integer.compare(a.getInt(0), b.getInt(0)));
    int[] ids = new int[sorted.length];
    float[] values = new float[sorted.length * k];
    for (int t = 0; t < sorted.length; t++) {
      ids[t] = sorted[t].getInt(0);
      List<Float> f = sorted[t].getList(1);
      for (int j = 0; j < k; j++) {
        values[t * k + j] = f.get(j);
      }
    }
    return new Side(ids, values);
  }
}
