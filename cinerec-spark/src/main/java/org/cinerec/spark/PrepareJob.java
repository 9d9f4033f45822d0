package org.cinerec.spark;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.CollectionAccumulator;
import org.cinerec.CinerecException;
import org.cinerec.data.Provenance;
import org.cinerec.data.RatingScale;
import org.cinerec.data.Ratings;
import org.cinerec.io.Format;
import org.cinerec.io.RatingLines;
import org.cinerec.prep.DatasetAssembler;
import org.cinerec.prep.PrepReport;
import org.cinerec.prep.RatingColumns;
import org.cinerec.prep.Reasons;
import org.cinerec.prep.ReportFormat;

/**
 * {@code prepare}: a ratings CSV with a header (MovieLens {@code ratings.csv}, Kaggle's ratings) on any
 * Hadoop-compatible path → cleaned Parquet ({@code userId int, movieId int, rating float, timestamp long},
 * file order) and the core's JSON preparation report. Each partition runs the core's row rules
 * ({@link RatingLines}) over its lines in pieces of {@value #PIECE} bytes; the driver offsets each
 * partition's line numbers by the lines before it, so counts and examples are those of {@code cinerec
 * prepare} on the same file. Duplicates follow {@link DatasetAssembler#keepsLater}; the scale is the one
 * given or, as in the core, read off the kept ratings.
 */
public final class PrepareJob {
  /** Bytes of lines parsed at once inside a partition (as the core's reader). */
  static final int PIECE = 8 << 20;
  private static final String NOTE_NO_CATALOG = "no movie catalogue: titles are placeholders (\"movie <id>\")";

  private PrepareJob() {}

  /** What a run wrote: the report's JSON and the counts. */
  public record Result(String reportJson, long rowsRead, long rowsKept, RatingScale scale) {}

  /**
   * Prepares {@code input} into {@code out}/ratings.parquet and {@code out}/report.json. {@code scale} null:
   * nothing is dropped for the scale, which is read off the kept ratings.
   */
  public static Result run(SparkSession spark, String input, String out, RatingScale scale) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Configuration conf = new Configuration(jsc.hadoopConfiguration());
    conf.set("textinputformat.record.delimiter", "\n"); // a lone '\r' stays in its line, as in the core
    org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(input);
    String name = path.getName();
    FileHead head = head(path, conf, input);
    RatingLines.csv(name, head.header, scale, false); // a bad header fails here, on the driver, with its fix

    String[] scaleParts = scale == null ? null
        : new String[] {Double.toString(scale.min()), Double.toString(scale.max()), Double.toString(scale.step()),
            scale.source().id()};
    String header = head.header;
    long size = head.bytes;
    CollectionAccumulator<PartSummary> summaries = spark.sparkContext().collectionAccumulator("prepare pieces");
    JavaRDD<Row> rows = jsc.newAPIHadoopFile(input, TextInputFormat.class, LongWritable.class, Text.class, conf)
        .mapPartitionsWithIndex((part, it) -> new PartitionRows(part, it, name, header, scaleParts, size, summaries),
            true);
    StructType schema = new StructType()
        .add("userId", DataTypes.IntegerType, false)
        .add("movieId", DataTypes.IntegerType, false)
        .add("rating", DataTypes.FloatType, false)
        .add("timestamp", DataTypes.LongType, false)
        .add("part", DataTypes.IntegerType, false)
        .add("line", DataTypes.LongType, false);
    Dataset<Row> raw = spark.createDataFrame(rows, schema)
        .withColumn("pos", functions.col("part").cast("long").multiply(1L << 40).plus(functions.col("line")))
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      long rawCount = raw.count(); // runs every partition once: the summaries are complete after this

      // the partitions' reports in file order, line numbers offset by the lines before each
      Map<Integer, PartSummary> byPart = new TreeMap<>();
      for (PartSummary s : summaries.value()) {
        byPart.putIfAbsent(s.part(), s); // a retried task reports twice: keep one
      }
      PrepReport report = new PrepReport(false);
      Map<Integer, Long> firstLine = new HashMap<>();
      long line = 2; // line 1 is the header
      for (PartSummary s : byPart.values()) {
        firstLine.put(s.part(), line);
        List<RatingLines.BadRow> examples = new ArrayList<>();
        for (Bad b : s.examples()) {
          examples.add(new RatingLines.BadRow(b.reason(), b.line(), b.column(), b.why()));
        }
        RatingLines.report(name, line, s.rowsRead(), s.dropped(), examples, report);
        line += s.lines();
      }

      // duplicates: per (user, movie) the latest timestamp, on a tie the later row
      WindowSpec pair = Window.partitionBy("userId", "movieId");
      Dataset<Row> ranked = raw
          .withColumn("rank", functions.row_number().over(pair.orderBy(functions.col("timestamp").desc(),
              functions.col("pos").desc())))
          .withColumn("copies", functions.count(functions.lit(1)).over(pair))
          .withColumn("userFirst", functions.min("pos").over(Window.partitionBy("userId")));
      Dataset<Row> kept = ranked.filter(functions.col("rank").equalTo(1));
      long keptCount = kept.count();
      if (keptCount == 0) {
        throw new CinerecException(rawCount == 0 && report.rowsRead() == 0
            ? name + ": no ratings (the file has no data rows)"
            : name + ": no ratings left: all " + report.rowsRead() + " rows were dropped");
      }
      long duplicates = rawCount - keptCount;
      if (duplicates > 0) {
        duplicateExamples(ranked, duplicates, name, firstLine, report);
      }
      report.note(NOTE_NO_CATALOG);

      RatingScale onScale = scale;
      if (onScale == null) {
        List<Row> distinct = kept.select("rating").distinct().collectAsList();
        float[] values = new float[distinct.size()];
        for (int k = 0; k < values.length; k++) {
          values[k] = distinct.get(k).getFloat(0);
        }
        onScale = RatingScale.infer(values, values.length);
      }
      Row shape = kept.agg(functions.countDistinct("userId"), functions.countDistinct("movieId")).first();
      long users = shape.getLong(0);
      long movies = shape.getLong(1);
      Provenance provenance = report.toProvenance(Format.RATINGS_CSV.id(),
          List.of(new Provenance.SourceFile(input, head.sha256, head.bytes)), keptCount);
      // no catalogue: every movie is a placeholder (no metadata), every one rated
      String json = ReportFormat.json(provenance, onScale, keptCount, users, movies, 0, movies);

      kept.orderBy("pos").select("userId", "movieId", "rating", "timestamp")
          .write().mode(SaveMode.Overwrite).parquet(out + "/ratings.parquet");
      writeText(out + "/report.json", json, conf);
      return new Result(json, report.rowsRead(), keptCount, onScale);
    } finally {
      raw.unpersist();
    }
  }

  /**
   * The core's duplicate examples: pairs met in order of (the user's first row, row), each later copy
   * compared with the copy kept so far ({@link DatasetAssembler#keepsLater}); the first
   * {@link PrepReport#EXAMPLES} become examples, the rest are counted. Collects a growing prefix of the
   * duplicated rows only.
   */
  private static void duplicateExamples(Dataset<Row> ranked, long duplicates, String name,
      Map<Integer, Long> firstLine, PrepReport report) {
    Dataset<Row> copies = ranked.filter(functions.col("copies").gt(1))
        .orderBy(functions.col("userFirst"), functions.col("pos"))
        .select("userId", "movieId", "rating", "timestamp", "part", "line");
    int limit = 64;
    List<String> examples = new ArrayList<>();
    while (true) {
      List<Row> prefix = copies.limit(limit).collectAsList();
      examples.clear();
      Map<Long, Row> keptSoFar = new HashMap<>();
      for (Row r : prefix) {
        long key = ((long) r.getInt(0) << 32) | (r.getInt(1) & 0xFFFF_FFFFL);
        Row prev = keptSoFar.get(key);
        if (prev == null) {
          keptSoFar.put(key, r);
          continue;
        }
        boolean keepNew = DatasetAssembler.keepsLater(packed(r), packed(prev));
        Row loser = keepNew ? prev : r;
        Row winner = keepNew ? r : prev;
        if (keepNew) {
          keptSoFar.put(key, r);
        }
        examples.add(DatasetAssembler.duplicateExample(name + ":" + line(loser, firstLine),
            Integer.toString(r.getInt(0)), Integer.toString(r.getInt(1)), line(winner, firstLine),
            winner.getFloat(2), packed(winner)));
        if (examples.size() == PrepReport.EXAMPLES) {
          break;
        }
      }
      if (examples.size() == PrepReport.EXAMPLES || prefix.size() < limit) {
        break;
      }
      limit *= 4;
    }
    for (String e : examples) {
      report.drop(Reasons.DUPLICATE, e, 1);
    }
    if (duplicates > examples.size()) {
      report.drop(Reasons.DUPLICATE, null, duplicates - examples.size());
    }
  }

  private static int packed(Row r) {
    return Ratings.packTimestamp(r.getLong(3));
  }

  private static long line(Row r, Map<Integer, Long> firstLine) {
    return firstLine.get(r.getInt(4)) + r.getLong(5);
  }

  /** The header line, size and sha256 of the input, read once on the driver. */
  private record FileHead(String header, long bytes, String sha256) {}

  private static FileHead head(org.apache.hadoop.fs.Path path, Configuration conf, String input) {
    try {
      FileSystem fs = path.getFileSystem(conf);
      if (!fs.exists(path)) {
        throw new CinerecException(input + ": no such file");
      }
      if (fs.getFileStatus(path).isDirectory()) {
        throw CinerecException.usage(input + ": give the ratings CSV file itself, not a folder");
      }
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      ByteArrayOutputStream first = new ByteArrayOutputStream();
      boolean inFirst = true;
      long bytes = 0;
      byte[] buf = new byte[1 << 20];
      try (InputStream in = fs.open(path)) {
        int n;
        while ((n = in.read(buf)) > 0) {
          sha.update(buf, 0, n);
          bytes += n;
          for (int i = 0; i < n && inFirst; i++) {
            if (buf[i] == '\n') {
              inFirst = false;
            } else {
              first.write(buf[i]);
            }
          }
        }
      }
      String header = first.toString(StandardCharsets.UTF_8);
      if (header.endsWith("\r")) {
        header = header.substring(0, header.length() - 1);
      }
      if (header.startsWith("\uFEFF")) {
        header = header.substring(1);
      }
      return new FileHead(header, bytes, java.util.HexFormat.of().formatHex(sha.digest()));
    } catch (IOException e) {
      throw new CinerecException(input + ": cannot read: " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static void writeText(String file, String text, Configuration conf) {
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(file);
    try (FSDataOutputStream o = p.getFileSystem(conf).create(p, true)) {
      ((OutputStream) o).write(text.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new CinerecException(file + ": cannot write: " + e.getMessage(), e);
    }
  }

  /** One bad row of a partition, line relative to the partition's first line. */
  record Bad(String reason, long line, int column, String why) implements Serializable {}

  /** What a partition read: lines consumed, rows read, bad rows by reason with the first examples. */
  record PartSummary(int part, long lines, long rowsRead, LinkedHashMap<String, Long> dropped,
      ArrayList<Bad> examples) implements Serializable {}

  /**
   * Runs the core's row rules over one partition's lines in pieces, emitting kept rows lazily and the
   * partition's summary once its last row has been taken.
   */
  static final class PartitionRows implements Iterator<Row> {
    private final int part;
    private final Iterator<scala.Tuple2<LongWritable, Text>> lines;
    private final String name;
    private final long size;
    private final RatingLines rules;
    private final CollectionAccumulator<PartSummary> sink;
    private final LinkedHashMap<String, Long> dropped = new LinkedHashMap<>();
    private final ArrayList<Bad> examples = new ArrayList<>();
    private final Map<String, Integer> examplesByReason = new HashMap<>();
    private long linesDone;
    private long rowsRead;
    private byte[] buf = new byte[1 << 16];
    private RatingColumns current;
    private long currentFirstLine;
    private RatingLines.Piece piece;
    private int next;
    private boolean reported;

    PartitionRows(int part, Iterator<scala.Tuple2<LongWritable, Text>> lines, String name, String header,
        String[] scale, long size, CollectionAccumulator<PartSummary> sink) {
      this.part = part;
      this.lines = lines;
      this.name = name;
      this.size = size;
      this.sink = sink;
      RatingScale s = scale == null ? null : new RatingScale(Double.parseDouble(scale[0]),
          Double.parseDouble(scale[1]), Double.parseDouble(scale[2]), RatingScale.Source.of(scale[3]));
      this.rules = RatingLines.csv(name, header, s, false);
    }

    @Override
    public boolean hasNext() {
      while (current == null || next >= current.size()) {
        if (!lines.hasNext()) {
          if (!reported) {
            reported = true;
            sink.add(new PartSummary(part, linesDone, rowsRead, dropped, examples));
          }
          return false;
        }
        fill();
      }
      return true;
    }

    @Override
    public Row next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      int r = next++;
      long line = currentFirstLine + piece.lineOf(r);
      return RowFactory.create(current.user(r), current.item(r), current.rating(r),
          Integer.toUnsignedLong(current.packedTime(r)), part, line);
    }

    /** Reads lines up to {@link #PIECE} bytes and parses them. */
    private void fill() {
      int len = 0;
      boolean last = false;
      while (lines.hasNext() && len < PIECE) {
        scala.Tuple2<LongWritable, Text> rec = lines.next();
        long at = rec._1().get();
        Text t = rec._2();
        if (at == 0) {
          continue; // the header
        }
        int n = t.getLength();
        if (at >= size && n == 0) {
          continue;
        }
        boolean noNewline = at + n >= size;
        if (len + n + 2 > buf.length) {
          buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + n + 2));
        }
        System.arraycopy(t.getBytes(), 0, buf, len, n);
        len += n;
        if (noNewline) {
          last = true;
        } else {
          buf[len++] = '\n';
        }
      }
      buf[len] = 0;
      piece = rules.parse(buf, len, last);
      currentFirstLine = linesDone;
      current = piece.rows();
      next = 0;
      rowsRead += piece.rowsRead();
      for (Map.Entry<String, Long> e : piece.dropped().entrySet()) {
        dropped.merge(e.getKey(), e.getValue(), Long::sum);
      }
      for (RatingLines.BadRow b : piece.examples()) {
        int have = examplesByReason.getOrDefault(b.reason(), 0);
        if (have < PrepReport.EXAMPLES) {
          examplesByReason.put(b.reason(), have + 1);
          examples.add(new Bad(b.reason(), currentFirstLine + b.line(), b.column(), b.why()));
        }
      }
      linesDone += piece.lines();
    }
  }
}
