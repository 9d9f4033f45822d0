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
import org.cinerec.server.store.JdbcRatingStore;
import org.cinerec.server.store.StoreDataset;
import org.cinerec.server.store.StoreUrl;
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
          + "Kaggle \"The Movies Dataset\", the Netflix Prize, a ratings CSV/TSV, JSON lines, or a dataset file "
          + "written by 'cinerec prepare'; any of them as a .zip or .gz; "
          + "or the name of a downloaded dataset (ml-latest-small, ml-100k, ml-1m, ml-25m, ml-32m); "
          + "or a ratings store of 'cinerec serve' (its SQLite file, or a jdbc:postgresql:// URL).")
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
    return read(path(), reader, options(), progress);
  }

  /** Reads DATA: a dataset as {@link DataSources#load}, or a ratings store ({@link #loadStore}). */
  static Dataset read(Path path, LoadOptions options, Progress progress) {
    return read(path, null, options, progress);
  }

  /**
   * As {@link #read(Path, LoadOptions, Progress)}; for a ratings store, {@code flags} (the reader flags given,
   * or null) go over the settings the store recorded for its seed data, as they go over a model file's.
   */
  static Dataset read(Path path, ReaderOptions flags, LoadOptions options, Progress progress) {
    if (StoreUrl.isStore(path.toString())) {
      return loadStore(StoreUrl.parse(path.toString()), flags, options, progress);
    }
    return DataSources.load(path, options, progress);
  }

  /**
   * A ratings store as data: its ratings (the store is the authority once seeded: deletions and changes
   * count, nothing twice) over the catalogue of the dataset it was seeded from, which is read again from
   * where the store recorded it (see {@link StoreDataset}).
   */
  private static Dataset loadStore(StoreUrl url, ReaderOptions flags, LoadOptions options, Progress progress) {
    try (JdbcRatingStore store = JdbcRatingStore.open(url)) {
      String source = store.seedSource().orElseThrow(() -> new CinerecException("the ratings store "
          + url.display() + " does not record the dataset it was seeded from (or was never seeded): serve a model "
          + "with it first (cinerec serve MODEL --data DATA --store " + url.display() + ")"));
      Path seedPath = resolve(Path.of(source));
      if (!Files.exists(seedPath)) {
        throw new CinerecException("the ratings store " + url.display() + " was seeded from " + source
            + ", which is no longer there; the store needs it for the catalogue and the rating scale");
      }
      // the seed data is read again the way the server read it (a CSV's column mapping ...), flags over that
      LoadOptions read = store.seedReadOptions().map(recorded -> flags != null ? flags.over(recorded) : recorded)
          .orElse(options);
      return StoreDataset.read(store, DataSources.load(seedPath, read, progress));
    }
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
