package org.cinerec.spark;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.cinerec.data.RatingScale;
import org.cinerec.io.Format;

/**
 * Parquet input for {@code prepare}: every row becomes the line a ratings CSV would hold (each column cast
 * to text by Spark, a timestamp column to its Unix seconds first, null as an empty field, in the schema's
 * order, joined by commas), under a header made of the column names, so the one set of row rules
 * ({@link org.cinerec.io.RatingLines}, the core's) decides what is kept and why, and the columns are found
 * by the header names the core knows ({@code userId/user_id/user}, {@code movieId/itemId/...},
 * {@code rating/score}, {@code timestamp/time/ts}). Line numbers in the report count rows in the order
 * Spark reads them from line 2, as if line 1 were the header.
 */
final class ParquetLines {
  private ParquetLines() {}

  /** The rules for the rows and the rows as text, one partition per Spark read split. */
  record Source(PieceRows.Rules rules, JavaRDD<Row> rows) {}

  static Source open(SparkSession spark, String input, String name, RatingScale scale, boolean strict) {
    org.apache.spark.sql.Dataset<Row> df = spark.read().parquet(input);
    List<String> names = new ArrayList<>();
    List<Column> cols = new ArrayList<>();
    for (StructField f : df.schema().fields()) {
      names.add(f.name());
      Column c = functions.col("`" + f.name() + "`");
      if (f.dataType().equals(DataTypes.TimestampType) || f.dataType().equals(DataTypes.TimestampNTZType)) {
        c = functions.unix_timestamp(c);
      }
      cols.add(c.cast(DataTypes.StringType).alias(f.name()));
    }
    PieceRows.Rules rules = PieceRows.Rules.of(Format.RATINGS_CSV, name, String.join(",", names), scale, strict);
    rules.build(); // the columns are checked here, on the driver
    return new Source(rules, df.select(cols.toArray(new Column[0])).javaRDD());
  }

  /** A partition's rows as lines, each ending with a newline (so none is a cut last line). */
  static Iterator<PieceRows.Line> lines(Iterator<Row> rows) {
    return new Iterator<>() {
      private final StringBuilder sb = new StringBuilder();

      @Override
      public boolean hasNext() {
        return rows.hasNext();
      }

      @Override
      public PieceRows.Line next() {
        Row r = rows.next();
        sb.setLength(0);
        for (int k = 0; k < r.size(); k++) {
          if (k > 0) {
            sb.append(',');
          }
          if (!r.isNullAt(k)) {
            sb.append(r.getString(k).replace('\n', ' ').replace('\r', ' '));
          }
        }
        byte[] b = sb.toString().getBytes(StandardCharsets.UTF_8);
        return new PieceRows.Line(b, b.length, false);
      }
    };
  }
}
