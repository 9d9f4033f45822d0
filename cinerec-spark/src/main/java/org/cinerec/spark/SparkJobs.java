package org.cinerec.spark;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.cinerec.CinerecException;
import org.cinerec.data.RatingScale;
import org.cinerec.io.ColumnMapping;

/**
 * The entry point of {@code cinerec-spark.jar} for {@code spark-submit}: {@code JOB ARGS...}. Jobs so far:
 * {@code prepare INPUT OUT [options]} ({@link PrepareJob}), {@code evaluate} ({@link EvaluateJob}),
 * {@code recommend-all} ({@link RecommendAllJob}) and those of {@link AlsCommands}. Without a master from
 * spark-submit the jobs run in {@code local[*]}. Bad input ends with "error: ..." and exit code 1 or 2.
 */
public final class SparkJobs {
  private SparkJobs() {}

  public static void main(String[] args) {
    try {
      System.exit(run(args));
    } catch (CinerecException e) {
      System.err.println("error: " + e.getMessage());
      System.exit(e.kind() == CinerecException.Kind.USAGE ? 2 : 1);
    }
  }

  static int run(String[] args) {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
      System.out.println(usage());
      return args.length == 0 ? 2 : 0;
    }
    String job = args[0].toLowerCase(Locale.ROOT);
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    switch (job) {
      case "prepare" -> {
        return prepare(rest);
      }
      case "train-als" -> {
        return AlsCommands.trainAls(session(), rest);
      }
      case "export" -> {
        return AlsCommands.export(session(), rest);
      }
      case "import-als" -> {
        return AlsCommands.importAls(session(), rest);
      }
      case "evaluate" -> {
        return EvaluateJob.cli(rest, SparkJobs::session);
      }
      case "recommend-all" -> {
        return RecommendAllJob.cli(rest, SparkJobs::session);
      }
      default -> throw CinerecException.usage("unknown job \"" + args[0] + "\"\n" + usage());
    }
  }

  private static int prepare(String[] rest) {
    if (rest.length < 2) {
      throw CinerecException.usage("prepare needs INPUT OUT [options]\n" + usage());
    }
    RatingScale scale = null;
    String format = null;
    boolean requireMetadata = false;
    boolean strict = false;
    String seedData = null;
    String[] cols = new String[5]; // user, item, rating, time, delimiter: the core CLI's column flags
    boolean mapping = false;
    boolean header = true;
    for (int k = 2; k < rest.length; k++) {
      int col = List.of("--user-col", "--item-col", "--rating-col", "--time-col", "--delimiter").indexOf(rest[k]);
      if (col >= 0) {
        cols[col] = value(rest, k++);
        mapping = true;
        continue;
      }
      switch (rest[k]) {
        case "--scale" -> scale = RatingScale.parse(value(rest, k++), "--scale");
        case "--format" -> format = value(rest, k++);
        case "--require-metadata" -> requireMetadata = true;
        case "--strict" -> strict = true;
        case "--seed-data" -> seedData = value(rest, k++);
        case "--no-header" -> {
          header = false;
          mapping = true;
        }
        default -> throw CinerecException.usage("prepare: unknown option " + rest[k] + " (--scale MIN:MAX[:STEP], "
            + "--format F, --require-metadata, --strict, --seed-data PREP, --delimiter D, --no-header, "
            + "--user-col/--item-col/--rating-col/"
            + "--time-col COL)");
      }
    }
    ColumnMapping columns = mapping ? new ColumnMapping(cols[0], cols[1], cols[2], cols[3], cols[4], header) : null;
    PrepareJob.Result r = PrepareJob.run(session(), rest[0], rest[1],
        new PrepareJob.Options(format, scale, requireMetadata, columns, strict, seedData));
    System.out.printf(Locale.ROOT, "%s: read %,d rows: kept %,d; scale %s; fingerprint %016x; wrote %s/ratings.parquet"
        + " and %s/report.json%s%n", r.format(), r.rowsRead(), r.rowsKept(), r.scale().describe(), r.fingerprint(),
        rest[1], rest[1], r.catalogue() ? " (and the movie catalogue, catalogue.json)" : "");
    return 0;
  }

  private static String value(String[] args, int k) {
    if (k + 1 >= args.length) {
      throw CinerecException.usage(args[k] + " needs a value");
    }
    return args[k + 1];
  }

  static String usage() {
    return "usage: spark-submit --class org.cinerec.spark.SparkJobs cinerec-spark.jar JOB ARGS\n"
        + "  prepare INPUT OUT [--scale MIN:MAX[:STEP]] [--format F] [--require-metadata] [--strict]\n"
        + "      [--delimiter D] [--no-header] [--user-col C] [--item-col C] [--rating-col C] [--time-col C|none]\n"
        + "      a MovieLens or Kaggle folder, ratings CSV, u.data, .dat, generic CSV, Parquet, or the service's\n"
        + "      ratings store (jdbc:sqlite:FILE, jdbc:postgresql://HOST/DB; --scale, or --seed-data PREP: the\n"
        + "      prepare output of the data the store was seeded from, for its catalogue, movies and scale)\n"
        + "      -> OUT/ratings.parquet + OUT/report.json + OUT/fingerprint.txt\n"
        + "      (F: movielens-csv, kaggle-movies, ratings-csv, movielens-100k, movielens-dat, csv, parquet;\n"
        + "      default: detected; the column flags as in cinerec prepare, and they imply csv for a file)\n"
        + AlsCommands.USAGE + "\n"
        + "  evaluate DATA [--model ALS_DIR | --rank N --maxIter N --regParam X --seed N ...] [--split hash:F:SEED]\n"
        + "      [--k 5,10,20] [--threshold X] [--scale MIN:MAX[:STEP]] [--out DIR]   RMSE, MAE, ranking metrics\n"
        + "  recommend-all DATA OUT [--model ALS_DIR | --rank N ...] [--split hash:F:SEED] [--k 10]   top K per user";
  }

  private static SparkSession session() {
    SparkSession.Builder b = SparkSession.builder().appName("cinerec");
    if (!System.getProperties().containsKey("spark.master")) {
      b.master("local[*]");
    }
    return b.getOrCreate();
  }
}
