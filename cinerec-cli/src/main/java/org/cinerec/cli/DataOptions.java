package org.cinerec.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import org.cinerec.CinerecException;
import org.cinerec.Progress;
import org.cinerec.data.Dataset;
import org.cinerec.io.Archive;
import org.cinerec.io.DataCache;
import org.cinerec.io.DataSources;
import org.cinerec.io.LoadOptions;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * The data options every command whose first argument is DATA shares (a picocli mixin): the DATA path
 * and the {@link ReaderOptions}. Use as {@code @Mixin DataOptions data;} then
 * {@code CliSupport.loadData(data, err)}, which prints the one summary line on stderr.
 */
public final class DataOptions {

  @Parameters(index = "0", arity = "0..1", paramLabel = "DATA",
      description = "Data folder or file: MovieLens CSV (ml-latest-small, ml-25m, ...), MovieLens 100K/1M/10M, "
          + "Kaggle \"The Movies Dataset\", a ratings CSV/TSV, or a dataset file written by 'cinerec prepare'; "
          + "or the name of a downloaded dataset (ml-latest-small, ml-100k, ml-1m, ml-25m, ml-32m).")
  Path path;

  @Mixin
  ReaderOptions reader = new ReaderOptions();

  /** The DATA path (a downloaded dataset's name resolved to its folder), or a usage error when not given. */
  public Path path() {
    if (path == null) {
      throw CinerecException.usage("missing DATA: give a data folder or file (e.g. ../shared/data/ml-latest-small)");
    }
    return resolve(path);
  }

  /** DATA as typed. */
  Path given() {
    return path;
  }

  /** True when DATA was given. */
  public boolean isGiven() {
    return path != null;
  }

  /** The load options these flags stand for. */
  public LoadOptions options() {
    return reader.options();
  }

  /** Reads and prepares DATA (no summary line: see {@link CliSupport#loadData(DataOptions, java.io.PrintWriter)}). */
  public Dataset load(Progress progress) {
    return DataSources.load(path(), options(), progress);
  }

  /**
   * A DATA argument that is not an existing path but the name of a downloadable dataset
   * ({@link Archive#ALL}) is its folder in the download cache ({@link DataCache#dir()}); when that
   * dataset is not downloaded, a one-line error says how to get it. Anything else is returned as is.
   */
  static Path resolve(Path data) {
    if (data == null || Files.exists(data) || data.getNameCount() != 1) {
      return data;
    }
    String name = data.toString();
    for (Archive a : Archive.ALL) {
      if (a.name().equals(name)) {
        return DataCache.find(DataCache.dir(), name).orElseThrow(() -> new CinerecException(name
            + " is not downloaded (looked in " + DataCache.dir().resolve(name) + "): run cinerec download " + name
            + ", or give the path of its folder"));
      }
    }
    return data;
  }
}
