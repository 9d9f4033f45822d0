package org.cinerec.spark;

import java.util.Arrays;
import java.util.Locale;
import org.apache.spark.sql.SparkSession;
import org.cinerec.CinerecException;
import org.cinerec.data.RatingScale;

/**
 * The entry point of {@code cinerec-spark.jar} for {@code spark-submit}: {@code JOB ARGS...}. Jobs so far:
 * {@code prepare INPUT OUT [--scale MIN:MAX[:STEP]]} ({@link PrepareJob}), {@code evaluate} ({@link EvaluateJob}),
 * {@code recommend-all} ({@link RecommendAllJob}). Without a master from
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
        if (rest.length != 2 && rest.length != 4) {
          throw CinerecException.usage("prepare needs INPUT OUT [--scale MIN:MAX[:STEP]]\n" + usage());
        }
        RatingScale scale = null;
        if (rest.length == 4) {
          if (!rest[2].equals("--scale")) {
            throw CinerecException.usage("prepare: unknown option " + rest[2] + " (only --scale)");
          }
          scale = RatingScale.parse(rest[3], "--scale");
        }
        PrepareJob.Result r = PrepareJob.run(session(), rest[0], rest[1], scale);
        System.out.printf(Locale.ROOT, "read %,d rows: kept %,d; scale %s; wrote %s/ratings.parquet and %s/report.json%n",
            r.rowsRead(), r.rowsKept(), r.scale().describe(), rest[1], rest[1]);
        return 0;
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

  static String usage() {
    return "usage: spark-submit --class org.cinerec.spark.SparkJobs cinerec-spark.jar JOB ARGS\n"
        + "  prepare INPUT OUT [--scale MIN:MAX[:STEP]]   ratings CSV -> OUT/ratings.parquet + OUT/report.json\n"
        + "  evaluate DATA [--model ALS_DIR | --rank N --max-iter N --reg-param X --seed S] [--split hash:F:SEED]\n"
        + "      [--k 5,10,20] [--threshold X] [--scale MIN:MAX[:STEP]] [--out DIR]   RMSE, MAE, ranking metrics\n"
        + "  recommend-all DATA OUT [--model ALS_DIR | ALS flags] [--split hash:F:SEED] [--k 10]   top K per user";
  }

  private static SparkSession session() {
    SparkSession.Builder b = SparkSession.builder().appName("cinerec");
    if (!System.getProperties().containsKey("spark.master")) {
      b.master("local[*]");
    }
    return b.getOrCreate();
  }
}
