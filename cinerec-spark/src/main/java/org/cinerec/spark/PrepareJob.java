package org.cinerec.spark;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.lib.input.TextInputFormat;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.CollectionAccumulator;
import org.cinerec.CinerecException;
import org.cinerec.data.DataFingerprint;
import org.cinerec.data.IdIndex;
import org.cinerec.data.Provenance;
import org.cinerec.data.RatingScale;
import org.cinerec.data.Ratings;
import org.cinerec.io.CatalogFile;
import org.cinerec.io.ColumnMapping;
import org.cinerec.io.CsvRows;
import org.cinerec.io.Format;
import org.cinerec.io.FormatParts;
import org.cinerec.io.TextFiles;
import org.cinerec.io.RatingLines;
import org.cinerec.prep.DatasetAssembler;
import org.cinerec.prep.MovieTable;
import org.cinerec.prep.PrepReport;
import org.cinerec.prep.UserTable;
import org.cinerec.prep.Reasons;
import org.cinerec.prep.ReportFormat;

/**
 * {@code prepare}: the inputs the core reads (a MovieLens CSV folder, Kaggle's folder joined to its
 * metadata through the links, a ratings CSV with a header, MovieLens 100K {@code u.data}, MovieLens
 * 1M/10M {@code .dat}) and Parquet, on any Hadoop-compatible path → cleaned Parquet ({@code userId int,
 * movieId int, rating float, timestamp long}, file order) and the core's JSON preparation report. Each
 * partition runs the core's row rules ({@link RatingLines}) over its lines in pieces of {@value #PIECE}
 * bytes; the driver offsets each partition's line numbers by the lines before it, so counts and examples
 * are those of {@code cinerec prepare} on the same data. The side files (catalogue, users) are read by the
 * core on the driver ({@link FormatParts#catalogue}); movies without metadata are counted or, with
 * {@code requireMetadata}, dropped as {@link DatasetAssembler} does; duplicates follow
 * {@link DatasetAssembler#keepsLater}; the scale is the one given, the format's, or read off the kept
 * ratings.
 */
public final class PrepareJob {
  /** Bytes of lines parsed at once inside a partition (as the core's reader). */
  static final int PIECE = 8 << 20;

  private PrepareJob() {}

  /**
   * What to read and how: {@code format} a core format id, {@code parquet} or null to detect; {@code scale}
   * null for the format's own (or, where it defines none, read off the kept ratings).
   */
  public record Options(String format, RatingScale scale, boolean requireMetadata, ColumnMapping columns,
      boolean strict, String seedData) {
    /** No seed data (only a ratings store reads one: {@code --seed-data PREP}). */
    public Options(String format, RatingScale scale, boolean requireMetadata, ColumnMapping columns,
        boolean strict) {
      this(format, scale, requireMetadata, columns, strict, null);
    }

    /** Not strict. */
    public Options(String format, RatingScale scale, boolean requireMetadata, ColumnMapping columns) {
      this(format, scale, requireMetadata, columns, false);
    }

    /** Without column flags, not strict. */
    public Options(String format, RatingScale scale, boolean requireMetadata) {
      this(format, scale, requireMetadata, null, false);
    }

    public static Options defaults() {
      return new Options(null, null, false, null, false);
    }

    /** {@code --strict}: the first bad row in file order ends the job, naming file:line:column (as the core). */
    public Options withStrict(boolean s) {
      return new Options(format, scale, requireMetadata, columns, s, seedData);
    }

    /**
     * {@code --seed-data PREP}: for a ratings store, the {@code prepare} output of the data it was seeded
     * from, whose catalogue, movies and scale the store's ratings are read over (as the core's StoreDataset).
     */
    public Options withSeedData(String prep) {
      return new Options(format, scale, requireMetadata, columns, strict, prep);
    }
  }

  /**
   * What a run wrote: the report's JSON, the counts, the data fingerprint of the kept ratings and whether
   * the input's catalogue went to catalogue.json.
   */
  public record Result(String reportJson, long rowsRead, long rowsKept, RatingScale scale, String format,
      long fingerprint, boolean catalogue) {
    /** Without a catalogue. */
    public Result(String reportJson, long rowsRead, long rowsKept, RatingScale scale, String format, long fingerprint) {
      this(reportJson, rowsRead, rowsKept, scale, format, fingerprint, false);
    }
  }

  /** {@link #run(SparkSession, String, String, Options)} with the format detected and no metadata required. */
  public static Result run(SparkSession spark, String input, String out, RatingScale scale) {
    return run(spark, input, out, new Options(null, scale, false));
  }

  /**
   * Prepares {@code input} into {@code out}/ratings.parquet, {@code out}/report.json,
   * {@code out}/fingerprint.txt and, when the input has a movie catalogue, {@code out}/catalogue.json.
   * Bad input found inside a partition ends as it does on the driver: a {@link CinerecException} naming
   * file and line.
   */
  public static Result run(SparkSession spark, String input, String out, Options o) {
    try {
      return prepare(spark, input, out, o);
    } catch (RuntimeException e) {
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof CinerecException c) {
          throw c;
        }
      }
      throw e;
    }
  }

  private static Result prepare(SparkSession spark, String input, String out, Options o) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Configuration conf = new Configuration(jsc.hadoopConfiguration());
    if (o.seedData() != null && !StoreInput.isStore(input)) {
      throw CinerecException.usage("--seed-data " + o.seedData() + ": only a ratings store (jdbc:...) takes the data it"
          + " was seeded from");
    }
    if (StoreInput.isStore(input)) {
      Result r = StoreInput.prepare(spark, input, out, o, conf);
      if (!r.catalogue()) {
        writeCatalogue(out, null, conf); // no catalogue: none left from an earlier run
      }
      return r;
    }
    conf.set("textinputformat.record.delimiter", "\n"); // a lone '\r' stays in its line, as in the core
    PrepareInput in = PrepareInput.resolve(input, o.format(), o.columns() != null, conf);
    boolean csv = in.format == Format.CSV;
    RatingScale scale = o.scale() != null ? o.scale() : in.parquet() ? null : in.format.scale();
    String name = in.name();
    CollectionAccumulator<PieceRows.PartSummary> summaries =
        spark.sparkContext().collectionAccumulator("prepare pieces");
    long firstDataLine;
    JavaRDD<Row> rows;
    CsvRows csvRules = null;
    if (in.parquet()) {
      ParquetLines.Source src = ParquetLines.open(spark, in.given, name, scale, o.strict());
      PieceRows.Rules rules = src.rules();
      firstDataLine = 2;
      rows = src.rows().mapPartitionsWithIndex((part, it) -> new PieceRows(part, ParquetLines.lines(it), rules.build(),
          summaries), true);
    } else if (csv) {
      CsvPieceRows.Spec spec = CsvPieceRows.Spec.of(name, in.firstLine, o.columns(), scale);
      csvRules = spec.build(); // bad columns fail here, on the driver, with the flag that fixes them
      boolean header = csvRules.header();
      firstDataLine = header ? 2 : 1;
      long size = in.ratingsSource.bytes();
      JavaPairRDD<LongWritable, Text> file =
          jsc.newAPIHadoopFile(in.ratings.toString(), TextInputFormat.class, LongWritable.class, Text.class, conf);
      Broadcast<CsvQuotes.Plan> plan = jsc.broadcast(quotePlan(file, spec.quotes(), header, size));
      rows = file.mapPartitionsWithIndex((part, it) -> new CsvPieceRows(part,
          CsvQuotes.apply(part, lines(it, header, size, !header), plan.value()), spec, summaries), true);
    } else {
      PieceRows.Rules rules = PieceRows.Rules.of(in.format, name, in.firstLine, scale, o.strict());
      RatingLines driverRules = rules.build(); // a bad header or first line fails here, on the driver, with its fix
      firstDataLine = driverRules.firstLine();
      boolean header = driverRules.header();
      long size = in.ratingsSource.bytes();
      rows = jsc.newAPIHadoopFile(in.ratings.toString(), TextInputFormat.class, LongWritable.class, Text.class, conf)
          .mapPartitionsWithIndex((part, it) -> new PieceRows(part, lines(it, header, size, false), rules.build(),
              summaries),
              true);
    }
    StructType schema = new StructType()
        .add("userId", csv ? DataTypes.StringType : DataTypes.IntegerType, false)
        .add("movieId", csv ? DataTypes.StringType : DataTypes.IntegerType, false)
        .add("rating", DataTypes.FloatType, false)
        .add("timestamp", DataTypes.LongType, false)
        .add("part", DataTypes.IntegerType, false)
        .add("line", DataTypes.LongType, false);
    Dataset<Row> raw = spark.createDataFrame(rows, schema)
        .withColumn("pos", functions.col("part").cast("long").multiply(1L << 40).plus(functions.col("line")))
        .persist(StorageLevel.MEMORY_AND_DISK());
    List<Dataset<Row>> cached = new ArrayList<>();
    try {
      raw.count(); // runs every partition once: the summaries are complete after this

      // the partitions' reports in file order, line numbers offset by the lines before each
      Map<Integer, PieceRows.PartSummary> byPart = new TreeMap<>();
      for (PieceRows.PartSummary s : summaries.value()) {
        byPart.putIfAbsent(s.part(), s); // a retried task reports twice: keep one
      }
      PrepReport report = new PrepReport(o.strict()); // strict: the first bad row, in file order, throws
      if (in.unpackedNote != null) { // as the core's report: the zip or gzip it read through first
        report.note(in.unpackedNote);
      }
      if (in.routedNote != null) {
        report.note(in.routedNote);
      }
      if (csv) { // the core decodes the whole file before its rows: bytes that are not UTF-8 come first
        long lf = 1 + (csvRules.header() ? 1 : 0); // LF numbering of the first byte of the first partition
        for (PieceRows.PartSummary s : byPart.values()) {
          if (s.utf8Line() >= 0) {
            TextFiles.notUtf8(name, lf + s.utf8Line(), s.utf8Byte(), report);
            break;
          }
          lf += s.newlines();
        }
      }
      Map<Integer, Long> firstLine = new HashMap<>();
      long line = firstDataLine;
      for (PieceRows.PartSummary s : byPart.values()) {
        firstLine.put(s.part(), line);
        List<RatingLines.BadRow> examples = new ArrayList<>();
        for (PieceRows.Bad b : s.examples()) {
          examples.add(new RatingLines.BadRow(b.reason(), b.line(), b.column(), b.why()));
        }
        RatingLines.report(name, line, s.rowsRead(), s.dropped(), examples, report);
        line += s.lines();
      }
      if (csv) {
        report.note(csvRules.note());
      }

      // the side files, read by the core on the driver, then the movies without metadata
      List<Provenance.SourceFile> sources;
      MovieTable movies;
      UserTable usersFile;
      if (in.parquet()) {
        report.note("no movie catalogue: titles are placeholders (\"movie <id>\")");
        sources = List.of(in.ratingsSource);
        movies = null;
        usersFile = null;
      } else {
        PrepareInput.Side side = in.catalogue(report);
        sources = side.sources();
        movies = side.catalogue().movies();
        usersFile = side.catalogue().users();
      }
      if (o.requireMetadata() && movies == null) {
        throw CinerecException.usage("--require-metadata needs a movie catalogue, but " + name
            + " comes without one (give the folder with movies.csv or movies_metadata.csv)");
      }
      Catalog cat = Catalog.of(movies, o.requireMetadata());
      Dataset<Row> rated = csv ? firstSpelling(raw) : raw;
      if (movies != null) {
        rated = noMetadata(spark, raw, cat, o.requireMetadata(), name, firstLine, report);
      }

      // duplicates: per (user, movie) the latest timestamp, on a tie the later row
      WindowSpec pair = Window.partitionBy("userId", "movieId");
      Dataset<Row> ranked = rated
          .withColumn("rank", functions.row_number().over(pair.orderBy(functions.col("timestamp").desc(),
              functions.col("pos").desc())))
          .withColumn("copies", functions.count(functions.lit(1)).over(pair))
          .withColumn("userFirst", functions.min("pos").over(Window.partitionBy("userId")))
          .persist(StorageLevel.MEMORY_AND_DISK()); // the windows once, not once per question below
      cached.add(ranked);
      long ratedCount = ranked.count();
      Dataset<Row> kept = ranked.filter(functions.col("rank").equalTo(1));
      long keptCount = kept.count();
      if (keptCount == 0) {
        throw report.noRatings(name);
      }
      long duplicates = ratedCount - keptCount;
      if (duplicates > 0) {
        duplicateExamples(ranked, duplicates, name, firstLine, cat.spelling, report);
      }

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
      long moviesRated = shape.getLong(1);
      long moviesAll = moviesRated;
      if (movies != null) {
        // every catalogue movie, then the rated ones missing from it (none are kept when metadata is required)
        long ratedOutside = o.requireMetadata() ? 0 : rated.select("movieId").distinct()
            .filter(functions.not(inSet(spark, cat.keys).apply(functions.col("movieId")))).count();
        moviesAll = cat.size + ratedOutside;
      }
      if (usersFile != null) {
        usersReport(spark, kept, usersFile, users, report);
      }
      Provenance provenance = report.toProvenance(in.parquet() ? PrepareInput.PARQUET : in.format.id(), sources,
          keptCount);
      String json = ReportFormat.json(provenance, onScale, keptCount, users, moviesAll, cat.withMetadata, moviesRated);

      long fingerprint = fingerprint(kept, keptCount, onScale);

      Dataset<Row> written = kept.orderBy("pos").select("userId", "movieId", "rating", "timestamp");
      (csv ? intIdsIfAll(written) : written).write().mode(SaveMode.Overwrite).parquet(out + "/ratings.parquet");
      writeText(out + "/report.json", json, conf);
      writeText(out + "/fingerprint.txt", DataFingerprint.hex(fingerprint) + "\n", conf);
      writeCatalogue(out, movies, conf);
      return new Result(json, report.rowsRead(), keptCount, onScale,
          in.parquet() ? PrepareInput.PARQUET : in.format.id(), fingerprint, movies != null);
    } finally {
      for (Dataset<Row> d : cached) {
        d.unpersist();
      }
      raw.unpersist();
    }
  }

  /**
   * The core's data fingerprint ({@link DataFingerprint}) of the kept ratings: the row hashes summed per
   * partition and then on the driver (a sum mod 2^64: any order, any partitioning), finished with the count
   * and the scale. Ids are hashed in their canonical text ({@link IdIndex#key}: a number without leading
   * zeros).
   */
  static long fingerprint(Dataset<Row> kept, long count, RatingScale scale) {
    long sum = kept.select("userId", "movieId", "rating").javaRDD().mapPartitions(it -> {
      long s = 0;
      while (it.hasNext()) {
        Row r = it.next();
        s += DataFingerprint.row(IdIndex.key(String.valueOf(r.get(0))), IdIndex.key(String.valueOf(r.get(1))),
            r.getFloat(2));
      }
      return List.of(s).iterator();
    }).reduce(Long::sum);
    return DataFingerprint.finish(count, sum, scale);
  }

  /**
   * Text ids as the core's vocabularies hold them: two spellings of one number ({@code 007}, {@code 7}) are
   * one id ({@link IdIndex#key}), spelled as it first appears in the file.
   */
  private static Dataset<Row> firstSpelling(Dataset<Row> raw) {
    UserDefinedFunction key = functions.udf((String id) -> IdIndex.key(id), DataTypes.StringType);
    return raw.withColumn("ukey", key.apply(functions.col("userId")))
        .withColumn("ikey", key.apply(functions.col("movieId")))
        .withColumn("userId", functions.min_by(functions.col("userId"), functions.col("pos"))
            .over(Window.partitionBy("ukey")))
        .withColumn("movieId", functions.min_by(functions.col("movieId"), functions.col("pos"))
            .over(Window.partitionBy("ikey")))
        .drop("ukey", "ikey");
  }

  /**
   * A text partition's lines: the header dropped, the end of the file marked, and with {@code stripBom} a
   * UTF-8 byte order mark at the file's start dropped (the generic CSV's decoding does; the numeric
   * readers do not).
   */
  /**
   * {@link CsvQuotes}'s plan for a generic CSV: pass 1 over every partition, the chain on the driver, and
   * the lines that move collected from the partitions that start inside a quoted field.
   */
  private static CsvQuotes.Plan quotePlan(JavaPairRDD<LongWritable, Text> file, CsvQuotes quotes, boolean header,
      long size) {
    List<CsvQuotes.Part> parts = file.mapPartitionsWithIndex((part, it) ->
        List.of(quotes.scan(part, lines(it, header, size, !header))).iterator(), true).collect();
    CsvQuotes.Plan plan = CsvQuotes.chain(parts);
    if (!plan.moves()) {
      return plan;
    }
    boolean[] starts = plan.startsInside();
    int[] skip = plan.skip();
    List<scala.Tuple3<Integer, byte[][], boolean[]>> heads = file.mapPartitionsWithIndex((part, it) -> {
      if (!starts[part]) {
        return java.util.Collections.<scala.Tuple3<Integer, byte[][], boolean[]>>emptyIterator();
      }
      List<Boolean> last = new ArrayList<>();
      List<byte[]> h = CsvQuotes.head(lines(it, header, size, !header), skip[part], last);
      boolean[] l = new boolean[last.size()];
      for (int k = 0; k < l.length; k++) {
        l[k] = last.get(k);
      }
      return List.of(new scala.Tuple3<>(part, h.toArray(new byte[0][]), l)).iterator();
    }, true).collect();
    for (scala.Tuple3<Integer, byte[][], boolean[]> h : heads) {
      plan.heads().put(h._1(), h._2());
      plan.lastFlags().put(h._1(), h._3());
    }
    return plan;
  }

  private static Iterator<PieceRows.Line> lines(Iterator<scala.Tuple2<LongWritable, Text>> it, boolean header,
      long size, boolean stripBom) {
    return new Iterator<>() {
      private PieceRows.Line next;

      @Override
      public boolean hasNext() {
        while (next == null && it.hasNext()) {
          scala.Tuple2<LongWritable, Text> rec = it.next();
          long at = rec._1().get();
          Text t = rec._2();
          int n = t.getLength();
          if ((at == 0 && header) || (at >= size && n == 0)) {
            continue;
          }
          byte[] b = t.getBytes();
          if (at == 0 && stripBom && n >= 3 && (b[0] & 0xFF) == 0xEF && (b[1] & 0xFF) == 0xBB && (b[2] & 0xFF) == 0xBF) {
            next = new PieceRows.Line(Arrays.copyOfRange(b, 3, n), n - 3, at + n >= size);
            continue;
          }
          next = new PieceRows.Line(b, n, at + n >= size);
        }
        return next != null;
      }

      @Override
      public PieceRows.Line next() {
        if (!hasNext()) {
          throw new java.util.NoSuchElementException();
        }
        PieceRows.Line l = next;
        next = null;
        return l;
      }
    };
  }

  /**
   * The catalogue as the rows need it: movie ids (as numbers, {@link IdIndex#key}) with metadata, every
   * id of it, the catalogue's own spelling where it differs from the number, and its counts.
   */
  private record Catalog(Set<Integer> withMeta, Set<Integer> keys, Map<Integer, String> spelling, long size,
      long withMetadata) {
    static Catalog of(MovieTable movies, boolean requireMetadata) {
      Set<Integer> withMeta = new HashSet<>();
      Set<Integer> keys = new HashSet<>();
      Map<Integer, String> spelling = new HashMap<>();
      long size = 0;
      long withMetadata = 0;
      if (movies != null) {
        for (MovieTable.Movie m : movies.movies()) {
          if (requireMetadata && !m.hasMetadata()) {
            continue;
          }
          size++;
          String key = IdIndex.key(m.id());
          Integer id = key.length() <= 10 && Long.parseLong(key) <= Integer.MAX_VALUE ? Integer.parseInt(key) : null;
          if (m.hasMetadata()) {
            withMetadata++;
          }
          if (id == null) {
            continue; // no rating id can name it
          }
          keys.add(id);
          if (m.hasMetadata()) {
            withMeta.add(id);
          }
          if (!key.equals(m.id())) {
            spelling.put(id, m.id());
          }
        }
      }
      return new Catalog(withMeta, keys, spelling, size, withMetadata);
    }
  }

  /**
   * The core's rule for ratings of movies without metadata ({@link DatasetAssembler}): kept and counted as
   * changed, the first {@link PrepReport#EXAMPLES} in file order as examples; with {@code require} dropped
   * instead. Returns the rows kept.
   */
  private static Dataset<Row> noMetadata(SparkSession spark, Dataset<Row> raw, Catalog cat, boolean require,
      String name, Map<Integer, Long> firstLine, PrepReport report) {
    Dataset<Row> marked = raw.withColumn("meta", inSet(spark, cat.withMeta).apply(functions.col("movieId")));
    Dataset<Row> without = marked.filter(functions.not(functions.col("meta")));
    long count = without.count();
    if (count > 0) {
      for (Row r : without.orderBy("pos").limit(PrepReport.EXAMPLES).collectAsList()) {
        String where = name + ":" + line(r, firstLine);
        String movie = Integer.toString(r.getInt(1));
        if (require) {
          report.drop(Reasons.NO_METADATA, where + ": movie " + movie + " has no metadata record", 1);
        } else {
          report.example(Reasons.NO_METADATA, where + ": movie " + movie
              + " has no metadata record; kept with the placeholder title \"movie " + movie + "\"");
        }
      }
      if (require) {
        if (count > PrepReport.EXAMPLES) {
          report.drop(Reasons.NO_METADATA, null, count - PrepReport.EXAMPLES);
        }
      } else {
        report.change(Reasons.NO_METADATA, null, count);
      }
    }
    return require ? marked.filter(functions.col("meta")).drop("meta") : raw;
  }

  /**
   * Text id columns as {@code int} when every id is a number that fits (leading zeros dropped, one id as
   * {@link IdIndex#key} has it), so the jobs after {@code prepare} read them; else unchanged (text).
   */
  static Dataset<Row> intIdsIfAll(Dataset<Row> rows) {
    Row bad = rows.agg(
        functions.sum(functions.when(intId("userId").isNull(), 1).otherwise(0)),
        functions.sum(functions.when(intId("movieId").isNull(), 1).otherwise(0))).first();
    if (!bad.isNullAt(0) && (bad.getLong(0) > 0 || bad.getLong(1) > 0)) {
      return rows;
    }
    return rows.withColumn("userId", intId("userId")).withColumn("movieId", intId("movieId"));
  }

  /** The id as an int when it is all digits and fits, else null. */
  private static Column intId(String col) {
    Column c = functions.col(col);
    return functions.when(c.rlike("^[0-9]+$").and(c.cast("long").leq(Integer.MAX_VALUE)), c.cast("int"));
  }

  /**
   * The core's report of a users file ({@link UserTable#report}): which of its users have kept ratings is
   * found by filtering the kept users to the file's ids (numbers, as the ratings' ids of every format with a
   * users file are), so at most the file's users reach the driver.
   */
  private static void usersReport(SparkSession spark, Dataset<Row> kept, UserTable usersFile, long ratedUsers,
      PrepReport report) {
    Set<Integer> ids = new HashSet<>();
    for (String id : usersFile.ids()) {
      String key = IdIndex.key(id);
      if (key.length() <= 10 && key.chars().allMatch(c -> c >= '0' && c <= '9')
          && Long.parseLong(key) <= Integer.MAX_VALUE) {
        ids.add(Integer.parseInt(key));
      }
    }
    Set<String> rated = new HashSet<>();
    for (Row r : kept.select("userId").distinct().filter(inSet(spark, ids).apply(functions.col("userId")))
        .collectAsList()) {
      rated.add(Integer.toString(r.getInt(0)));
    }
    usersFile.report(id -> rated.contains(IdIndex.key(id)), ratedUsers, report);
  }

  /** A column function: is the movie id in {@code ids} (broadcast once). */
  private static UserDefinedFunction inSet(SparkSession spark, Set<Integer> ids) {
    Broadcast<Set<Integer>> b = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(ids);
    return functions.udf((Integer id) -> b.value().contains(id), DataTypes.BooleanType);
  }


  /**
   * The core's duplicate examples: pairs met in order of (the user's first row, row), each later copy
   * compared with the copy kept so far ({@link DatasetAssembler#keepsLater}); the first
   * {@link PrepReport#EXAMPLES} become examples, the rest are counted. Collects a growing prefix of the
   * duplicated rows only.
   */
  private static void duplicateExamples(Dataset<Row> ranked, long duplicates, String name,
      Map<Integer, Long> firstLine, Map<Integer, String> spelling, PrepReport report) {
    Dataset<Row> copies = ranked.filter(functions.col("copies").gt(1))
        .orderBy(functions.col("userFirst"), functions.col("pos"))
        .select("userId", "movieId", "rating", "timestamp", "part", "line");
    int limit = 64;
    List<String> examples = new ArrayList<>();
    while (true) {
      List<Row> prefix = copies.limit(limit).collectAsList();
      examples.clear();
      Map<List<Object>, Row> keptSoFar = new HashMap<>();
      for (Row r : prefix) {
        List<Object> key = List.of(r.get(0), r.get(1));
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
            String.valueOf(r.get(0)), spelling.getOrDefault(r.get(1), String.valueOf(r.get(1))),
            line(winner, firstLine), winner.getFloat(2), packed(winner)));
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

  /** The file line of a row: its partition's first line plus its line within the partition. */
  private static long line(Row r, Map<Integer, Long> firstLine) {
    return firstLine.get(r.getInt(r.fieldIndex("part"))) + r.getLong(r.fieldIndex("line"));
  }

  static void writeText(String file, String text, Configuration conf) {
    writeBytes(file, text.getBytes(StandardCharsets.UTF_8), conf);
  }

  private static void writeBytes(String file, byte[] bytes, Configuration conf) {
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(file);
    try (FSDataOutputStream o = p.getFileSystem(conf).create(p, true)) {
      ((OutputStream) o).write(bytes);
    } catch (IOException e) {
      throw new CinerecException(file + ": cannot write: " + e.getMessage(), e);
    }
  }

  /**
   * OUT/{@value CatalogFile#NAME}: the catalogue read (every movie in file order, {@link CatalogFile}), so
   * {@code export} can give the model real titles; without a catalogue, one left by an earlier run is removed.
   */
  private static void writeCatalogue(String out, MovieTable movies, Configuration conf) {
    String file = out + "/" + CatalogFile.NAME;
    if (movies != null) {
      writeBytes(file, CatalogFile.json(movies), conf);
      return;
    }
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(file);
    try {
      p.getFileSystem(conf).delete(p, false);
    } catch (IOException e) {
      throw new CinerecException(file + ": cannot remove: " + e.getMessage(), e);
    }
  }
}
