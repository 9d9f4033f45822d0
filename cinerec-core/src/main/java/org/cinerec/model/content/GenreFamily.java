package org.cinerec.model.content;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.cinerec.CinerecException;
import org.cinerec.data.Catalog;
import org.cinerec.data.Dataset;
import org.cinerec.data.Ratings;
import org.cinerec.model.ModelFamily;
import org.cinerec.model.ModelInfo;
import org.cinerec.model.ModelReader;
import org.cinerec.model.ParamSpec;
import org.cinerec.model.Params;
import org.cinerec.model.Recommender;
import org.cinerec.model.Trainer;
import org.cinerec.model.TrainingItems;
import org.cinerec.train.TrainingListener;

/** The {@code genre} family: see {@link GenreModel} for the score. No parameters. */
public final class GenreFamily implements ModelFamily {
  static final ParamSpec PARAMS = ParamSpec.of();

  @Override
  public String kind() {
    return GenreModel.KIND;
  }

  @Override
  public String description() {
    return "Content baseline: genre match to the user's profile, newer first on ties; ranks movies nobody rated";
  }

  @Override
  public ParamSpec params() {
    return PARAMS;
  }

  @Override
  public Trainer trainer(Params params) {
    return new GenreTrainer(params);
  }

  @Override
  public Recommender read(ModelReader in) throws IOException {
    return GenreModel.read(in);
  }

  @Override
  public String unusableOn(Dataset data) {
    Catalog c = data.catalog();
    for (int i = 0; i < c.size(); i++) {
      if (c.genres(i).length > 0) {
        return null;
      }
    }
    return "no movie of this data has genres, and the genre model ranks by them";
  }

  /** Genre vectors from the catalogue, profiles from the training ratings: one pass, nothing iterative. */
  static final class GenreTrainer implements Trainer {
    private final Params params;

    GenreTrainer(Params params) {
      this.params = params;
    }

    @Override
    public String kind() {
      return GenreModel.KIND;
    }

    @Override
    public Params params() {
      return params;
    }

    @Override
    public Recommender fit(Dataset train, Ratings validation, TrainingListener listener) {
      String unusable = new GenreFamily().unusableOn(train);
      if (unusable != null) {
        throw new CinerecException(kind() + ": " + unusable + "; train another model");
      }
      long t0 = System.nanoTime();
      listener.started(kind(), 1);
      Catalog catalog = train.catalog();
      Features genres = Features.ofMovies(catalog, List.of("genres"), 1);
      int[] years = new int[catalog.size()];
      for (int i = 0; i < years.length; i++) {
        years[i] = catalog.year(i);
      }
      listener.progress(1, Double.NaN);
      listener.finished();
      double seconds = (System.nanoTime() - t0) / 1e9;
      ModelInfo info = ModelInfo.of(kind(), params, 0, train, seconds,
          List.of(new ModelInfo.EpochRecord(1, seconds, Map.of())));
      return new GenreModel(info, train.users(), train.items(), genres, years, TrainingItems.of(train.ratings()));
    }
  }
}
