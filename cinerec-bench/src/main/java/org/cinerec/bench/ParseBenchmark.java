package org.cinerec.bench;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.CsvRecord;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.cinerec.Progress;
import org.cinerec.data.Dataset;
import org.cinerec.io.DataSources;
import org.cinerec.io.DatasetFile;
import org.cinerec.io.FastRatingsParser;
import org.cinerec.io.LoadOptions;
import org.cinerec.io.RatingsLayout;
import org.cinerec.math.Parallel;
import org.cinerec.prep.PrepReport;
import org.cinerec.prep.RatingColumns;

/**
 * End-to-end parse and reload figures for a big ratings CSV (not JMH: each step is seconds long).
 * Writes a MovieLens-shaped {@code userId,movieId,rating,timestamp} file of N rows (default 25M, about
 * 690 MB) to a temporary folder unless {@code --file} is given, then measures, median of
 * {@code --repeat} runs: FastCSV (one thread, the baseline), the byte-level parser on one thread and on
 * all cores, the whole {@code DataSources.load} (parse + sha256 of the source + dense ids + duplicate
 * check), writing and reloading the binary dataset file, and resident bytes per rating.
 *
 * <pre>
 * mvn -q -B -ntp -pl cinerec-bench -am package -DskipTests
 * java -Xmx8g -cp cinerec-bench/target/cinerec-bench.jar org.cinerec.bench.ParseBenchmark --rows 25000000
 * </pre>
 */
public final class ParseBenchmark {
  private ParseBenchmark() {}

  public static void main(String[] args) throws Exception {
    long rows = 25_000_000;
    Path file = null;
    int repeat = 3;
    boolean keep = false;
    boolean parseOnly = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--rows" -> rows = Long.parseLong(args[++i]);
        case "--file" -> file = Path.of(args[++i]);
        case "--repeat" -> repeat = Integer.parseInt(args[++i]);
        case "--keep" -> keep = true;
        case "--parse-only" -> parseOnly = true;
        default -> throw new IllegalArgumentException("unknown argument " + args[i]
            + " (use --rows N, --file PATH, --repeat N, --keep, --parse-only)");
      }
    }
    Path tmp = Files.createTempDirectory("cinerec-bench");
    boolean generated = file == null;
    if (generated) {
      file = tmp.resolve("ratings.csv");
      long t0 = System.nanoTime();
      generate(file, rows, 42);
      System.out.printf(Locale.ROOT, "generated %s: %,d rows, %,d bytes in %.1f s%n", file, rows, Files.size(file),
          (System.nanoTime() - t0) / 1e9);
    }
    run(file, tmp, generated, rows, repeat, keep, parseOnly);
  }

  private static void run(Path file, Path tmp, boolean generated, long givenRows, int repeat, boolean keep,
      boolean parseOnly) throws Exception {
    long bytes = Files.size(file);
    long rows = generated ? givenRows : lines(file) - 1;
    System.out.printf(Locale.ROOT, "cores: %d, java %s, file %,d bytes%n", Parallel.threads(),
        System.getProperty("java.version"), bytes);
    long headerEnd = headerEnd(file);
    RatingsLayout layout = RatingsLayout.standard(',', org.cinerec.data.RatingScale.HALF_STARS);

    double[] cpu = new double[1];
    double fast = median(repeat, () -> fastCsv(file), cpu);
    report("FastCSV 4.4, 1 thread (baseline)", fast, bytes, rows);
    report("  same, CPU time of the thread", cpu[0], bytes, rows);
    double fastCpu = cpu[0];
    double one = median(repeat, () -> FastRatingsParser.parse(file, "ratings.csv", layout, headerEnd, 2,
        new PrepReport(false), Progress.NONE, 8 << 20, 1).size(), null);
    report("byte parser, 1 thread", one, bytes, rows);
    double oneCpu = median(repeat, () -> FastRatingsParser.parse(file, "ratings.csv", layout, headerEnd, 2,
        new PrepReport(false), Progress.NONE, Integer.MAX_VALUE - 64, 1).size(), cpu);
    report("  same in one piece on this thread, CPU time", cpu[0], bytes, rows);
    System.out.printf(Locale.ROOT, "ratio FastCSV / byte parser, CPU time, 1 thread: %.1fx%n", fastCpu / cpu[0]);
    double all = median(repeat, () -> FastRatingsParser.parse(file, "ratings.csv", layout, headerEnd, 2,
        new PrepReport(false), Progress.NONE, 8 << 20, 0).size());
    report("byte parser, " + Parallel.threads() + " threads", all, bytes, rows);
    if (parseOnly) {
      if (!keep) {
        if (generated) {
          Files.deleteIfExists(file);
        }
        Files.deleteIfExists(tmp);
      }
      return;
    }
    double load = median(repeat, () -> DataSources.load(file, LoadOptions.defaults().withFormat("ratings-csv"),
        Progress.NONE).ratings().size());
    report("DataSources.load (parse + sha256 + ids + duplicates)", load, bytes, rows);

    Dataset d = DataSources.load(file, LoadOptions.defaults().withFormat("ratings-csv"), Progress.NONE);
    Path bin = tmp.resolve("ratings.cinerec");
    double write = median(repeat, () -> {
      DatasetFile.write(bin, d, Progress.NONE);
      return 0;
    });
    long binBytes = Files.size(bin);
    report("DatasetFile.write", write, binBytes, rows);
    double read = median(repeat, () -> DatasetFile.read(bin, Progress.NONE).ratings().size());
    report("DatasetFile.read (sha256 + CRC32C checked)", read, binBytes, rows);
    double verify = median(1, () -> {
      DatasetFile.verify(bin);
      return 0;
    });
    report("DatasetFile.verify (full sha256)", verify, binBytes, rows);
    System.out.printf(Locale.ROOT, "ratio byte parser (all cores) / FastCSV: %.1fx; reload / parse: %.1fx%n",
        fast / all, load / read);

    Dataset keepRef = null;
    long before = used();
    keepRef = DatasetFile.read(bin, Progress.NONE);
    long after = used();
    System.out.printf(Locale.ROOT, "resident: %.1f bytes/rating (columns + vocabularies + catalog; heap after GC)%n",
        (after - before) / (double) keepRef.ratings().size());
    keepRef.ratings().byUser();
    long withIndex = used();
    System.out.printf(Locale.ROOT, "resident with the per-user CSR index: %.1f bytes/rating%n",
        (withIndex - before) / (double) keepRef.ratings().size());
    if (!keep) {
      Files.deleteIfExists(bin);
      if (generated) {
        Files.deleteIfExists(file);
      }
      Files.deleteIfExists(tmp);
    } else {
      System.out.println("kept " + tmp);
    }
  }

  interface Step {
    long run() throws Exception;
  }

  static double median(int repeat, Step step) throws Exception {
    return median(repeat, step, null);
  }

  /** CPU seconds of the whole process (all threads, GC included) in the last {@link #median} step. */
  static double lastProcessCpu;

  /** Median wall time; when {@code cpu} is given, also the median CPU time of the calling thread. */
  static double median(int repeat, Step step, double[] cpu) throws Exception {
    java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
    var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    double[] t = new double[repeat];
    double[] c = new double[repeat];
    double[] pc = new double[repeat];
    for (int r = 0; r < repeat; r++) {
      System.gc();
      long c0 = mx.getCurrentThreadCpuTime();
      long p0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      step.run();
      t[r] = (System.nanoTime() - t0) / 1e9;
      c[r] = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
      pc[r] = (os.getProcessCpuTime() - p0) / 1e9;
    }
    Arrays.sort(t);
    Arrays.sort(c);
    Arrays.sort(pc);
    if (cpu != null) {
      cpu[0] = c[repeat / 2];
    }
    lastProcessCpu = pc[repeat / 2];
    return t[repeat / 2];
  }

  static long lines(Path file) throws IOException {
    long n = 0;
    try (var in = Files.newInputStream(file)) {
      byte[] buf = new byte[1 << 20];
      int k;
      while ((k = in.read(buf)) > 0) {
        for (int i = 0; i < k; i++) {
          if (buf[i] == '\n') {
            n++;
          }
        }
      }
    }
    return n;
  }

  /** One line: wall time, throughput, and the process CPU seconds the step used (all threads). */
  static void report(String what, double seconds, long bytes, long rows) {
    System.out.printf(Locale.ROOT, "%-55s %7.3f s  %8.1f MB/s  %6.1f M rows/s   (process CPU %.2f s)%n", what,
        seconds, bytes / seconds / 1e6, rows / seconds / 1e6, lastProcessCpu);
  }

  static long fastCsv(Path file) throws IOException {
    int cap = 1 << 20;
    int[] u = new int[cap];
    int[] i = new int[cap];
    float[] r = new float[cap];
    int[] t = new int[cap];
    int n = 0;
    try (CsvReader<CsvRecord> reader = CsvReader.builder().ofCsvRecord(file)) {
      boolean header = true;
      for (CsvRecord rec : reader) {
        if (header) {
          header = false;
          continue;
        }
        if (n == u.length) {
          u = Arrays.copyOf(u, n * 2);
          i = Arrays.copyOf(i, n * 2);
          r = Arrays.copyOf(r, n * 2);
          t = Arrays.copyOf(t, n * 2);
        }
        u[n] = Integer.parseInt(rec.getField(0));
        i[n] = Integer.parseInt(rec.getField(1));
        r[n] = Float.parseFloat(rec.getField(2));
        t[n] = (int) Long.parseLong(rec.getField(3));
        n++;
      }
    }
    return n;
  }

  static long headerEnd(Path file) throws IOException {
    try (var in = Files.newInputStream(file)) {
      long k = 0;
      int c;
      while ((c = in.read()) >= 0) {
        k++;
        if (c == '\n') {
          break;
        }
      }
      return k;
    }
  }

  /** MovieLens-shaped rows: users in order, skewed movie popularity, half stars, increasing times. */
  static void generate(Path file, long rows, long seed) throws IOException {
    SplittableRandom rnd = new SplittableRandom(seed);
    int users = (int) Math.max(1, rows / 155);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
      out.write("userId,movieId,rating,timestamp\r\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      byte[] line = new byte[64];
      long time = 1_000_000_000L;
      long written = 0;
      for (int u = 1; written < rows; u++) {
        int count = (int) Math.min(rows - written, 20 + (long) (-Math.log(1 - rnd.nextDouble()) * 135));
        int movie = 0;
        for (int k = 0; k < count; k++) {
          movie += 1 + (int) (-Math.log(1 - rnd.nextDouble()) * 1300.0 * 155 / Math.max(count, 1) / 10);
          int half = 1 + rnd.nextInt(10);
          time += rnd.nextInt(200);
          int p = 0;
          p = put(line, p, u);
          line[p++] = ',';
          p = put(line, p, movie);
          line[p++] = ',';
          line[p++] = (byte) ('0' + half / 2);
          line[p++] = '.';
          line[p++] = (byte) (half % 2 == 0 ? '0' : '5');
          line[p++] = ',';
          p = put(line, p, time);
          line[p++] = '\r';
          line[p++] = '\n';
          out.write(line, 0, p);
        }
        written += count;
        if (u > users * 4) {
          users = u;
        }
      }
    }
  }

  private static int put(byte[] b, int p, long v) {
    String s = Long.toString(v);
    for (int k = 0; k < s.length(); k++) {
      b[p++] = (byte) s.charAt(k);
    }
    return p;
  }

  private static long used() {
    for (int k = 0; k < 3; k++) {
      System.gc();
    }
    Runtime rt = Runtime.getRuntime();
    return rt.totalMemory() - rt.freeMemory();
  }
}
