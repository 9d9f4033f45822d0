package org.cinerec.spark;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.cinerec.CinerecException;

/** The command lines of the ALS jobs ({@code train-als}, {@code export}, {@code import-als}) for {@link SparkJobs}. */
final class AlsCommands {
  private AlsCommands() {}

  static final String USAGE =
      "  train-als INPUT OUT [--split hash:F:SEED] [--checkpointDir DIR] [--rank N --maxIter N --regParam X\n"
      + "            --alpha X --implicitPrefs B --nonnegative B --numUserBlocks N --numItemBlocks N --seed N --checkpointInterval N\n"
      + "            --intermediateStorageLevel L --finalStorageLevel L --coldStartStrategy nan|drop]\n"
      + "                                   MLlib ALS on prepare's Parquet -> OUT (ALSModel.save + cinerec-train.json)\n"
      + "  export MODEL_DIR OUT.cinerec      a train-als model -> a cinerec model file (kind als, or ials if implicit)\n"
      + "  import-als DIR --data DATA -o OUT.cinerec [--split SPEC] [--regParam X --maxIter N --alpha X]\n"
      + "                                   any ALSModel.save folder + the data it was trained on -> a cinerec model file";

  static int trainAls(SparkSession spark, String[] a) {
    if (a.length < 2 || a[0].startsWith("--") || a[1].startsWith("--")) {
      throw CinerecException.usage("train-als needs INPUT OUT [--NAME VALUE...]\n" + USAGE);
    }
    Map<String, String> flags = flags("train-als", a, 2);
    String checkpoint = flags.remove("checkpointDir");
    String split = flags.remove("split");
    TrainAlsJob.Result r = TrainAlsJob.run(spark, a[0], a[1], flags, checkpoint, split);
    System.out.printf(Locale.ROOT, "trained ALS on %,d ratings (%,d users, %,d movies) in %.1f s%s; saved to %s%n",
        r.ratings(), r.users(), r.movies(), r.seconds(),
        Double.isNaN(r.trainRmse()) ? "" : String.format(Locale.ROOT, ", training RMSE %.4f", r.trainRmse()), a[1]);
    System.out.println("parameters: " + r.params());
    return 0;
  }

  static int export(SparkSession spark, String[] a) {
    if (a.length != 2) {
      throw CinerecException.usage("export needs MODEL_DIR OUT.cinerec\n" + USAGE);
    }
    ExportJob.Result r = ExportJob.run(spark, a[0], a[1]);
    System.out.printf(Locale.ROOT, "wrote %s: %s model, %,d users, %,d movies, %,d training ratings%n", a[1], r.kind(),
        r.users(), r.movies(), r.ratings());
    return 0;
  }

  static int importAls(SparkSession spark, String[] a) {
    if (a.length < 1 || a[0].startsWith("--")) {
      throw CinerecException.usage("import-als needs DIR --data DATA -o OUT.cinerec\n" + USAGE);
    }
    Map<String, String> flags = flags("import-als", a, 1);
    String data = flags.remove("data");
    String out = flags.remove("o");
    if (out == null) {
      out = flags.remove("output");
    }
    if (data == null || out == null) {
      throw CinerecException.usage("import-als needs --data DATA and -o OUT.cinerec\n" + USAGE);
    }
    String split = flags.remove("split");
    ImportAlsJob.Result r = ImportAlsJob.run(spark, a[0], data, split, flags, out);
    System.out.printf(Locale.ROOT, "wrote %s: %s model (MLlib %s), %,d users, %,d movies, %,d training ratings%n", out,
        r.kind(), r.sparkVersion(), r.users(), r.movies(), r.ratings());
    for (String w : r.warnings()) {
      System.err.println("warning: " + w);
    }
    return 0;
  }

  /** {@code --name value} or {@code --name=value} pairs from {@code a[from..]} (also {@code -o value}). */
  static Map<String, String> flags(String job, String[] a, int from) {
    Map<String, String> m = new LinkedHashMap<>();
    int i = from;
    while (i < a.length) {
      String f = a[i];
      if (!f.startsWith("-")) {
        throw CinerecException.usage(job + ": expected --NAME VALUE, got \"" + f + "\"");
      }
      String name = f.startsWith("--") ? f.substring(2) : f.substring(1);
      String value;
      int eq = name.indexOf('=');
      if (eq > 0) {
        value = name.substring(eq + 1);
        name = name.substring(0, eq);
        i++;
      } else if (i + 1 < a.length) {
        value = a[i + 1];
        i += 2;
      } else {
        throw CinerecException.usage(job + ": " + f + " needs a value");
      }
      if (m.put(name, value) != null) {
        throw CinerecException.usage(job + ": --" + name + " given twice");
      }
    }
    return m;
  }
}
