package org.cinerec.viz;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.cinerec.CinerecException;
import org.cinerec.data.Dataset;
import org.cinerec.io.AtomicFiles;
import org.cinerec.viz.chart.DataCharts;
import org.cinerec.viz.chart.MatrixCharts;
import org.cinerec.viz.cloud.WordCloudFigure;
import org.cinerec.viz.stats.GenreStats;
import org.cinerec.viz.stats.LongTail;
import org.cinerec.viz.stats.MovieRatings;
import org.cinerec.viz.stats.RatingBins;
import org.cinerec.viz.stats.RatingHistogram;
import org.cinerec.viz.stats.RatingsOverTime;
import org.cinerec.viz.stats.Sparsity;
import org.cinerec.viz.stats.TopMovies;
import org.cinerec.viz.stats.UserActivity;
import org.cinerec.viz.stats.UserSample;

/** Builds the data pictures of a dataset and writes pictures to a folder as PNG and SVG. */
public final class Pictures {
  private Pictures() {}

  /** One data picture. Throws {@link CinerecException} when the data cannot give it (with the reason). */
  public static Figure of(Dataset data, Picture picture, PlotOptions o) {
    if (data.ratings().size() == 0) {
      throw new CinerecException("the dataset has no ratings, so there is nothing to draw; check the data path "
          + "and the preparation report");
    }
    return switch (picture) {
      case RATING_HISTOGRAM -> DataCharts.ratingHistogram(RatingHistogram.of(data.ratings(),
          RatingBins.drawn(data.scale(), data.ratings())));
      case USER_ACTIVITY -> DataCharts.userActivity(UserActivity.of(data.ratings()));
      case MOVIE_RATINGS -> DataCharts.movieRatings(MovieRatings.of(data, o.movie()));
      case USER_SAMPLE -> DataCharts.userSample(UserSample.of(data, o.sampleUsers(), o.seed()), data.scale());
      case TOP_MOVIES -> WordCloudFigure.of(TopMovies.of(data, o.top(), o.priorWeight(), o.minRatings()), o.seed());
      case LONG_TAIL -> DataCharts.longTail(LongTail.of(data.ratings()));
      case RATINGS_OVER_TIME -> DataCharts.ratingsOverTime(RatingsOverTime.of(data.ratings()), data.scale());
      case GENRE_RATINGS -> DataCharts.genreRatings(GenreStats.of(data));
      case GENRE_MEANS -> DataCharts.genreMeans(GenreStats.of(data), data.scale());
      case SPARSITY -> MatrixCharts.sparsity(Sparsity.of(data.ratings()));
      default -> throw CinerecException.usage("\"" + picture.id() + "\" is a picture of trained models; give --model "
          + "or --leaderboard");
    };
  }

  /**
   * The requested data pictures. When {@code lenient}, a picture the data cannot give (no timestamps,
   * no genres, no movie of that title) is skipped and the reason passed to {@code skipped}; otherwise
   * the first such problem is thrown. An empty dataset always throws.
   */
  public static List<Figure> of(Dataset data, Set<Picture> pictures, PlotOptions o, boolean lenient,
      Consumer<String> skipped) {
    List<Figure> out = new ArrayList<>();
    for (Picture p : pictures) {
      if (p.needsModel()) {
        continue;
      }
      try {
        out.add(of(data, p, o));
      } catch (CinerecException e) {
        if (!lenient || data.ratings().size() == 0) {
          throw e;
        }
        skipped.accept(p.id() + ": " + e.getMessage());
      }
    }
    return out;
  }

  /** Writes {@code dir/NAME.png} and {@code dir/NAME.svg} atomically; returns both paths. */
  public static List<Path> write(Figure figure, Path dir) {
    Path png = dir.resolve(figure.name() + ".png");
    Path svg = dir.resolve(figure.name() + ".svg");
    AtomicFiles.write(png, figure::writePng);
    AtomicFiles.write(svg, figure::writeSvg);
    return List.of(png, svg);
  }
}
