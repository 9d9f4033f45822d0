package org.cinerec.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.cinerec.CinerecException;
import org.cinerec.data.Dataset;
import org.cinerec.viz.cloud.PlacedWord;
import org.cinerec.viz.cloud.WordCloudFigure;
import org.cinerec.viz.stats.TopMovies;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PicturesTest {
  private static Dataset synthetic;

  @BeforeAll
  static void data() {
    synthetic = Fixtures.synthetic();
  }

  private static PlotOptions options() {
    // the synthetic data has 50 users and movies with few ratings
    return PlotOptions.defaults().withSampleUsers(30).withMinRatings(10).withMovie(synthetic.catalog().title(0));
  }

  @ParameterizedTest
  @EnumSource(value = Picture.class, names = {"RATING_HISTOGRAM", "USER_ACTIVITY", "MOVIE_RATINGS", "USER_SAMPLE",
      "TOP_MOVIES", "LONG_TAIL", "RATINGS_OVER_TIME", "GENRE_RATINGS", "GENRE_MEANS", "SPARSITY"})
  void everyDataPictureIsDrawnAtItsSizeAndIsNotBlank(Picture p) {
    Figure f = Pictures.of(synthetic, p, options());
    assertEquals(p.id(), f.name());
    PixelCheck.assertDrawn(f);
    PixelCheck.assertSvg(f);
    assertFalse(f.title().isBlank());
  }

  @Test
  void everyDataPictureIsDrawnFromTheHandWrittenFixtureToo() {
    PlotOptions o = PlotOptions.defaults().withSampleUsers(4).withMinRatings(1);
    for (Picture p : Picture.dataPictures()) {
      PixelCheck.assertDrawn(Pictures.of(Fixtures.tiny(), p, o));
    }
  }

  @Test
  void writeLeavesAPngAndAnSvgPerPicture(@TempDir Path dir) throws Exception {
    Figure f = Pictures.of(Fixtures.tiny(), Picture.RATING_HISTOGRAM, PlotOptions.defaults());
    List<Path> written = Pictures.write(f, dir.resolve("out"));
    assertEquals(List.of(dir.resolve("out/rating-histogram.png"), dir.resolve("out/rating-histogram.svg")), written);
    for (Path p : written) {
      assertTrue(Files.size(p) > 1000, p + " is too small");
    }
    try (var files = Files.list(dir.resolve("out"))) {
      assertEquals(2, files.count(), "no temporary files left behind");
    }
  }

  @Test
  void theWordCloudPlacesEveryTitleInsideItsAreaWithoutOverlap() {
    TopMovies top = TopMovies.of(synthetic, 25, 10, 10);
    WordCloudFigure cloud = WordCloudFigure.of(top, 42);
    List<PlacedWord> words = cloud.words();
    assertEquals(top.size(), words.size(), "every title is placed");
    for (int a = 0; a < words.size(); a++) {
      PlacedWord w = words.get(a);
      assertTrue(w.x() >= 0 && w.y() >= 0 && w.x() + w.width() <= WordCloudFigure.WIDTH, w.toString());
      for (int b = a + 1; b < words.size(); b++) {
        PlacedWord v = words.get(b);
        boolean apart = w.x() + w.width() <= v.x() || v.x() + v.width() <= w.x()
            || w.y() + w.height() <= v.y() || v.y() + v.height() <= w.y();
        assertTrue(apart, w + " overlaps " + v);
      }
    }
    List<String> texts = new ArrayList<>();
    words.forEach(w -> texts.add(w.text()));
    assertEquals(texts, WordCloudFigure.of(top, 42).words().stream().map(PlacedWord::text).toList(), "seeded layout");
    assertTrue(cloud.svg().contains("m = 10"), "the damping is stated on the picture");
  }

  @Test
  void lenientPlottingSkipsPicturesTheDataCannotGiveAndSaysWhy() {
    List<String> skipped = new ArrayList<>();
    List<Figure> figures = Pictures.of(Fixtures.tiny(), EnumSet.of(Picture.RATING_HISTOGRAM, Picture.MOVIE_RATINGS),
        PlotOptions.defaults().withMovie("No Such Film"), true, skipped::add);
    assertEquals(1, figures.size());
    assertEquals(1, skipped.size());
    assertTrue(skipped.get(0).startsWith("movie-ratings: "), skipped.get(0));
    assertThrows(CinerecException.class, () -> Pictures.of(Fixtures.tiny(), EnumSet.of(Picture.MOVIE_RATINGS),
        PlotOptions.defaults().withMovie("No Such Film"), false, skipped::add));
  }

  @Test
  void pictureNamesParseFromTheCommandLine() {
    assertEquals(EnumSet.of(Picture.LONG_TAIL, Picture.SPARSITY), Picture.parse(List.of("long-tail,sparsity")));
    assertEquals(Picture.dataPictures(), Picture.parse(List.of("all")));
    CinerecException e = assertThrows(CinerecException.class, () -> Picture.parse(List.of("pie")));
    assertTrue(e.getMessage().contains("rating-histogram"), e.getMessage());
  }
}
