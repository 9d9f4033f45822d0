package org.cinerec.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.cinerec.CinerecException;
import org.cinerec.Progress;
import org.cinerec.data.Catalog;
import org.cinerec.data.Dataset;
import org.cinerec.data.RatingScale;
import org.cinerec.data.Ratings;
import org.cinerec.prep.DatasetAssembler;
import org.cinerec.prep.MovieTable;
import org.cinerec.prep.PrepReport;
import org.cinerec.prep.RatingColumns;
import org.cinerec.prep.Reasons;

/**
 * The Netflix Prize data: each movie's ratings follow a {@code MovieID:} line, one {@code CustomerID,Rating,Date}
 * line each (whole stars 1..5, dates {@code YYYY-MM-DD}). Read from Kaggle's {@code combined_data_1.txt} ..
 * {@code combined_data_4.txt}, from the original release's {@code training_set/mv_0000001.txt} .. (one file per
 * movie), or from any one file in that layout; titles from {@code movie_titles.csv} (or {@code .txt}) beside them
 * ({@code MovieID,YearOfRelease,Title}, ISO-8859-1, the title unquoted and possibly holding commas, the year
 * {@code NULL} when unknown). {@code probe.txt} and {@code qualifying.txt} hold no ratings and are not read.
 *
 * <p>A rating line means nothing without the movie line above it, so the files are read in order on one
 * thread (the whole 2 GB release in well under a minute here), not cut into pieces, and the Spark jobs refuse
 * this layout: read it with cinerec on one machine, where 100 million ratings fit.
 */
final class NetflixPrize {
  private NetflixPrize() {}

  static final String EXPECTED = "a \"MovieID:\" line followed by CustomerID,Rating,Date lines (Netflix Prize)";

  private static final Pattern MOVIE_LINE = Pattern.compile("\\s*\\d{1,9}:\\s*");
  private static final Pattern COMBINED = Pattern.compile("combined_data_(\\d+)\\.txt");
  private static final Pattern PER_MOVIE = Pattern.compile("mv_\\d+\\.txt");
  private static final String[] TITLES = {"movie_titles.csv", "movie_titles.txt"};

  /** True when a text file's first line is a movie line ({@code 1:}). */
  static boolean isMovieLine(String firstLine) {
    return MOVIE_LINE.matcher(firstLine).matches();
  }

  /**
   * The ratings files of a folder in reading order: {@code combined_data_N.txt} by N, else the per-movie
   * files of {@code training_set/} (or of the folder itself) by name; empty when there are none.
   */
  static List<Path> ratingFiles(Path dir) {
    List<Path> combined = list(dir, COMBINED);
    if (!combined.isEmpty()) {
      combined.sort(Comparator.comparingLong(p -> number(p.getFileName().toString())));
      return combined;
    }
    Path sub = dir.resolve("training_set");
    List<Path> perMovie = Files.isDirectory(sub) ? list(sub, PER_MOVIE) : list(dir, PER_MOVIE);
    perMovie.sort(Comparator.comparing(p -> p.getFileName().toString()));
    return perMovie;
  }

  private static long number(String name) {
    Matcher m = COMBINED.matcher(name);
    return m.matches() && m.group(1).length() < 18 ? Long.parseLong(m.group(1)) : Long.MAX_VALUE;
  }

  private static List<Path> list(Path dir, Pattern names) {
    try (Stream<Path> s = Files.list(dir)) {
      return new ArrayList<>(s.filter(p -> names.matcher(p.getFileName().toString()).matches())
          .filter(Files::isRegularFile).toList());
    } catch (IOException e) {
      throw new CinerecException(dir + ": cannot list the folder: " + AtomicFiles.describe(e), e);
    }
  }

  static Dataset load(Path path, LoadOptions o, PrepReport report, Progress p) {
    boolean folder = Files.isDirectory(path);
    List<Path> files;
    if (folder) {
      files = ratingFiles(path);
      if (files.isEmpty()) {
        throw new CinerecException(path + ": no Netflix Prize ratings (combined_data_1.txt .. or training_set/mv_*.txt)");
      }
    } else {
      String name = path.getFileName().toString();
      if (name.equals("probe.txt") || name.equals("qualifying.txt")) {
        throw CinerecException.usage(path + ": " + name + " holds no ratings (" + (name.equals("probe.txt")
            ? "the movie and customer of ratings that are in the training set" : "the pairs whose ratings were secret")
            + "); give the folder, combined_data_N.txt or training_set/");
      }
      TextFiles.requireTextFile(path, EXPECTED);
      files = List.of(path);
    }
    RatingScale scale = FormatParts.scale(Format.NETFLIX_PRIZE, o);
    long bytes = 0;
    for (Path f : files) {
      bytes += size(f);
    }
    RatingColumns raw = new RatingColumns((int) Math.min(Integer.MAX_VALUE - 16, bytes / 20 + 16));
    p.start("Reading " + (files.size() == 1 ? files.get(0).getFileName() : files.size() + " files"), bytes);
    long done = 0;
    long[] days = new long[372 * 200]; // shared by the files: 17,770 of them in the original release
    Arrays.fill(days, -1);
    for (Path f : files) {
      new FileParser(f.getFileName().toString(), scale, raw, report, days).run(f, p, done);
      done += size(f);
      p.update(done);
    }
    p.finish();
    Path dir = folder ? path : path.toAbsolutePath().getParent();
    List<Path> sources = new ArrayList<>(files);
    MovieTable movies = null;
    Path titles = folder ? titlesFile(dir) : null;
    if (titles != null) {
      movies = readTitles(titles, report);
      sources.add(titles);
    } else {
      report.note("no movie_titles.csv beside the ratings: titles are placeholders");
    }
    if (folder && (Files.exists(dir.resolve("probe.txt")) || Files.exists(dir.resolve("qualifying.txt")))) {
      report.note("probe.txt and qualifying.txt hold no ratings: not read");
    }
    String ratingsName = files.size() == 1 ? files.get(0).getFileName().toString()
        : files.get(0).getFileName() + " .. " + files.get(files.size() - 1).getFileName();
    return DatasetAssembler.assemble(raw, movies, null, o.requireMetadata(), Format.NETFLIX_PRIZE.id(),
        DataSources.sources(sources, p), ratingsName, report, scale);
  }

  private static long size(Path f) {
    try {
      return Files.size(f);
    } catch (IOException e) {
      throw new CinerecException(f + ": cannot read: " + AtomicFiles.describe(e), e);
    }
  }

  /** movie_titles.csv beside the ratings, or beside their training_set folder; null when there is none. */
  private static Path titlesFile(Path dir) {
    for (Path d : new Path[] {dir, dir.getFileName() != null && dir.getFileName().toString().equals("training_set")
        ? dir.getParent() : dir.resolve("..")}) {
      for (String n : TITLES) {
        if (d != null && Files.isRegularFile(d.resolve(n))) {
          return d.resolve(n);
        }
      }
    }
    return null;
  }

  /** {@code MovieID,YearOfRelease,Title}: no header, the title is the rest of the line, commas and all. */
  static MovieTable readTitles(Path file, PrepReport report) {
    return CatalogLines.read(file, "MovieID,YearOfRelease,Title records (Netflix Prize movie_titles.csv)", ",", 3,
        true, "MovieID", report, (id, f) -> {
          String y = f[1].strip();
          int year = y.matches("\\d{4}") ? Integer.parseInt(y) : Catalog.NO_YEAR;
          return new MovieTable.Movie(id, Titles.clean(f[2]), year, new String[0], null, null);
        });
  }

  /** One ratings file, line by line from bytes, appended to the shared columns. */
  private static final class FileParser {
    private final String name;
    private final RatingScale scale;
    private final RatingColumns out;
    private final PrepReport report;
    private final int firstRow;
    private long[] skipped = new long[64];
    private int skippedCount;
    private long line;
    private long ratingLines;
    private int movie = -1;
    private String movieProblem = "comes before any \"MovieID:\" line";
    // seconds since 1970 of each YYYY-MM-DD seen (-1 not yet, -2 no such day): dates repeat, most rows need no java.time
    private final long[] dayCache;

    FileParser(String name, RatingScale scale, RatingColumns out, PrepReport report, long[] dayCache) {
      this.name = name;
      this.scale = scale;
      this.out = out;
      this.report = report;
      this.firstRow = out.size();
      this.dayCache = dayCache;
    }

    /** Parses {@code file}, whose first byte is byte {@code before} of the whole read, for {@code progress}. */
    void run(Path file, Progress progress, long before) {
      byte[] buf = new byte[(int) Math.min(1 << 20, size(file) + 64)]; // the original's files are small
      int have = 0;
      long read = 0;
      long shown = 0;
      try (InputStream in = Files.newInputStream(file)) {
        while (true) {
          if (have == buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2); // a line longer than the buffer
          }
          int n = in.readNBytes(buf, have, buf.length - have);
          read += n;
          if (read - shown >= 1 << 22) { // every 4 MB
            progress.update(before + read);
            shown = read;
          }
          int end = have + n;
          int start = 0;
          for (int i = have; i < end; i++) {
            if (buf[i] == '\n') {
              line(buf, start, i);
              start = i + 1;
            }
          }
          if (n == 0) {
            if (start < end) {
              line(buf, start, end);
            }
            break;
          }
          have = end - start;
          System.arraycopy(buf, start, buf, 0, have);
        }
      } catch (IOException e) {
        throw new CinerecException(name + ": cannot read: " + AtomicFiles.describe(e), e);
      }
      report.addRowsRead(ratingLines);
      out.fileLineMap(firstRow, name, 1, Arrays.copyOf(skipped, skippedCount));
    }

    private void noRow() {
      if (skippedCount == skipped.length) {
        skipped = Arrays.copyOf(skipped, skippedCount * 2);
      }
      skipped[skippedCount++] = out.size() - firstRow;
    }

    private void bad(String reason, int column, String why) {
      report.badRow(reason, name, line, column, why);
      noRow();
    }

    private void line(byte[] b, int s, int e) {
      line++;
      if (line == 1 && e - s >= 3 && (b[s] & 0xFF) == 0xEF && (b[s + 1] & 0xFF) == 0xBB && (b[s + 2] & 0xFF) == 0xBF) {
        s += 3;
      }
      while (e > s && (b[e - 1] == '\r' || b[e - 1] == ' ' || b[e - 1] == '\t')) {
        e--;
      }
      if (e == s) {
        noRow();
        return;
      }
      if (b[e - 1] == ':') {
        long id = digits(b, s, e - 1);
        movie = id >= 0 && id <= Integer.MAX_VALUE ? (int) id : -1;
        if (movie < 0) {
          movieProblem = "follows the line \"" + text(b, s, e) + "\", which is not MovieID:";
        }
        noRow();
        return;
      }
      ratingLines++;
      int c1 = indexOf(b, s, e, (byte) ',');
      int c2 = c1 < 0 ? -1 : indexOf(b, c1 + 1, e, (byte) ',');
      if (c1 < 0 || c2 < 0 || indexOf(b, c2 + 1, e, (byte) ',') >= 0) {
        int fields = 1;
        for (int i = s; i < e; i++) {
          fields += b[i] == ',' ? 1 : 0;
        }
        bad(Reasons.FIELD_COUNT, 0, "has " + fields + " field(s) separated by ',', expected " + EXPECTED);
        return;
      }
      if (movie < 0) {
        bad(Reasons.BAD_ID, 0, "rating \"" + text(b, s, e) + "\" " + movieProblem);
        return;
      }
      long user = digits(b, s, c1);
      if (user < 0 || user > Integer.MAX_VALUE) {
        bad(Reasons.BAD_ID, 1, "CustomerID \"" + text(b, s, c1) + "\" is not a non-negative integer");
        return;
      }
      float r = rating(b, c1 + 1, c2);
      if (Float.isNaN(r)) {
        return;
      }
      long t = seconds(b, c2 + 1, e);
      if (t < 0) {
        bad(Reasons.BAD_TIMESTAMP, 3, "date \"" + text(b, c2 + 1, e) + "\" is " + Timestamps.EXPECTED);
        return;
      }
      out.add((int) user, movie, r, Ratings.packTimestamp(t));
    }

    /** The rating, or NaN after reporting why the line was dropped. */
    private float rating(byte[] b, int s, int e) {
      float r;
      if (e - s == 1 && b[s] >= '0' && b[s] <= '9') {
        r = b[s] - '0';
      } else {
        String t = raw(b, s, e).strip();
        if (t.equalsIgnoreCase("nan")) {
          bad(Reasons.NAN_RATING, 2, "rating is NaN");
          return Float.NaN;
        }
        try {
          r = t.matches("[-+]?\\d*\\.?\\d+") ? Float.parseFloat(t) : Float.NaN;
        } catch (NumberFormatException ex) {
          r = Float.NaN;
        }
        if (Float.isNaN(r)) {
          bad(Reasons.BAD_RATING, 2, "rating \"" + t + "\" is not a number");
          return Float.NaN;
        }
      }
      if (scale != null && scale.checked() && !scale.contains(r)) {
        bad(Reasons.OUT_OF_SCALE, 2, "rating \"" + text(b, s, e) + "\" " + PieceParser.offScale(scale));
        return Float.NaN;
      }
      return r;
    }

    /** Seconds since 1970 of a YYYY-MM-DD date (or any form {@link Timestamps} takes), -1 when none. */
    private long seconds(byte[] b, int s, int e) {
      if (e - s == 10 && b[s + 4] == '-' && b[s + 7] == '-') {
        long y = digits(b, s, s + 4);
        long m = digits(b, s + 5, s + 7);
        long d = digits(b, s + 8, s + 10);
        if (y >= 1970 && y < 2170 && m >= 1 && m <= 12 && d >= 1 && d <= 31) {
          int key = (int) ((y - 1970) * 372 + (m - 1) * 31 + (d - 1));
          if (dayCache[key] == -1) {
            try {
              long v = LocalDate.of((int) y, (int) m, (int) d).toEpochDay() * 86_400L;
              dayCache[key] = v <= Timestamps.MAX ? v : -2;
            } catch (DateTimeException ex) {
              dayCache[key] = -2; // 2005-02-30
            }
          }
          return dayCache[key] >= 0 ? dayCache[key] : -1;
        }
      }
      return e - s > 64 ? -1 : Timestamps.seconds(raw(b, s, e));
    }

    private static long digits(byte[] b, int s, int e) {
      if (e <= s || e - s > 18) {
        return -1;
      }
      long v = 0;
      for (int i = s; i < e; i++) {
        if (b[i] < '0' || b[i] > '9') {
          return -1;
        }
        v = v * 10 + (b[i] - '0');
      }
      return v;
    }

    private static int indexOf(byte[] b, int s, int e, byte c) {
      for (int i = s; i < e; i++) {
        if (b[i] == c) {
          return i;
        }
      }
      return -1;
    }

    private static String raw(byte[] b, int s, int e) {
      return new String(b, s, e - s, StandardCharsets.ISO_8859_1);
    }

    /** A field or line as error messages show it. */
    private static String text(byte[] b, int s, int e) {
      return TextFiles.shown(raw(b, s, Math.min(e, s + 80)));
    }
  }
}
