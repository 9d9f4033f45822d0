package org.cinerec.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cinerec.CinerecException;
import org.cinerec.Progress;
import org.cinerec.data.Dataset;
import org.cinerec.data.Provenance;
import org.cinerec.data.RatingScale;
import org.cinerec.prep.DatasetAssembler;
import org.cinerec.prep.PrepReport;
import org.cinerec.prep.RatingColumns;

/**
 * The one entry point for reading data: detects the format of a folder or file (MovieLens CSV,
 * MovieLens 100K/1M/10M, Kaggle "The Movies Dataset", the Netflix Prize, a single ratings CSV, a generic CSV with a
 * column mapping, or a cinerec binary dataset file; any of these in a zip or gzip file, unpacked once into the
 * cache: {@link Unpacked}) and returns a cleaned {@link Dataset} whose provenance is the preparation report.
 *
 * <p>Item vocabulary: every catalogue movie (movies.csv; for Kaggle the links file's movies), rated or
 * not, then rated movies missing from the catalogue (placeholder titles; dropped with
 * {@link LoadOptions#requireMetadata()}). User vocabulary: users with kept ratings, in file order; the users
 * file of a folder ({@code u.user}, {@code users.dat}, {@code users.csv}) gives their attributes
 * ({@link Dataset#userAttributes()}).
 *
 * <p>Scale ({@link RatingScale}): {@link LoadOptions#scale()} when given; else the format's own
 * (movielens-csv and kaggle-movies: 0.5..5 in halves; movielens-100k: 1..5 whole) and rows off it are
 * dropped as {@code out-of-scale}; else (movielens-dat, ratings-csv, csv) read off the kept ratings and
 * nothing is dropped for it.
 */
public final class DataSources {
  private DataSources() {}

  /** Reads and prepares the data at {@code path}. */
  public static Dataset load(Path given, LoadOptions options, Progress progress) {
    LoadOptions o = options == null ? LoadOptions.defaults() : options;
    Progress p = progress == null ? Progress.NONE : progress;
    Unpacked.Result unpacked = Unpacked.of(given, DataCache.dir(), p);
    Path path = unpacked.path();
    Format format = formatOf(path, o);
    if (!Files.exists(path)) {
      throw new CinerecException(path + ": no such file or folder");
    }
    PrepReport report = new PrepReport(o.strict());
    if (unpacked.note() != null) {
      report.note(unpacked.note());
    }
    return switch (format) {
      case MOVIELENS_CSV -> movieLensCsv(path, o, report, p);
      case KAGGLE_MOVIES -> kaggle(path, o, report, p);
      case RATINGS_CSV -> ratingsOnly(path, o, report, p);
      case MOVIELENS_100K -> MovieLens100k.load(path, o, report, p);
      case MOVIELENS_DAT -> MovieLensDat.load(path, o, report, p);
      case NETFLIX_PRIZE -> NetflixPrize.load(path, o, report, p);
      case CSV -> GenericCsv.load(path, o, report, p);
      case JSONL -> JsonLines.load(requireFile(path, Format.JSONL), o, report, p);
      case DATASET -> prepared(path, o, p);
    };
  }

  /**
   * A dataset file: its scale was settled when it was prepared; a {@code --scale} that differs is an error
   * (the rows it would drop are no longer in the file to count).
   */
  private static Dataset prepared(Path path, LoadOptions o, Progress p) {
    Dataset d = DatasetFile.read(path, p);
    if (o.scale() != null && !o.scale().sameAs(d.scale())) {
      throw CinerecException.usage("--scale " + o.scale().spec() + ": " + path + " was prepared on the scale "
          + d.scale().describe() + "; run cinerec prepare on the raw data again with --scale " + o.scale().spec());
    }
    return d;
  }

  /** The format {@link #load} reads {@code path} as: the one given, else the one detected. */
  public static Format formatOf(Path given, LoadOptions o) {
    Path path = Unpacked.of(given).path();
    return o.format() == null || o.format().isBlank() || o.format().equalsIgnoreCase("auto")
        ? (o.columns() != null && !Files.isDirectory(path) ? mapped(path) : FormatDetector.detect(path))
        : Format.of(o.format());
  }

  /** A file read with column flags: JSON lines when it starts like them (the flags name keys), else a generic CSV. */
  private static Format mapped(Path file) {
    return Files.isRegularFile(file) && Files.isReadable(file) && JsonLines.looksLikeJson(TextFiles.header(file).text())
        ? Format.JSONL : Format.CSV;
  }

  public static Dataset load(Path path) {
    return load(path, LoadOptions.defaults(), Progress.NONE);
  }

  private static Dataset movieLensCsv(Path dir, LoadOptions o, PrepReport report, Progress p) {
    return withCatalogue(Format.MOVIELENS_CSV, requireFolder(dir, Format.MOVIELENS_CSV).resolve("ratings.csv"), true,
        o, report, p);
  }

  private static Dataset kaggle(Path dir, LoadOptions o, PrepReport report, Progress p) {
    Path folder = requireFolder(dir, Format.KAGGLE_MOVIES);
    return withCatalogue(Format.KAGGLE_MOVIES,
        folder.resolve(FormatParts.ratingsFileName(Format.KAGGLE_MOVIES, n -> Files.exists(folder.resolve(n)))), true,
        o, report, p);
  }

  /**
   * A lone ratings CSV; one that needs it ({@link RatingsCsv#needsCsvReader}: ids past the int range, text ids or
   * quotes throughout) is read by the generic CSV reader, which keeps ids as text, and a note says so.
   */
  private static Dataset ratingsOnly(Path path, LoadOptions o, PrepReport report, Progress p) {
    Path file = !Files.isDirectory(path) ? path
        : path.resolve(FormatParts.ratingsFileName(Format.RATINGS_CSV, n -> Files.exists(path.resolve(n))));
    String why = RatingsCsv.needsCsvReader(file);
    if (why != null) {
      report.note(why + ": read as text ids (format csv)"
          + (Files.isDirectory(path) && Files.exists(path.resolve("users.csv")) ? "; users.csv not read" : ""));
      return GenericCsv.load(file, o, report, p);
    }
    return withCatalogue(Format.RATINGS_CSV, file, Files.isDirectory(path), o, report, p);
  }

  /**
   * A ratings CSV with a header, then the format's side files ({@link FormatParts#catalogue}; {@code folder}:
   * the data was given as its folder, so a users file beside it is read).
   */
  private static Dataset withCatalogue(Format f, Path ratingsFile, boolean folder, LoadOptions o, PrepReport report,
      Progress p) {
    RatingScale scale = FormatParts.scale(f, o);
    RatingColumns raw = RatingsCsv.read(ratingsFile, scale, report, p);
    FormatParts.Catalogue c = FormatParts.catalogue(f, ratingsFile, folder, report);
    return DatasetAssembler.assemble(raw, c.movies(), c.users(), o.requireMetadata(), f.id(), sources(c.files(), p),
        ratingsFile.getFileName().toString(), report, scale);
  }

  static Path requireFile(Path path, Format format) {
    if (Files.isDirectory(path)) {
      throw CinerecException.usage(path + ": format " + format.id() + " reads a file, not a folder");
    }
    return path;
  }

  static Path requireFolder(Path path, Format format) {
    if (!Files.isDirectory(path)) {
      throw CinerecException.usage(path + ": format " + format.id() + " needs the folder holding its files, not a file");
    }
    return path;
  }

  static void addIfExists(List<Path> files, Path p) {
    if (Files.exists(p)) {
      files.add(p);
    }
  }

  /** Provenance entries (path, sha256, size) of the files read. */
  static List<Provenance.SourceFile> sources(List<Path> files, Progress p) {
    List<Provenance.SourceFile> out = new ArrayList<>();
    for (Path f : files) {
      out.add(TextFiles.source(f));
    }
    return out;
  }
}
