package org.cinerec.viz;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.cinerec.CinerecException;

/** Every picture cinerec draws, by the file name it is written under. */
public enum Picture {
  RATING_HISTOGRAM("rating-histogram", false, "global rating distribution on the data's rating scale"),
  USER_ACTIVITY("user-activity", false, "ratings per user (1-2-5 bins, log-scaled counts)"),
  MOVIE_RATINGS("movie-ratings", false, "rating distribution of one movie (--movie)"),
  USER_SAMPLE("user-sample", false, "strip plot of the ratings of a seeded random sample of users"),
  TOP_MOVIES("top-movies", false, "word cloud of the top movies by damped (Bayesian) mean"),
  LONG_TAIL("long-tail", false, "share of ratings vs share of movies, most popular first"),
  RATINGS_OVER_TIME("ratings-over-time", false, "ratings per year (or month) and their mean"),
  GENRE_RATINGS("genre-ratings", false, "ratings per genre"),
  GENRE_MEANS("genre-means", false, "mean rating per genre"),
  SPARSITY("sparsity", false, "how full the user × movie rating matrix is"),
  LEARNING_CURVES("learning-curves", true, "loss and validation metrics per epoch, per model"),
  TOPK_ACCURACY("topk-accuracy", true, "top-K accuracy vs K for several models (from a leaderboard)"),
  RESIDUALS("residuals", true, "predicted vs actual rating, per model"),
  EMBEDDINGS("embeddings", true, "2-D PCA of a model's movie embeddings, coloured by genre");

  private final String id;
  private final boolean needsModel;
  private final String description;

  Picture(String id, boolean needsModel, String description) {
    this.id = id;
    this.needsModel = needsModel;
    this.description = description;
  }

  /** The file name stem and the name used with --what. */
  public String id() {
    return id;
  }

  /** True for pictures of trained models (they need --model or --leaderboard). */
  public boolean needsModel() {
    return needsModel;
  }

  public String description() {
    return description;
  }

  /** The pictures drawn from data alone. */
  public static Set<Picture> dataPictures() {
    return Arrays.stream(values()).filter(p -> !p.needsModel).collect(Collectors.toCollection(() -> EnumSet.noneOf(Picture.class)));
  }

  /** The picture with this id. */
  public static Picture byId(String id) {
    String key = id.trim().toLowerCase(Locale.ROOT);
    for (Picture p : values()) {
      if (p.id.equals(key)) {
        return p;
      }
    }
    throw CinerecException.usage("--what: unknown picture \"" + id + "\"; choose from " + ids() + " or all");
  }

  /** Parses "a,b,c" or "all" (all pictures drawn from data). */
  public static Set<Picture> parse(List<String> ids) {
    Set<Picture> out = EnumSet.noneOf(Picture.class);
    for (String part : ids) {
      for (String id : part.split(",")) {
        if (id.isBlank()) {
          continue;
        }
        if (id.trim().equalsIgnoreCase("all")) {
          out.addAll(dataPictures());
        } else {
          out.add(byId(id));
        }
      }
    }
    if (out.isEmpty()) {
      throw CinerecException.usage("--what names no picture; choose from " + ids() + " or all");
    }
    return out;
  }

  /** "rating-histogram, user-activity, ...". */
  public static String ids() {
    List<String> ids = new ArrayList<>();
    for (Picture p : values()) {
      ids.add(p.id);
    }
    return String.join(", ", ids);
  }
}
