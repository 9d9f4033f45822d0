package org.cinerec.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.cinerec.Progress;
import org.cinerec.data.DataFingerprint;
import org.cinerec.data.Dataset;
import org.cinerec.data.Ratings;
import org.cinerec.io.DataSources;
import org.cinerec.io.LoadOptions;
import org.cinerec.model.ModelFamilies;
import org.cinerec.model.ModelFiles;
import org.cinerec.model.Recommender;
import org.cinerec.split.Split;
import org.cinerec.split.SplitSpec;
import org.junit.jupiter.api.Test;

/**
 * ml-latest-small, the split {@code hash:0.2:42} (cut by {@code train-als} in Spark and by the core: the
 * same rows, so the same fingerprint): MLlib ALS trained by {@code train-als} on the training part and exported, against cinerec's own {@code als} with the same parameters (rank 10, 10
 * iterations, regParam 0.1, seed 42) and Spark's own initial factors ({@code init=spark}); both scored by
 * the same code (clipped predictions, μ for unknown pairs) on the same test ratings: RMSE within 0.005.
 * Fails in CI when the data is missing. The Spark run ({@code prepare} of the MovieLens folder, then
 * {@code train-als} and {@code export}) is {@link MlLatestSmallAls}'s, shared with {@link EndToEndTest}.
 */
class AlsParityTest {
  @Test
  void exportedSparkAlsAndCinerecsAlsGiveTheSameRmseOnMlLatestSmall() throws IOException {
    Dataset all = DataSources.load(MlLatestSmallAls.data(), LoadOptions.defaults(), Progress.NONE);
    Split split = SplitSpec.parse("hash:0.2:42").apply(all);
    Dataset train = split.trainSet(all);

    // prepare, train-als (the same split and parameters) and export: the run EndToEndTest shares
    MlLatestSmallAls.Run run = MlLatestSmallAls.get();
    assertEquals(train.ratings().size(), run.train().ratings(), "train-als's training part is the core's");
    Path file = run.file();
    double sparkSeconds = run.trainSeconds() + run.exportSeconds();
    Recommender exported = ModelFiles.load(file, "als").model();
    assertEquals(DataFingerprint.of(train), exported.info().dataFingerprint(),
        "the export's fingerprint is the core's of the same training ratings");
    assertEquals("hash:0.2:42", exported.info().split());

    long t0 = System.nanoTime();
    Recommender own = ModelFamilies.trainer("als", Map.of("factors", "10", "iterations", "10", "reg", "0.1",
        "seed", "42", "init", "spark")).fit(train);
    double ownSeconds = (System.nanoTime() - t0) / 1e9;

    double sparkRmse = rmse(exported, all, split.test());
    double ownRmse = rmse(own, all, split.test());
    System.out.printf(Locale.ROOT, "ml-latest-small hash:0.2:42 (%,d test ratings), rank 10, 10 iterations, reg 0.1, seed 42: "
        + "exported Spark ALS RMSE %.5f (train-als + export %.1f s), cinerec als init=spark RMSE %.5f (%.1f s)%n",
        split.test().size(), sparkRmse, sparkSeconds, ownRmse, ownSeconds);
    assertTrue(Math.abs(sparkRmse - ownRmse) < 0.005, "RMSE " + sparkRmse + " vs " + ownRmse);
  }

  /** RMSE of a model's (clipped) predictions on test ratings, pairs matched by id. */
  static double rmse(Recommender m, Dataset data, Ratings test) {
    double sse = 0;
    for (int t = 0; t < test.size(); t++) {
      int u = m.users().indexOf(data.users().id(test.user(t)));
      int i = m.items().indexOf(data.items().id(test.item(t)));
      double e = test.rating(t) - m.predict(u, i);
      sse += e * e;
    }
    return Math.sqrt(sse / test.size());
  }
}
