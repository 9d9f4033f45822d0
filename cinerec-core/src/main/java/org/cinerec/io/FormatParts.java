package org.cinerec.io;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.cinerec.CinerecException;
import org.cinerec.data.RatingScale;
import org.cinerec.prep.MovieTable;
import org.cinerec.prep.PrepReport;
import org.cinerec.prep.UserTable;

/**
 * The parts of reading a format that do not depend on who cuts the ratings file: which folder entry holds
 * the ratings, which scale applies, how a folder or file is recognised, and the side files (the movie
 * catalogue, users files, their notes) read on one machine. {@link DataSources} reads through these, and
 * so do engines that cut the ratings file themselves (the Spark jobs: the ratings through
 * {@link RatingLines} inside partitions, these on the driver), so both apply one implementation.
 * No engine's types here.
 */
public final class FormatParts {
  private FormatParts() {}

  /**
   * What the side files gave: the catalogue (null: none), the users file (null: none) and every file read,
   * ratings first, in provenance order.
   */
  public record Catalogue(MovieTable movies, UserTable users, List<Path> files) {}

  /**
   * The format of a folder from the names it holds ({@code has}); {@code names} lists a few for the error.
   */
  public static Format detectFolder(String dir, Predicate<String> has, Supplier<String[]> names) {
    if (has.test("movies_metadata.csv")) {
      return Format.KAGGLE_MOVIES;
    }
    if (has.test("ratings.csv") && has.test("movies.csv")) {
      return Format.MOVIELENS_CSV;
    }
    if (has.test("u.data")) {
      return Format.MOVIELENS_100K;
    }
    if (has.test("ratings.dat")) {
      return Format.MOVIELENS_DAT;
    }
    if (has.test("ratings.csv") || has.test("ratings_small.csv")) {
      return Format.RATINGS_CSV;
    }
    if (has.test("combined_data_1.txt") || has.test("training_set/mv_0000001.txt") || has.test("mv_0000001.txt")) {
      return Format.NETFLIX_PRIZE;
    }
    throw new CinerecException(dir + ": no ratings file found (expected ratings.csv with movies.csv, "
        + "ratings_small.csv with movies_metadata.csv, u.data, ratings.dat or combined_data_1.txt); the folder holds "
        + listed(names.get()));
  }

  private static String listed(String[] names) {
    return names.length == 0 ? "nothing" : String.join(", ", names);
  }

  /** The format of a text file from its name and first line. */
  public static Format detectFile(String name, String firstLine) {
    if (name.equals("u.data")) {
      return Format.MOVIELENS_100K;
    }
    if (name.endsWith(".dat")) {
      return Format.MOVIELENS_DAT;
    }
    if (NetflixPrize.isMovieLine(firstLine)) {
      return Format.NETFLIX_PRIZE;
    }
    if (JsonLines.looksLikeJson(firstLine)) {
      return Format.JSONL;
    }
    String start = firstLine.strip();
    if (start.equals("[") || start.startsWith("[{")) {
      throw new CinerecException(name + ": is a JSON array; cinerec reads JSON lines, one object a line: convert "
          + "it first, e.g. jq -c '.[]' " + name + " > " + name.replaceFirst("\\.json$", "") + ".jsonl");
    }
    String header = firstLine.toLowerCase(Locale.ROOT).replace("\"", "");
    if (header.startsWith("userid,movieid,rating")) {
      return Format.RATINGS_CSV;
    }
    return Format.CSV;
  }

  /** The name of the ratings file inside a folder of format {@code f} ({@code has}: the names it holds). */
  public static String ratingsFileName(Format f, Predicate<String> has) {
    return switch (f) {
      case MOVIELENS_CSV -> "ratings.csv";
      case KAGGLE_MOVIES -> has.test("ratings_small.csv") ? "ratings_small.csv" : "ratings.csv";
      case RATINGS_CSV -> has.test("ratings.csv") ? "ratings.csv" : "ratings_small.csv";
      case MOVIELENS_100K -> "u.data";
      case MOVIELENS_DAT -> "ratings.dat";
      case NETFLIX_PRIZE -> throw CinerecException.usage("format " + f.id() + " reads several files in order");
      case CSV, JSONL, DATASET -> throw CinerecException.usage("format " + f.id() + " reads a file, not a folder");
    };
  }

  /** The scale rows are checked against: the one given, else the format's own (null: read off the data). */
  public static RatingScale scale(Format f, LoadOptions o) {
    return o.scale() != null ? o.scale() : f.scale();
  }

  /**
   * Reads the side files of format {@code f} beside {@code ratingsFile} ({@code folder}: the data was given
   * as the folder, so its catalogue and users files are read; a lone file has none), adding their skipped
   * records and notes to {@code report} in the order {@link DataSources} always has. Users files
   * ({@code UsersFiles}): {@code u.user} (movielens-100k), {@code users.dat} (movielens-dat), {@code users.csv}
   * (movielens-csv, ratings-csv).
   */
  public static Catalogue catalogue(Format f, Path ratingsFile, boolean folder, PrepReport report) {
    Path dir = ratingsFile.toAbsolutePath().getParent();
    String dataName = ratingsFile.getFileName().toString();
    List<Path> files = new ArrayList<>(List.of(ratingsFile));
    MovieTable movies = null;
    UserTable users = null;
    switch (f) {
      case MOVIELENS_CSV -> {
        Path folderPath = ratingsFile.getParent();
        movies = MovieLensCatalog.read(folderPath.resolve("movies.csv"), folderPath.resolve("links.csv"), report);
        files.add(folderPath.resolve("movies.csv"));
        DataSources.addIfExists(files, folderPath.resolve("links.csv"));
        if (Files.exists(folderPath.resolve("tags.csv"))) {
          report.note("tags.csv present; tags are not used for ratings");
        }
        users = usersFile(folder, ratingsFile.resolveSibling("users.csv"), report, files);
      }
      case KAGGLE_MOVIES -> {
        Path folderPath = ratingsFile.getParent();
        boolean small = dataName.equals("ratings_small.csv");
        Path links = folderPath.resolve(small && Files.exists(folderPath.resolve("links_small.csv"))
            ? "links_small.csv" : "links.csv");
        if (!Files.exists(links)) {
          links = folderPath.resolve("links_small.csv");
        }
        if (!Files.exists(links)) {
          throw new CinerecException(folderPath + ": links_small.csv or links.csv is missing; the Kaggle ratings can "
              + "only be joined to movies_metadata.csv through the links (movieId -> tmdbId)");
        }
        Path metadata = folderPath.resolve("movies_metadata.csv");
        movies = KaggleCatalog.read(links, metadata, report);
        if (small && Files.exists(folderPath.resolve("ratings.csv"))) {
          report.note("read ratings_small.csv (the notebook's); ratings.csv in the same folder was not read");
        }
        files.add(links);
        DataSources.addIfExists(files, metadata);
      }
      case RATINGS_CSV -> {
        report.note("no movie catalogue: titles are placeholders (\"movie <id>\")");
        users = usersFile(folder, ratingsFile.resolveSibling("users.csv"), report, files);
      }
      case MOVIELENS_100K -> {
        Path item = dir.resolve("u.item");
        if (folder && Files.exists(item)) {
          movies = MovieLens100k.readItems(item, report);
          files.add(item);
        } else {
          report.note("no u.item beside " + dataName + ": titles are placeholders");
        }
        users = usersFile(folder, dir.resolve("u.user"), report, files);
      }
      case MOVIELENS_DAT -> {
        Path moviesFile = dir.resolve("movies.dat");
        if (folder && Files.exists(moviesFile)) {
          movies = MovieLensDat.readMovies(moviesFile, report);
          files.add(moviesFile);
        } else {
          report.note("no movies.dat beside " + dataName + ": titles are placeholders");
        }
        users = usersFile(folder, dir.resolve("users.dat"), report, files);
      }
      case NETFLIX_PRIZE, CSV, JSONL, DATASET -> { } // netflix-prize: NetflixPrize reads its own
    }
    return new Catalogue(movies, users, files);
  }

  /** The users file when the data was given as its folder and the file is there, else null. */
  private static UserTable usersFile(boolean folder, Path users, PrepReport report, List<Path> files) {
    if (!folder || !Files.exists(users)) {
      return null;
    }
    String name = users.getFileName().toString();
    if (name.equals("users.dat") && UsersFiles.isTweetingsUsers(users)) {
      report.note("users.dat holds user and Twitter ids (MovieTweetings' layout), no attributes: not read");
      return null;
    }
    UserTable table = name.equals("u.user") ? UsersFiles.read100k(users, report)
        : name.equals("users.dat") ? UsersFiles.readDat(users, report)
        : UsersFiles.readCsv(users, report);
    files.add(users);
    return table;
  }
}
