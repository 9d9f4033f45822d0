package org.cinerec.model.als;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cinerec.CinerecException;
import org.cinerec.data.Catalog;
import org.cinerec.data.DataFingerprint;
import org.cinerec.data.IdIndex;
import org.cinerec.data.RatingScale;
import org.cinerec.data.Ratings;
import org.cinerec.model.DataSummary;
import org.cinerec.model.ModelInfo;
import org.cinerec.model.TrainingItems;
import org.cinerec.model.mf.FactorModel;
import org.cinerec.model.mf.TrainingData;

/**
 * An ALS model trained by Spark MLlib ({@code org.apache.spark.ml.recommendation.ALSModel}: integer ids,
 * one {@code features} vector of length {@code rank} per user and per item) as a cinerec model: kind
 * {@code als} for explicit ratings, {@code ials} for {@code implicitPrefs=true}. Holds no Spark type: the
 * Spark jobs ({@code train-als} → {@code export}, {@code import-als}) collect the factors and the training
 * ratings and call {@link #build}.
 *
 * <p>The model predicts what MLlib's {@code transform} does for a user and an item that both have factors,
 * {@code x_uᵀ y_i} (no biases), as {@link FactorModel#scoreItems}; {@link FactorModel#predict} clips it to
 * the training rating range, which MLlib does not. A pair with an unknown side gets the training mean μ
 * (MLlib: NaN, or the row dropped with {@code coldStartStrategy=drop}). The vocabularies are the factor
 * ids in ascending numeric order. The training ratings give each user's seen movies ({@link TrainingItems},
 * what {@code recommend} leaves out), μ, the rating range and the data fingerprint; rows whose user or movie
 * has no factors are left out and counted ({@link Result#skipped}).
 *
 * <p>Parameters: cinerec's own names with MLlib's values ({@code factors} = rank, {@code iterations} =
 * maxIter, {@code reg} = regParam, {@code alpha}, {@code seed}), so fold-in and {@code info} read them as
 * for a model cinerec trained, plus every MLlib parameter as {@code spark.NAME}. Mapping and differences:
 * docs/cluster.md.
 */
public final class MllibAls {
  private MllibAls() {}

  /**
   * One side's factors as MLlib stores them: row r is id {@code ids[r]} with features
   * {@code values[r·rank .. (r+1)·rank)}, rows in any order.
   */
  public record Factors(int[] ids, float[] values, int rank) {
    public Factors {
      if (rank < 1 || values.length != (long) ids.length * rank) {
        throw new IllegalArgumentException("factors: " + ids.length + " ids × rank " + rank + " != "
            + values.length + " values");
      }
    }
  }

  /** Training ratings by external (MLlib) ids; -1 marks an id MLlib could not have (e.g. not an integer). */
  public record TrainingRatings(int[] users, int[] movies, float[] ratings) {
    public TrainingRatings {
      if (users.length != movies.length || users.length != ratings.length) {
        throw new IllegalArgumentException("column lengths differ: " + users.length + ", " + movies.length + ", "
            + ratings.length);
      }
    }
  }

  /** Where the training data came from. */
  public record Source(String format, List<String> sources, RatingScale scale, String split, double trainSeconds) {}

  /**
   * The model, a catalogue of placeholders for its movies, and the training rows left out (user or movie
   * without factors: the data is not the model's training data, or a different split).
   */
  public record Result(FactorModel model, Catalog placeholders, long skipped) {}

  /**
   * Builds the cinerec model. {@code sparkParams} are MLlib's parameter values by MLlib's names (rank,
   * maxIter, regParam, alpha, implicitPrefs, seed, ...; rank and maxIter and regParam are required).
   */
  public static Result build(Map<String, String> sparkParams, Factors users, Factors items, TrainingRatings train,
      Source source) {
    return build(sparkParams, users, items, train, source, null, null);
  }

  /**
   * As {@link #build(Map, Factors, Factors, TrainingRatings, Source)}, for data whose ids are text: MLlib's
   * integer id {@code n} of a user is {@code userIds[n]}, of a movie {@code movieIds[n]} (the Spark jobs'
   * id vocabularies: the distinct ids in ascending order, index = MLlib id); null for a side whose ids are
   * numbers. The model's vocabularies then hold the text ids, in ascending MLlib id order.
   */
  public static Result build(Map<String, String> sparkParams, Factors users, Factors items, TrainingRatings train,
      Source source, String[] userIds, String[] movieIds) {
    if (users.rank() != items.rank()) {
      throw new CinerecException("user factors have rank " + users.rank() + ", item factors " + items.rank());
    }
    int k = users.rank();
    boolean implicit = Boolean.parseBoolean(sparkParams.getOrDefault("implicitPrefs", "false"));
    String kind = implicit ? IalsFamily.KIND : AlsFamily.KIND;
    Side u = Side.of("user", users, userIds);
    Side i = Side.of("movie", items, movieIds);

    int n = train.users().length;
    int[] ru = new int[n];
    int[] ri = new int[n];
    float[] rr = new float[n];
    int kept = 0;
    for (int t = 0; t < n; t++) {
      int a = u.indexOf(train.users()[t]);
      int b = i.indexOf(train.movies()[t]);
      if (a < 0 || b < 0) {
        continue;
      }
      ru[kept] = a;
      ri[kept] = b;
      rr[kept++] = train.ratings()[t];
    }
    if (kept == 0) {
      throw new CinerecException("none of the " + n + " training ratings has a user and a movie with factors in the"
          + " model: the data is not the one the model was trained on");
    }
    Ratings ratings = new Ratings(Arrays.copyOf(ru, kept), Arrays.copyOf(ri, kept), Arrays.copyOf(rr, kept),
        new int[kept], u.index.size(), i.index.size());
    TrainingData d = TrainingData.of(kind, ratings);
    long fingerprint = DataFingerprint.of(ratings, u.index, i.index, source.scale());
    DataSummary summary = new DataSummary(fingerprint, kept, source.format(), source.sources(), source.scale(),
        d.min, d.max);
    long seed = Long.parseLong(sparkParams.getOrDefault("seed", "0"));
    ModelInfo info = ModelInfo.of(kind, params(kind, sparkParams), seed, summary, source.trainSeconds(), List.of())
        .withSplit(source.split());
    FactorModel model = new FactorModel(kind, u.index, i.index, info, new FactorModel.Parts(k, u.values, i.values,
        null, null, d.mean, d.min, d.max, !implicit, d.rated, implicit ? d.popularity() : null, Map.of()));
    Catalog.Builder c = Catalog.builder();
    for (String id : i.index.ids()) {
      c.addPlaceholder(id);
    }
    return new Result(model, c.build(), n - kept);
  }

  /** cinerec's parameter names with MLlib's values, then every MLlib parameter as {@code spark.NAME}. */
  static Map<String, String> params(String kind, Map<String, String> spark) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("factors", required(spark, "rank"));
    p.put("iterations", required(spark, "maxIter"));
    p.put("reg", required(spark, "regParam"));
    if (kind.equals(IalsFamily.KIND)) {
      p.put("alpha", spark.getOrDefault("alpha", "1.0"));
    } else {
      p.put("biases", "false");
      p.put("init", "spark");
    }
    p.put("seed", spark.getOrDefault("seed", "0"));
    spark.forEach((name, value) -> p.put("spark." + name, value));
    return p;
  }

  private static String required(Map<String, String> spark, String name) {
    String v = spark.get(name);
    if (v == null) {
      throw new CinerecException("the MLlib model's parameters have no " + name + " (have " + spark.keySet() + ")");
    }
    return v;
  }

  /** One side: the vocabulary (ids ascending) and the factor rows in its order. */
  private static final class Side {
    final IdIndex index;
    final float[] values;
    final int[] sortedIds;

    private Side(IdIndex index, float[] values, int[] sortedIds) {
      this.index = index;
      this.values = values;
      this.sortedIds = sortedIds;
    }

    static Side of(String what, Factors f, String[] names) {
      int n = f.ids().length;
      int k = f.rank();
      long[] packed = new long[n];
      for (int r = 0; r < n; r++) {
        packed[r] = ((long) f.ids()[r] << 32) | r; // id high, row low: ascending id, unique
      }
      Arrays.sort(packed);
      int[] ids = new int[n];
      String[] text = new String[n];
      float[] values = new float[n * k];
      for (int t = 0; t < n; t++) {
        int id = (int) (packed[t] >> 32);
        int row = (int) packed[t];
        if (t > 0 && ids[t - 1] == id) {
          throw new CinerecException("the MLlib model has two " + what + " factor rows for id " + id);
        }
        ids[t] = id;
        if (names != null && (id < 0 || id >= names.length)) {
          throw new CinerecException("the MLlib model has a " + what + " id " + id + " outside the id vocabulary ("
              + names.length + " ids): the data is not the one the model was trained on");
        }
        text[t] = names == null ? Integer.toString(id) : names[id];
        System.arraycopy(f.values(), row * k, values, t * k, k);
      }
      return new Side(IdIndex.of(text), values, ids);
    }

    int indexOf(int id) {
      if (id < 0) {
        return -1;
      }
      int at = Arrays.binarySearch(sortedIds, id);
      return at < 0 ? -1 : at;
    }
  }
}
