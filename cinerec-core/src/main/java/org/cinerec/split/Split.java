package org.cinerec.split;

import java.nio.file.Path;
import java.util.Objects;
import org.cinerec.Progress;
import org.cinerec.data.Dataset;
import org.cinerec.data.Ratings;
import org.cinerec.io.MovieLensWriter;

/**
 * The result of a split: train and test ratings over the same user and item index spaces as the data
 * they came from, and the canonical spec that produced them (e.g. {@code "random:0.2:42"}), recorded in
 * model provenance so a model can be re-trained on the same rows.
 */
public record Split(Ratings train, Ratings test, String spec) {

  public Split {
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(test, "test");
    Objects.requireNonNull(spec, "spec");
    if (train.numUsers() != test.numUsers() || train.numItems() != test.numItems()) {
      throw new IllegalArgumentException("train is over " + train.numUsers() + " users x " + train.numItems()
          + " items but test over " + test.numUsers() + " x " + test.numItems());
    }
  }

  /** Train as a dataset (the same vocabularies and catalog as {@code data}). */
  /**
   * The split that puts row p of {@code ratings} in test when {@code isTest[p]} and in train otherwise, each
   * part in row order (the per-user splits mark rows, then cut here).
   */
  public static Split ofMask(Ratings ratings, boolean[] isTest, int testRows, String spec) {
    int n = ratings.size();
    int[] test = new int[testRows];
    int[] train = new int[n - testRows];
    int a = 0;
    int b = 0;
    for (int p = 0; p < n; p++) {
      if (isTest[p]) {
        test[b++] = p;
      } else {
        train[a++] = p;
      }
    }
    return new Split(ratings.select(train), ratings.select(test), spec);
  }

  public Dataset trainSet(Dataset data) {
    return data.withRatings(train);
  }

  /** Test as a dataset (the same vocabularies and catalog as {@code data}). */
  public Dataset testSet(Dataset data) {
    return data.withRatings(test);
  }

  /**
   * Writes {@code train.csv} and {@code test.csv} into {@code dir} (MovieLens columns
   * {@code userId,movieId,rating,timestamp} with the external ids of {@code data}), each atomically;
   * {@code files:DIR/train.csv,DIR/test.csv} reads them back as the same split.
   */
  public void writeCsv(Path dir, Dataset data, Progress progress) {
    MovieLensWriter.writeRatings(dir.resolve("train.csv"), train, data.users(), data.items(), progress);
    MovieLensWriter.writeRatings(dir.resolve("test.csv"), test, data.users(), data.items(), progress);
  }

  @Override
  public String toString() {
    return "Split[" + spec + ": train " + train.size() + ", test " + test.size() + "]";
  }
}
