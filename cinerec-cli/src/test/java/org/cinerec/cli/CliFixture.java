package org.cinerec.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.cinerec.math.Rng;

/** A small MovieLens-style folder written by the test, and an in-process runner of the CLI. */
final class CliFixture {
  private CliFixture() {}

  /** Output of one run. */
  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  /**
   * 30 users (ids 1..30) × 40 movies (ids 1..40; movie 1 is "Toy Story (1995)", 2 "Toy Story 2 (1999)"),
   * about 40% of the pairs rated from a seed, plus user 99 with one rating of movie 3. Returns the folder.
   */
  static Path movieLens(Path dir) throws IOException {
    Rng rng = new Rng(2024);
    List<String> ratings = new ArrayList<>();
    ratings.add("userId,movieId,rating,timestamp");
    for (int u = 1; u <= 30; u++) {
      for (int m = 1; m <= 40; m++) {
        if (rng.nextInt(5) < 2) {
          double r = Math.max(0.5, Math.min(5, Math.round(2 * (3 + (m % 4) * 0.4 - (u % 3) * 0.3 + rng.nextGaussian() * 0.6)) / 2.0));
          ratings.add(u + "," + m + "," + r + "," + (1_000_000_000L + u * 1000L + m));
        }
      }
    }
    ratings.add("99,3,4.0,1000099003");
    List<String> movies = new ArrayList<>();
    movies.add("movieId,title,genres");
    movies.add("1,Toy Story (1995),Adventure|Animation|Children|Comedy|Fantasy");
    movies.add("2,Toy Story 2 (1999),Adventure|Animation|Children|Comedy|Fantasy");
    for (int m = 3; m <= 40; m++) {
      movies.add(m + ",Movie Number " + m + " (" + (1960 + m) + "),Drama");
    }
    Files.createDirectories(dir);
    Files.write(dir.resolve("ratings.csv"), ratings);
    Files.write(dir.resolve("movies.csv"), movies);
    return dir;
  }

  /** train.csv without user 99, test.csv with only user 99's rating: a split where user 99 is cold. */
  static String coldUserSplit(Path data, Path dir) throws IOException {
    List<String> lines = Files.readAllLines(data.resolve("ratings.csv"));
    List<String> train = new ArrayList<>();
    List<String> test = new ArrayList<>();
    train.add(lines.get(0));
    test.add(lines.get(0));
    for (String l : lines.subList(1, lines.size())) {
      (l.startsWith("99,") ? test : train).add(l);
    }
    Files.write(dir.resolve("train.csv"), train);
    Files.write(dir.resolve("test.csv"), test);
    return "files:" + dir.resolve("train.csv") + "," + dir.resolve("test.csv");
  }
}
