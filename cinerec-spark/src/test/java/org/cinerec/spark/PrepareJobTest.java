package org.cinerec.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.cinerec.Progress;
import org.cinerec.data.DataFingerprint;
import org.cinerec.data.Dataset;
import org.cinerec.data.RatingScale;
import org.cinerec.io.DataSources;
import org.cinerec.io.LoadOptions;
import org.cinerec.prep.ReportFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark {@code prepare} and the core's reader on one file with every defect the row rules know,
 * zero-padded ids and a 0-10 scale, cut into many small partitions: the two JSON reports are equal byte
 * for byte, and so are the cleaned rows.
 */
class PrepareJobTest {
  @TempDir Path dir;

  /** Every reason of the row rules, CRLF and blank lines, duplicates (a triple, a tie), a cut last line. */
  static byte[] fixture() throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    String text = "userId,movieId,rating,timestamp\n"
        + "1,10,7,1000\n"
        + "001,0020,10,1001\n"           // zero-padded: user 1, movie 20
        + "1,30,0,1002\r\n"              // CRLF
        + "\n"                           // blank: not a row
        + "2,10,8.5,1003\n"
        + "2,10,9,1004\n"                // duplicate, later: kept
        + "2,10,6,1004\n"                // duplicate, same time, later row: kept
        + "x,10,5,1005\n"                // bad-id
        + "3,-4,5,1006\n"                // bad-id
        + ",10,5,1007\n"                 // bad-id (empty)
        + "3,10,abc,1008\n"              // bad-rating
        + "3,11,NaN,1009\n"              // nan-rating
        + "3,12,11,1010\n"               // out-of-scale (given 0:10)
        + "3,13,-1,1011\n"               // out-of-scale
        + "3,14,5,-5\n"                  // bad-timestamp
        + "3,15,5,99999999999\n"         // bad-timestamp (over 2^32-1)
        + "3,16,5\n"                     // field-count
        + "3,17,5,1012,9\n"              // field-count
        + "3,18,5,10\r13\n"              // stray carriage return
        + "0003,0010,4,1013\n"           // user 3 again (padded), movie 10
        + "3,10,2,999\n"                 // duplicate of the row above, earlier time: dropped
        + "4,20,3,1014\n"
        + "4,21,3,1015\n"
        + "1,10,6,900\n"                 // duplicate of line 2, earlier: dropped
        + "5,30,1,1016\n";
    b.write(text.getBytes(StandardCharsets.UTF_8));
    b.write("5,31,4,1017,\"caf".getBytes(StandardCharsets.UTF_8));
    b.write(new byte[] {(byte) 0xC3, (byte) 0x28}); // invalid-utf8 (and the wrong field count)
    b.write("\"\n".getBytes(StandardCharsets.UTF_8));
    b.write("6,40,5,1018\n6,41,5,1019\n6,42".getBytes(StandardCharsets.UTF_8)); // cut short: truncated-row
    return b.toByteArray();
  }

  @Test
  void sparkPrepareReportsAndKeepsWhatTheCoreDoes() throws IOException {
    Path input = dir.resolve("ratings.csv");
    Files.write(input, fixture());
    SparkSession spark = LocalSpark.session();
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    hadoop.setLong("mapreduce.input.fileinputformat.split.maxsize", 90); // several partitions
    try {
      for (RatingScale scale : new RatingScale[] {RatingScale.parse("0:10", "--scale"), null}) {
        Dataset core = DataSources.load(input, LoadOptions.defaults().withFormat("ratings-csv").withScale(scale),
            Progress.NONE);
        String out = dir.resolve("out-" + (scale == null ? "inferred" : "given")).toString();
        PrepareJob.Result r = PrepareJob.run(spark, input.toString(), out, scale);
        String coreJson = ReportFormat.json(core);
        assertEquals(coreJson, r.reportJson(), "scale " + scale);
        assertEquals(coreJson, Files.readString(Path.of(out, "report.json")));
        assertEquals(DataFingerprint.of(core), r.fingerprint(), "the data fingerprint, distributed");
        assertEquals(DataFingerprint.hex(r.fingerprint()) + "\n", Files.readString(Path.of(out, "fingerprint.txt")));
        for (String reason : new String[] {"bad-id", "bad-rating", "nan-rating", "bad-timestamp", "field-count",
            "invalid-utf8", "truncated-row", "duplicate"}) {
          assertTrue(core.provenance().dropped().containsKey(reason), reason + " in " + coreJson);
        }
        if (scale != null) {
          assertTrue(core.provenance().dropped().containsKey("out-of-scale"), coreJson);
        }

        List<String> coreRows = new ArrayList<>();
        for (int i = 0; i < core.ratings().size(); i++) {
          coreRows.add(core.users().id(core.ratings().user(i)) + "," + core.items().id(core.ratings().item(i)) + ","
              + core.ratings().rating(i) + "," + core.ratings().timestamp(i));
        }
        List<String> sparkRows = new ArrayList<>();
        for (Row row : spark.read().parquet(out + "/ratings.parquet").collectAsList()) {
          sparkRows.add(row.getInt(0) + "," + row.getInt(1) + "," + row.getFloat(2) + "," + row.getLong(3));
        }
        coreRows.sort(null);
        sparkRows.sort(null);
        assertEquals(coreRows, sparkRows);
      }
    } finally {
      hadoop.unset("mapreduce.input.fileinputformat.split.maxsize");
    }
  }
}
