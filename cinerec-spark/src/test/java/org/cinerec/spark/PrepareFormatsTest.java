package org.cinerec.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.cinerec.CinerecException;
import org.cinerec.Progress;
import org.cinerec.data.DataFingerprint;
import org.cinerec.data.Dataset;
import org.cinerec.data.IdIndex;
import org.cinerec.data.RatingScale;
import org.cinerec.io.DataSources;
import org.cinerec.io.LoadOptions;
import org.cinerec.prep.ReportFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code prepare} on every other input the core reads (a MovieLens CSV folder, Kaggle's folder, MovieLens
 * 100K and 1M/10M folders) and on Parquet: each fixture has every row defect of {@link PrepareJobTest}'s
 * file (zero-padded ids, a 0-10 scale, duplicates, a cut last line) plus catalogue defects (padded, bad and
 * repeated movie ids, movies without metadata, a latin-1 title, a multi-line overview), is cut into
 * 90-byte partitions, and Spark's JSON report must equal the core's byte for byte, its rows the core's rows
 * and its data fingerprint the core's.
 */
class PrepareFormatsTest {
  @TempDir Path dir;
  private static Configuration hadoop;

  @BeforeAll
  static void smallSplits() {
    hadoop = LocalSpark.session().sparkContext().hadoopConfiguration();
    hadoop.setLong("mapreduce.input.fileinputformat.split.maxsize", 90); // several partitions
  }

  @AfterAll
  static void resetSplits() {
    hadoop.unset("mapreduce.input.fileinputformat.split.maxsize");
  }

  /** The data lines of PrepareJobTest's fixture with another delimiter, without the header. */
  static byte[] delimited(String delimiter) throws IOException {
    String text = new String(PrepareJobTest.fixture(), StandardCharsets.ISO_8859_1);
    text = text.substring(text.indexOf('\n') + 1).replace(",", delimiter);
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  @Test
  void movieLensCsvFolder() throws IOException {
    Path in = Files.createDirectories(dir.resolve("ml"));
    Files.write(in.resolve("ratings.csv"), PrepareJobTest.fixture());
    Files.writeString(in.resolve("movies.csv"), "movieId,title,genres\n10,Heat (1995),Action|Crime\n"
        + "0020,\"Toy, Story (1995)\",Animation\nx,Bad,Drama\n10,Again (1990),Drama\n40\n30,Thirty (2001),"
        + "(no genres listed)\n", StandardCharsets.UTF_8);
    Files.writeString(in.resolve("links.csv"), "movieId,imdbId,tmdbId\n10,0113277,949\n0020,0114709,\n",
        StandardCharsets.UTF_8);
    Files.writeString(in.resolve("tags.csv"), "userId,movieId,tag,timestamp\n1,10,heist,1\n", StandardCharsets.UTF_8);
    // users: 0003 is user 3, 9 has no ratings, x is no id, 2's row is short, 5 and 6 are not listed
    Files.writeString(in.resolve("users.csv"), "userId,age,gender\n1,25,F\n0003,40,M\n9,30,M\nx,1,F\n2,40\n4,,F\n",
        StandardCharsets.UTF_8);
    RatingScale scale = RatingScale.parse("0:10", "--scale");
    Dataset d = same(in, LoadOptions.defaults().withScale(scale), new PrepareJob.Options(null, scale, false),
        "movielens-csv");
    assertTrue(d.provenance().notes().contains("user-without-ratings: 1 user record(s) skipped"),
        d.provenance().toString());
    assertEquals("40", d.userAttributes().value(d.users().indexOf("3"), 0));
  }

  @Test
  void kaggleFolderJoinedThroughTheLinks() throws IOException {
    Path in = Files.createDirectories(dir.resolve("kaggle"));
    Files.write(in.resolve("ratings_small.csv"), PrepareJobTest.fixture());
    Files.writeString(in.resolve("ratings.csv"), "userId,movieId,rating,timestamp\n", StandardCharsets.UTF_8);
    Files.writeString(in.resolve("links_small.csv"), "movieId,imdbId,tmdbId\n10,0114709,862\n0020,0113497,8844.0\n"
        + "30,0113228,\n11,0114885,99999\nx,1,2\n10,0,0\n", StandardCharsets.UTF_8);
    Files.writeString(in.resolve("movies_metadata.csv"), "id,imdb_id,title,original_title,genres,release_date,overview\n"
        + "862,tt0114709,Toy Story,Toy Story,\"[{'id': 16, 'name': 'Animation'}, {'id': 35, 'name': 'Comedy'}]\","
        + "1995-10-30,\"Toys\nover two lines\"\n"
        + "1995-10-30,x,Shifted,Shifted,[],0,\n"
        + "08844,tt0113497,Jumanji,,\"[{'id': 12, 'name': 'Adventure'}]\",1995-12-15,\"\"\n"
        + "862,tt1,Again,Again,[],2000-01-01,\n", StandardCharsets.UTF_8);
    // the format's half-star scale: 7, 8.5, 10 ... are out-of-scale here
    same(in, LoadOptions.defaults(), PrepareJob.Options.defaults(), "kaggle-movies");
    same(in, LoadOptions.defaults().withRequireMetadata(true), new PrepareJob.Options(null, null, true),
        "kaggle-movies");
  }

  @Test
  void movieLens100kFolder() throws IOException {
    Path in = Files.createDirectories(dir.resolve("ml-100k"));
    Files.write(in.resolve("u.data"), delimited("\t"));
    String flags = "|0|1|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|0|1";
    Files.write(in.resolve("u.item"), ("10|Heat (1995)|01-Jan-1995||http://x" + flags + "\n"
        + "0020|Caf\u00e9 Society|01-Jan-1996||http://y" + flags + "\n"
        + "x|Bad|01-Jan-1995||u" + flags + "\n21|Short|x\n").getBytes(StandardCharsets.ISO_8859_1));
    Files.writeString(in.resolve("u.user"), "1|24|M|technician|85711\n2|53|F|other|94043\n", StandardCharsets.UTF_8);
    same(in, LoadOptions.defaults(), PrepareJob.Options.defaults(), "movielens-100k"); // whole stars 1..5
  }

  @Test
  void movieLensDatFolderAndFile() throws IOException {
    Path in = Files.createDirectories(dir.resolve("ml-1m"));
    Files.write(in.resolve("ratings.dat"), delimited("::"));
    Files.write(in.resolve("movies.dat"), ("10::Heat (1995)::Action|Crime\n0020::Caf\u00e9 (1999)::Drama\n"
        + "bad::x::y\n30::Only two\n").getBytes(StandardCharsets.ISO_8859_1));
    Files.writeString(in.resolve("users.dat"), "1::F::1::10::48067\n", StandardCharsets.UTF_8);
    same(in, LoadOptions.defaults(), PrepareJob.Options.defaults(), "movielens-dat"); // scale read off the data
    RatingScale scale = RatingScale.parse("0:10", "--scale");
    same(in.resolve("ratings.dat"), LoadOptions.defaults().withScale(scale), new PrepareJob.Options(null, scale, false),
        "movielens-dat");
  }

  /**
   * The generic CSV: named columns in another order, ';' with quoted fields, text ids (padded numbers are
   * one id, spelled as first met), CRLF, a lone CR, blank lines, bytes that are not UTF-8, a cut last
   * line; then headerless, tab-separated, columns by position, no timestamps, the scale read off the data.
   */
  @Test
  void genericCsv() throws IOException {
    Path named = dir.resolve("named.txt");
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
    b.write(("when;stars;\"movie\";who;note\n"
        + "1000;7;10;alice;\"a; quoted\"\n"
        + "1001;10;0020;007;x\r\n"
        + "\n"
        + "1002;4.5;20;7;later, same user and movie\n"
        + "1003;abc;10;bob;\n"
        + "1004;NaN;10;bob;\n"
        + "1005;11;10;bob;\n"
        + "-5;5;10;bob;\n"
        + "1006;5;;bob;\n"
        + "1007;5;12;bob\n"
        + "1008;5;13;bob;x;y\n"
        + "1009;5;14;bob;a\rb\n"
        + "1010;6;10;alice;\"caf").getBytes(StandardCharsets.UTF_8));
    b.write(new byte[] {(byte) 0xC3, (byte) 0x28});
    b.write(("\"\n1011;3;10;alice;dup, later\n1012;2;30;carol;\n1013;1;31;0carol;\n1014;5;40;dave").getBytes(
        StandardCharsets.UTF_8));
    Files.write(named, b.toByteArray());
    org.cinerec.io.ColumnMapping m = new org.cinerec.io.ColumnMapping("who", "MOVIE", "stars", "when", ";", true);
    RatingScale scale = RatingScale.parse("0:10", "--scale");
    Dataset d = same(named, LoadOptions.defaults().withColumns(m).withScale(scale),
        new PrepareJob.Options(null, scale, false, m), "csv");
    assertTrue(d.provenance().dropped().keySet().containsAll(List.of("bad-id", "bad-rating", "nan-rating",
        "out-of-scale", "bad-timestamp", "field-count", "truncated-row", "duplicate")), d.provenance().toString());
    assertTrue(d.provenance().notes().stream().anyMatch(n -> n.contains("not UTF-8")), d.provenance().toString());

    Path positions = dir.resolve("positions.tsv");
    String text = new String(b.toByteArray(), StandardCharsets.ISO_8859_1);
    text = text.substring(text.indexOf('\n') + 1).replace(';', '\t');
    Files.write(positions, text.getBytes(StandardCharsets.ISO_8859_1));
    org.cinerec.io.ColumnMapping p = new org.cinerec.io.ColumnMapping("4", "3", "2", "none", "tab", false);
    same(positions, LoadOptions.defaults().withColumns(p), new PrepareJob.Options("csv", null, false, p), "csv");

    // numeric ids only: int columns, as the jobs after prepare read them (007 and 7 one user)
    Path numeric = dir.resolve("numeric.csv");
    Files.writeString(numeric, "u|m|r\n007|10|4\n7|11|3\n8|0010|5\n", StandardCharsets.UTF_8);
    org.cinerec.io.ColumnMapping q = new org.cinerec.io.ColumnMapping("u", "m", "r", null, "|", true);
    same(numeric, LoadOptions.defaults().withColumns(q), new PrepareJob.Options(null, null, false, q), "csv");
    Path out = Files.createTempDirectory(dir, "numeric");
    PrepareJob.run(LocalSpark.session(), numeric.toString(), out.toString(), new PrepareJob.Options(null, null, false, q));
    assertEquals("struct<userId:int,movieId:int,rating:float,timestamp:bigint>",
        LocalSpark.session().read().parquet(out + "/ratings.parquet").schema().simpleString());
  }

  /** A zipped MovieLens folder: Spark reads the copy the core unpacked, with the core's report (its note first). */
  @Test
  void aZippedFolderReadsAsTheCoreReadsIt() throws IOException {
    Path in = Files.createDirectories(dir.resolve("zipped/ml"));
    Files.write(in.resolve("ratings.csv"), PrepareJobTest.fixture());
    Files.writeString(in.resolve("movies.csv"), "movieId,title,genres\n10,Heat (1995),Action|Crime\n",
        StandardCharsets.UTF_8);
    Path zip = dir.resolve("ml.zip");
    try (java.util.zip.ZipOutputStream z = new java.util.zip.ZipOutputStream(Files.newOutputStream(zip))) {
      for (String name : new String[] {"ratings.csv", "movies.csv"}) {
        z.putNextEntry(new java.util.zip.ZipEntry("ml/" + name));
        Files.copy(in.resolve(name), z);
        z.closeEntry();
      }
    }
    Dataset d = same(zip, LoadOptions.defaults(), PrepareJob.Options.defaults(), "movielens-csv");
    assertTrue(d.provenance().notes().get(0).startsWith("ml.zip (zip) is read from its copy unpacked into "),
        d.provenance().notes().toString());
  }

  /**
   * A lone ratings CSV that the numeric reader cannot take goes to the CSV reader on Spark as in the core, with
   * the core's note: text ids (as {@code cinerec split} writes them, a comma quoted), every field quoted
   * (Python's {@code QUOTE_ALL}), 64-bit ids; in a folder, users.csv is then not read. One numeric file with a
   * quoted bad row keeps the numeric reader (PrepareJobTest's fixture, the other tests).
   */
  @Test
  void ratingsCsvWithTextQuotedOrLargeIdsReadsAsTheCoreReadsIt() throws IOException {
    String[] files = {
        "userId,movieId,rating,timestamp\n\"Smith, J\",Alien,5.0,10\nann,\"Heat, the\",3.5,11\nann,Alien,4,12\n"
            + "bob,Heat,x,13\n",
        "\"userId\",\"movieId\",\"rating\",\"timestamp\"\n\"1\",\"10\",\"4.0\",\"100\"\n\"2\",\"10\",\"3.5\",\"101\"\n"
            + "\"2\",\"20\",\"9\",\"102\"\n",
        "userId,movieId,rating,timestamp\n76561198000000001,10,4.0,100\n76561198000000002,10,5.0,101\n"};
    String[] why = {"ids that are not numbers (user id \"ann\", line 4)", "quoted fields (line 1)",
        "ids too large for numbers (user id 76561198000000001, line 2)"};
    for (int k = 0; k < files.length; k++) {
      Path file = dir.resolve("lone" + k + ".csv");
      Files.writeString(file, files[k], StandardCharsets.UTF_8);
      Dataset d = same(file, LoadOptions.defaults(), PrepareJob.Options.defaults(), "csv");
      String notes = d.provenance().notes().toString();
      assertTrue(notes.contains(why[k]) && notes.contains("read as text ids (format csv)"), notes);
    }
    Path folder = Files.createDirectories(dir.resolve("text-folder"));
    Files.writeString(folder.resolve("ratings.csv"), files[0], StandardCharsets.UTF_8);
    Files.writeString(folder.resolve("users.csv"), "userId,age\nann,30\n", StandardCharsets.UTF_8);
    Dataset d = same(folder, LoadOptions.defaults(), PrepareJob.Options.defaults(), "csv");
    assertTrue(d.provenance().notes().toString().contains("; users.csv not read"), d.provenance().notes().toString());
  }

  /** The Netflix Prize layout cannot be cut into partitions: a usage error that says so and where to read it. */
  @Test
  void netflixPrizeIsRefusedWithTheReason() throws IOException {
    Path folder = Files.createDirectories(dir.resolve("netflix"));
    Files.writeString(folder.resolve("combined_data_1.txt"), "1:\n7,3,2005-01-01\n", StandardCharsets.UTF_8);
    for (Path in : new Path[] {folder, folder.resolve("combined_data_1.txt")}) {
      assertEquals(1, DataSources.load(in, LoadOptions.defaults(), Progress.NONE).ratings().size());
      CinerecException e = assertThrows(CinerecException.class, () -> PrepareJob.run(LocalSpark.session(),
          in.toString(), dir.resolve("netflix-out").toString(), PrepareJob.Options.defaults()));
      assertTrue(e.getMessage().contains("cannot be cut into partitions") && e.getMessage().contains("one machine"),
          e.getMessage());
    }
    // JSON lines too, with or without column flags
    Path json = dir.resolve("reviews.json");
    Files.writeString(json, "{\"reviewerID\": \"a\", \"asin\": \"m\", \"overall\": 4}\n", StandardCharsets.UTF_8);
    org.cinerec.io.ColumnMapping m = new org.cinerec.io.ColumnMapping("reviewerID", "asin", "overall", null, null, true);
    for (PrepareJob.Options o : new PrepareJob.Options[] {PrepareJob.Options.defaults(),
        new PrepareJob.Options(null, null, false, m)}) {
      CinerecException e = assertThrows(CinerecException.class, () -> PrepareJob.run(LocalSpark.session(),
          json.toString(), dir.resolve("json-out").toString(), o));
      assertTrue(e.getMessage().contains("do not read JSON lines"), e.getMessage());
    }
  }

  /** {@code --strict}: the first bad row in file order ends the job with the core's message. */
  @Test
  void strictStopsWhereTheCoreStops() throws IOException {
    Path csv = dir.resolve("ratings.csv");
    Files.write(csv, PrepareJobTest.fixture());
    Path dat = Files.createDirectories(dir.resolve("strict-dat"));
    Files.write(dat.resolve("ratings.dat"), delimited("::"));
    Path generic = dir.resolve("generic.txt");
    Files.writeString(generic, "a;b;c\n1;2;3\n1;3;4\n2;x;nan\n3;4\n", StandardCharsets.UTF_8);
    org.cinerec.io.ColumnMapping m = new org.cinerec.io.ColumnMapping("a", "b", "c", null, ";", true);
    for (Object[] c : new Object[][] {{csv, LoadOptions.defaults(), PrepareJob.Options.defaults()},
        {dat, LoadOptions.defaults(), PrepareJob.Options.defaults()},
        {generic, LoadOptions.defaults().withColumns(m), new PrepareJob.Options(null, null, false, m)}}) {
      Path in = (Path) c[0];
      String core = assertThrows(CinerecException.class, () -> DataSources.load(in,
          ((LoadOptions) c[1]).withStrict(true), Progress.NONE)).getMessage();
      String spark = assertThrows(CinerecException.class, () -> PrepareJob.run(LocalSpark.session(), in.toString(),
          dir.resolve("strict-out").toString(), ((PrepareJob.Options) c[2]).withStrict(true))).getMessage();
      assertEquals(core, spark, in.toString());
      assertTrue(core.contains("--strict stops at the first bad row"), core);
    }
  }

  /**
   * Parquet with typed columns (a text user id: padded and bad ids; a double rating: NaN, nulls, off the
   * scale; duplicates) against the core reading the same rows as a ratings CSV: equal reports but for the
   * format and the source file.
   */
  @Test
  void parquet() throws IOException {
    SparkSession spark = LocalSpark.session();
    StructType schema = new StructType().add("userId", DataTypes.StringType, true)
        .add("movieId", DataTypes.IntegerType, true).add("rating", DataTypes.DoubleType, true)
        .add("timestamp", DataTypes.LongType, true);
    List<Row> rows = List.of(RowFactory.create("1", 10, 7.0, 1000L), RowFactory.create("001", 20, 10.0, 1001L),
        RowFactory.create("2", 10, 8.5, 1003L), RowFactory.create("2", 10, 9.0, 1004L),
        RowFactory.create("2", 10, 6.0, 1004L), RowFactory.create("x", 10, 5.0, 1005L),
        RowFactory.create(null, 10, 5.0, 1007L), RowFactory.create("3", null, 5.0, 1007L),
        RowFactory.create("3", 11, Double.NaN, 1009L), RowFactory.create("3", 12, 11.0, 1010L),
        RowFactory.create("3", 13, -1.0, 1011L), RowFactory.create("3", 14, 5.0, -5L),
        RowFactory.create("3", 15, 5.0, null), RowFactory.create("3", 16, null, 1L),
        RowFactory.create("0003", 10, 4.0, 1013L), RowFactory.create("3", 10, 2.0, 999L),
        RowFactory.create("4", 20, 3.25, 1014L), RowFactory.create("1", 10, 6.0, 900L));
    Path pq = dir.resolve("pq").resolve("r.parquet");
    spark.createDataFrame(rows, schema).coalesce(1).write().parquet(pq.toString());
    StringBuilder csv = new StringBuilder("userId,movieId,rating,timestamp\n");
    for (Row r : spark.read().parquet(pq.toString()).selectExpr("cast(userId as string)", "cast(movieId as string)",
        "cast(rating as string)", "cast(timestamp as string)").collectAsList()) {
      for (int k = 0; k < 4; k++) {
        csv.append(k > 0 ? "," : "").append(r.isNullAt(k) ? "" : r.getString(k));
      }
      csv.append('\n');
    }
    Path asCsv = Files.createDirectories(dir.resolve("csv")).resolve("r.parquet");
    Files.writeString(asCsv, csv, StandardCharsets.UTF_8);
    RatingScale scale = RatingScale.parse("0:10", "--scale");
    Dataset core = DataSources.load(asCsv, LoadOptions.defaults().withFormat("ratings-csv").withScale(scale),
        Progress.NONE);
    PrepareJob.Result r = PrepareJob.run(spark, pq.toString(), dir.resolve("out-pq").toString(),
        new PrepareJob.Options(null, scale, false));
    assertEquals("parquet", r.format());
    ObjectMapper json = new ObjectMapper();
    ObjectNode a = (ObjectNode) json.readTree(ReportFormat.json(core));
    ObjectNode b = (ObjectNode) json.readTree(r.reportJson());
    for (ObjectNode n : new ObjectNode[] {a, b}) {
      ((ObjectNode) n.get("provenance")).remove(List.of("format", "sources"));
    }
    assertEquals(a.toPrettyString(), b.toPrettyString());
    assertTrue(core.provenance().dropped().keySet().containsAll(List.of("bad-id", "nan-rating", "out-of-scale",
        "bad-timestamp", "bad-rating", "duplicate")), core.provenance().dropped().toString());
    assertEquals(DataFingerprint.of(core), r.fingerprint());
  }

  /**
   * Quoted fields holding line breaks where the 90-byte partitions cut: a comment whose second line looks
   * like a rating row, one longer than a partition (several partitions inside one quoted field), escaped
   * quotes, a literal quote inside an unquoted field, CRLF inside and outside quotes, and bad rows after
   * them (their line numbers count the breaks inside quotes, as FastCSV's do): the core's report, rows and
   * fingerprint.
   */
  @Test
  void genericCsvWithLineBreaksInsideQuotesAcrossPartitions() throws IOException {
    StringBuilder long1 = new StringBuilder("\"");
    for (int k = 0; k < 12; k++) {
      long1.append("line ").append(k).append(" of a long, long comment\n");
    }
    long1.append("end\"");
    String text = "user,movie,rating,comment,time\n"
        + "1,10,4,\"first line\n2,20,5,looks like a row,1\nthird\",1000\n"
        + "1,20,3.5,plain,1001\n"
        + "2,10,2,\"quote \"\"inside\"\" and a\r\nCRLF\",1002\r\n"
        + "2,30,x,bad rating after quotes,1003\n"
        + "3,10,5,5\" floppy,1004\n"
        + "3,20,1," + long1 + ",1005\n"
        + "3,30,4.5,\"a,b\nc\",1006\n"
        + "4,10,3,\"\n\n\n\",1007\n"
        + "4,x,3,a text id,1008\n"
        + "4,20,2.5,\"ends\nhere\",1009\n"
        + "5,10,4,last,1010\n";
    Path in = dir.resolve("comments.csv");
    Files.writeString(in, text, StandardCharsets.UTF_8);
    org.cinerec.io.ColumnMapping m = new org.cinerec.io.ColumnMapping("user", "movie", "rating", "time", ",", true);
    Dataset d = same(in, LoadOptions.defaults().withColumns(m), new PrepareJob.Options(null, null, false, m), "csv");
    assertEquals(10, d.ratings().size()); // "x" is a text id; the row with rating "x" is dropped
    assertEquals(java.util.Map.of("bad-rating", 1L), d.provenance().dropped());
    assertTrue(LocalSpark.session().sparkContext().hadoopConfiguration()
        .getLong("mapreduce.input.fileinputformat.split.maxsize", 0) < long1.length(), "a field longer than a part");
  }

  /** Core and Spark on one input: equal JSON reports, rows and fingerprints. */
  private Dataset same(Path input, LoadOptions core, PrepareJob.Options spark, String format) throws IOException {
    Dataset d = DataSources.load(input, core, Progress.NONE);
    String out = Files.createTempDirectory(dir, "out").toString();
    PrepareJob.Result r = PrepareJob.run(LocalSpark.session(), input.toString(), out, spark);
    String coreJson = ReportFormat.json(d);
    assertEquals(format, d.provenance().format());
    assertEquals(coreJson, r.reportJson(), input + " " + spark);
    assertEquals(coreJson, Files.readString(Path.of(out, "report.json")));
    assertEquals(DataFingerprint.of(d), r.fingerprint(), "fingerprint");

    List<String> coreRows = new ArrayList<>();
    for (int i = 0; i < d.ratings().size(); i++) {
      coreRows.add(IdIndex.key(d.users().id(d.ratings().user(i))) + "," + IdIndex.key(d.items().id(d.ratings().item(i)))
          + "," + d.ratings().rating(i) + "," + d.ratings().timestamp(i));
    }
    List<String> sparkRows = new ArrayList<>();
    for (Row row : LocalSpark.session().read().parquet(out + "/ratings.parquet").collectAsList()) {
      sparkRows.add(IdIndex.key(String.valueOf(row.get(0))) + "," + IdIndex.key(String.valueOf(row.get(1))) + ","
          + row.getFloat(2) + "," + row.getLong(3));
    }
    coreRows.sort(null);
    sparkRows.sort(null);
    assertEquals(coreRows, sparkRows);
    return d;
  }
}
