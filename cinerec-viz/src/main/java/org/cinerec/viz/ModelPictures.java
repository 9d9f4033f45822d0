package org.cinerec.viz;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.cinerec.CinerecException;
import org.cinerec.data.CsrIndex;
import org.cinerec.data.DataFingerprint;
import org.cinerec.data.Dataset;
import org.cinerec.data.Ratings;
import org.cinerec.model.ItemEmbeddings;
import org.cinerec.model.ModelInfo;
import org.cinerec.model.Recommender;
import org.cinerec.split.Split;
import org.cinerec.split.SplitSpec;
import org.cinerec.model.ModelFiles;
import org.cinerec.viz.chart.ModelCharts;
import org.cinerec.viz.stats.EmbeddingMap;
import org.cinerec.viz.stats.LearningCurves;
import org.cinerec.viz.stats.Leaderboard;
import org.cinerec.viz.stats.RatingBins;
import org.cinerec.viz.stats.Residuals;

/**
 * The pictures of trained models: per model its learning curves (when it recorded a history), predicted
 * vs actual rating (when it predicts ratings) and the map of its movie vectors (when it has them); and
 * top-K accuracy vs K for every model of a leaderboard.
 */
public final class ModelPictures {
  private ModelPictures() {}

  /** A loaded model file and the label to show it under (usually the file name without extension). */
  public record Model(String label, ModelFiles.Saved saved) {}

  /** The ratings residuals are drawn on, and how to describe them. */
  public record EvalPart(Ratings ratings, String description) {}

  /**
   * Every picture the models and the leaderboard can give; pictures a model cannot give (no history, no
   * rating predictions, no vectors) are skipped with the reason passed to {@code skipped}.
   */
  public static List<Figure> of(Dataset data, List<Model> models, Leaderboard board, long seed,
      Consumer<String> skipped) {
    List<Figure> out = new ArrayList<>();
    for (Model m : models) {
      for (Picture p : new Picture[] {Picture.LEARNING_CURVES, Picture.RESIDUALS, Picture.EMBEDDINGS}) {
        try {
          out.add(of(data, m, p, seed));
        } catch (CinerecException e) {
          skipped.accept(p.id() + " of " + m.label() + ": " + e.getMessage());
        }
      }
    }
    if (board != null) {
      if (board.hasTopKCurves()) {
        out.add(ModelCharts.topKAccuracy(board));
      } else {
        skipped.accept(Picture.TOPK_ACCURACY.id() + ": the leaderboard has top-K accuracy at fewer than two K");
      }
    }
    return out;
  }

  /** One model picture; throws when the model cannot give it. */
  public static Figure of(Dataset data, Model m, Picture picture, long seed) {
    Recommender model = m.saved().model();
    return switch (picture) {
      case LEARNING_CURVES -> ModelCharts.learningCurves(LearningCurves.of(m.label(), model.info()));
      case RESIDUALS -> {
        if (data == null) {
          throw CinerecException.usage("residuals need the data the model is evaluated on");
        }
        EvalPart part = evalPart(model.info(), data);
        yield ModelCharts.residuals(Residuals.of(m.label(), model, part.ratings(), data.users(), data.items(),
            RatingBins.drawn(data.scale(), data.ratings()), part.description(), seed));
      }
      case EMBEDDINGS -> {
        if (!(model instanceof ItemEmbeddings)) {
          throw new CinerecException("model " + m.label() + " (" + model.kind() + ") has no movie vectors");
        }
        yield ModelCharts.embeddings(EmbeddingMap.of(m.label(), model, m.saved().catalog(),
            data == null ? null : popularity(model, data)));
      }
      default -> throw new IllegalArgumentException(picture + " is not a per-model picture");
    };
  }

  /**
   * The held-out part of the split recorded in the model (so residuals are on ratings the model did not
   * see), or all of the data when the model records no split.
   */
  public static EvalPart evalPart(ModelInfo info, Dataset data) {
    String spec = info == null ? null : info.split();
    if (spec == null || spec.isBlank() || spec.strip().equalsIgnoreCase("none")) {
      return new EvalPart(data.ratings(), "all ratings of the data (the model saw them in training)");
    }
    Split parts = SplitSpec.parse(spec).apply(data);
    long recorded = info.dataFingerprint();
    boolean same = recorded == 0 || DataFingerprint.of(parts.trainSet(data)) == recorded;
    return new EvalPart(parts.test(), "held-out part of split " + parts.spec()
        + (!same ? " (warning: its training part is not the model's training data)"
        : recorded == 0 ? " (the model file records no comparable fingerprint to check it)" : ""));
  }

  /** Ratings per movie of the model's vocabulary, counted in the data (matched by movie id). */
  static int[] popularity(Recommender model, Dataset data) {
    CsrIndex byItem = data.ratings().byItem();
    int[] out = new int[model.items().size()];
    for (int i = 0; i < out.length; i++) {
      int j = data.items().indexOf(model.items().id(i));
      out[i] = j < 0 ? 0 : byItem.count(j);
    }
    return out;
  }
}
