package org.cinerec.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.cinerec.CinerecException;
import org.cinerec.Progress;
import org.cinerec.data.Catalog;
import org.cinerec.data.Dataset;
import org.cinerec.data.IdIndex;
import org.cinerec.data.Ratings;
import org.cinerec.io.DataRecord;
import org.cinerec.io.DataSources;
import org.cinerec.io.LoadOptions;
import org.cinerec.model.ModelFiles;
import org.cinerec.model.ModelInfo;
import org.cinerec.model.als.MllibAls;
import org.cinerec.split.Split;
import org.cinerec.split.SplitSpec;

/**
 * {@code import-als DIR --data DATA -o OUT [--split SPEC]}: a model saved by MLlib's {@code ALSModel.save}
 * anywhere (its {@code metadata/} JSON and Parquet {@code userFactors/}, {@code itemFactors/}) and the
 * data it was trained on, read by the core's readers on the driver (any format {@code cinerec} reads; the
 * training part of {@code --split} when it was trained on one) → a cinerec model file with the data's
 * catalogue and record, so {@code cinerec evaluate OUT} finds the data by itself.
 *
 * <p>{@code ALSModel.save} keeps the rank and the model's own parameters (columns, coldStartStrategy) but
 * not the estimator's: regParam (needed to fold in new users), maxIter, implicitPrefs, alpha and seed are
 * MLlib's defaults unless given as flags, and a warning says which were assumed.
 */
public final class ImportAlsJob {
  private ImportAlsJob() {}

  /** What an import wrote, and what it had to assume. */
  public record Result(String kind, String sparkVersion, int users, int movies, long ratings, List<String> warnings) {}

  /** MLlib ALS's estimator defaults for what {@code ALSModel.save} does not keep. */
  static final Map<String, String> ESTIMATOR_DEFAULTS = Map.of("maxIter", "10", "regParam", "0.1",
      "implicitPrefs", "false", "alpha", "1.0", "seed", "0");

  public static Result run(SparkSession spark, String dir, String data, String split, Map<String, String> given,
      String out) {
    for (String name : given.keySet()) {
      if (!ESTIMATOR_DEFAULTS.containsKey(name)) {
        throw CinerecException.usage("import-als: unknown option --" + name + " (takes --data, -o, --split and the"
            + " estimator's --maxIter, --regParam, --implicitPrefs, --alpha, --seed)");
      }
    }
    AlsFactors.Metadata meta = AlsFactors.metadata(spark, dir);
    Map<String, String> params = new LinkedHashMap<>(meta.params());
    params.put("rank", Integer.toString(meta.rank()));
    List<String> assumed = new ArrayList<>();
    for (String name : List.of("maxIter", "regParam", "implicitPrefs", "alpha", "seed")) {
      if (given.containsKey(name)) {
        params.put(name, given.get(name));
      } else {
        params.put(name, ESTIMATOR_DEFAULTS.get(name));
        assumed.add(name + "=" + ESTIMATOR_DEFAULTS.get(name));
      }
    }
    List<String> warnings = new ArrayList<>();
    if (!assumed.isEmpty()) {
      warnings.add("ALSModel.save does not keep the estimator's parameters; assumed MLlib's defaults "
          + String.join(", ", assumed) + " (give them as --NAME VALUE)");
    }
    MllibAls.Factors users = AlsFactors.read(spark, dir + "/userFactors", meta.rank());
    MllibAls.Factors items = AlsFactors.read(spark, dir + "/itemFactors", meta.rank());

    Path dataPath = Path.of(data);
    LoadOptions options = LoadOptions.defaults();
    Dataset all = DataSources.load(dataPath, options, Progress.NONE);
    Dataset train = all;
    String spec = "none";
    if (split != null && !split.equalsIgnoreCase("none")) {
      Split parts = SplitSpec.parse(split).apply(all);
      train = parts.trainSet(all);
      spec = parts.spec();
    }
    Ratings r = train.ratings();
    int[] userIds = intIds(train.users());
    int[] movieIds = intIds(train.items());
    int n = r.size();
    int[] u = new int[n];
    int[] m = new int[n];
    for (int t = 0; t < n; t++) {
      u[t] = userIds[r.user(t)];
      m[t] = movieIds[r.item(t)];
    }
    MllibAls.Result built = MllibAls.build(params, users, items, new MllibAls.TrainingRatings(u, m, r.ratings()),
        new MllibAls.Source(all.provenance().format(),
            all.provenance().sources().stream().map(s -> s.path()).toList(), all.scale(), spec, 0));
    if (built.skipped() > 0) {
      warnings.add(built.skipped() + " of " + n + " training ratings have a user or movie without factors in " + dir
          + ": the model was not trained on exactly this data" + (split == null ? " (give --split SPEC if it was"
          + " trained on a part of it)" : ""));
    }
    ModelInfo info = built.model().info().withData(DataRecord.of(dataPath, options, all));
    ModelFiles.save(Path.of(out), built.model(), info, catalog(built.model().items(), all));
    return new Result(built.model().kind(), meta.sparkVersion(), built.model().users().size(),
        built.model().items().size(), info.trainRatings(), warnings);
  }

  /** Each id as MLlib's integer id, or -1 when it is not one (MLlib could not have trained on it). */
  private static int[] intIds(IdIndex index) {
    int[] out = new int[index.size()];
    for (int i = 0; i < out.length; i++) {
      try {
        out[i] = Integer.parseInt(index.key(i));
      } catch (NumberFormatException e) {
        out[i] = -1;
      }
    }
    return out;
  }

  /** The data's catalogue entry of each model movie, a placeholder for one the data does not have. */
  private static Catalog catalog(IdIndex modelItems, Dataset data) {
    Catalog c = data.catalog();
    Catalog.Builder b = Catalog.builder();
    for (String id : modelItems.ids()) {
      int i = data.items().indexOf(id);
      if (i < 0) {
        b.addPlaceholder(id);
      } else {
        b.addFrom(c, i, id);
      }
    }
    return b.build();
  }
}
