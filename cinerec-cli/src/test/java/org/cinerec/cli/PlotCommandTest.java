package org.cinerec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.cinerec.testkit.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cinerec plot} and {@code cinerec report}, run in-process. */
class PlotCommandTest {
  static final List<String> DATA_PICTURES = List.of("rating-histogram", "user-activity", "movie-ratings",
      "user-sample", "top-movies", "long-tail", "ratings-over-time", "genre-ratings", "genre-means", "sparsity");

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  /** A small MovieLens folder: 6 users, 4 movies, ratings over two years. */
  static Path movieLens(Path dir) throws Exception {
    Files.createDirectories(dir);
    StringBuilder r = new StringBuilder("userId,movieId,rating,timestamp\n");
    float[] scale = {0.5f, 1.5f, 2.5f, 3f, 3.5f, 4f, 4.5f, 5f};
    int k = 0;
    for (int u = 1; u <= 6; u++) {
      for (int m = 1; m <= 4; m++) {
        if ((u + m) % 5 != 0) {
          r.append(u).append(',').append(m).append(',').append(scale[k++ % scale.length]).append(',')
              .append(1_000_000_000L + 40_000_000L * k).append('\n');
        }
      }
    }
    Files.writeString(dir.resolve("ratings.csv"), r.toString());
    Files.writeString(dir.resolve("movies.csv"), "movieId,title,genres\n1,Rocky III (1982),Action|Drama\n"
        + "2,Toy Story (1995),Animation|Children|Comedy\n3,Heat (1995),Action|Crime|Thriller\n"
        + "4,\"Matrix, The (1999)\",Action|Sci-Fi\n");
    return dir;
  }

  static void assertPicture(Path dir, String name) throws Exception {
    Path png = dir.resolve(name + ".png");
    Path svg = dir.resolve(name + ".svg");
    assertTrue(Files.exists(png), png + " missing");
    assertTrue(Files.readString(svg).contains("<svg"), svg + " is not SVG");
    BufferedImage img = ImageIO.read(png.toFile());
    assertTrue(img.getWidth() >= 800 && img.getHeight() >= 500, name + " is " + img.getWidth() + "x" + img.getHeight());
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < img.getHeight(); y += 3) {
      for (int x = 0; x < img.getWidth(); x += 3) {
        colours.add(img.getRGB(x, y));
      }
    }
    assertTrue(colours.size() >= 20, name + " looks blank: " + colours.size() + " colours");
  }

  @Test
  void plotWritesEveryDataPictureOfASmallMovieLensFolder(@TempDir Path tmp) throws Exception {
    Path data = movieLens(tmp.resolve("ml"));
    Path out = tmp.resolve("pictures");
    Run r = run("plot", data.toString(), "--out", out.toString(), "--sample-users", "6", "--min-ratings", "2");
    assertEquals(0, r.code(), r.err());
    for (String name : DATA_PICTURES) {
      assertPicture(out, name);
      assertTrue(r.out().contains(name + ".{png,svg}: "), r.out());
    }
  }

  @Test
  void anUnknownMovieListsCloseMatches(@TempDir Path tmp) throws Exception {
    Run r = run("plot", movieLens(tmp.resolve("ml")).toString(), "--out", tmp.resolve("o").toString(),
        "--movie", "Rocky 9");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("error: --movie \"Rocky 9\": no movie has this title; close matches: \"Rocky III (1982)\""),
        r.err());
  }

  @Test
  void aUserSampleLargerThanTheUsersIsAClearError(@TempDir Path tmp) throws Exception {
    Run r = run("plot", movieLens(tmp.resolve("ml")).toString(), "--out", tmp.resolve("o").toString(),
        "--what", "user-sample");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("--sample-users 100 is larger than the number of users with ratings (6)"), r.err());
  }

  @Test
  void modelPicturesNeedAModelOrALeaderboard(@TempDir Path tmp) throws Exception {
    Run r = run("plot", movieLens(tmp.resolve("ml")).toString(), "--out", tmp.resolve("o").toString(),
        "--what", "residuals");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("give --model FILE or --leaderboard FILE"), r.err());
  }

  @Test
  void anUnknownPictureNameIsAUsageError(@TempDir Path tmp) throws Exception {
    Run r = run("plot", movieLens(tmp.resolve("ml")).toString(), "--out", tmp.resolve("o").toString(), "--what", "pie");
    assertEquals(2, r.code(), r.err());
    assertTrue(r.err().contains("unknown picture \"pie\""), r.err());
  }

  @Test
  void plotDrawsEveryPictureOfMovieLensLatestSmall(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("ml");
    Run r = run("plot", SharedData.mlLatestSmall().toString(), "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    for (String name : DATA_PICTURES) {
      assertPicture(out, name);
    }
    assertTrue(r.out().contains("Ratings of Rocky III (1982): 24, mean 2.73"), r.out());
    assertTrue(r.out().contains("Rating distribution: 100,836 ratings"), r.out());
  }

  @Test
  void plotDrawsEveryPictureOfTheKaggleMoviesDataset(@TempDir Path tmp) throws Exception {
    Path out = tmp.resolve("kaggle");
    Run r = run("plot", SharedData.moviesDataset().toString(), "--out", out.toString());
    assertEquals(0, r.code(), r.err());
    for (String name : DATA_PICTURES) {
      assertPicture(out, name);
    }
    assertTrue(r.out().contains("Rating distribution: 100,004 ratings"), r.out());
  }

  @Test
  void reportEmbedsThePicturesTheModelsAndTheLeaderboard(@TempDir Path tmp) throws Exception {
    Path data = movieLens(tmp.resolve("ml"));
    Path model = tmp.resolve("mf.cinerec");
    Run t = run("train", data.toString(), "--model", "mf", "--factors", "4", "--epochs", "3", "--out", model.toString(),
        "--split", "random:0.25:1");
    assertEquals(0, t.code(), t.err());
    Run c = run("compare", data.toString(), "--models", "popularity,mf", "--set", "mf.epochs=2", "--out",
        tmp.resolve("board").toString());
    assertEquals(0, c.code(), c.err());
    Path html = tmp.resolve("report.html");
    Run r = run("report", data.toString(), "--model", model.toString(), "--leaderboard",
        tmp.resolve("board.json").toString(), "--sample-users", "6", "--min-ratings", "2", "--out", html.toString());
    assertEquals(0, r.code(), r.err());
    String text = Files.readString(html);
    assertTrue(text.contains("Preparation report"));
    assertTrue(text.contains("<h3>Leaderboard</h3>"));
    assertTrue(text.contains("id=\"learning-curves-mf\""), "model picture embedded");
    assertTrue(text.contains("id=\"topk-accuracy\""), "leaderboard picture embedded");
    assertTrue(r.out().startsWith("wrote " + html), r.out());
  }
}
