package org.cinerec.io;

import java.nio.file.Path;
import org.cinerec.CinerecException;
import org.cinerec.Progress;
import org.cinerec.data.Dataset;

/**
 * The one entry point for reading data: detects the format of a folder or file (MovieLens CSV,
 * MovieLens 100K/1M/10M, Kaggle "The Movies Dataset", a generic CSV with a column mapping, or a
 * cinerec binary dataset file) and returns a cleaned {@link Dataset} whose provenance is the
 * preparation report.
 */
public final class DataSources {
  private DataSources() {}

  /** Reads and prepares the data at {@code path}. */
  public static Dataset load(Path path, LoadOptions options, Progress progress) {
    throw new CinerecException("reading " + path + " is not implemented yet");
  }

  public static Dataset load(Path path) {
    return load(path, LoadOptions.defaults(), Progress.NONE);
  }
}
