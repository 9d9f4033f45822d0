package org.cinerec.cli;

import java.nio.file.Path;
import org.cinerec.CinerecException;
import org.cinerec.Progress;
import org.cinerec.data.Dataset;
import org.cinerec.io.ColumnMapping;
import org.cinerec.io.DataSources;
import org.cinerec.io.LoadOptions;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The data options every data-reading command shares (a picocli mixin): the DATA path and how to read
 * it. Use as {@code @Mixin DataOptions data;} then {@code data.load(progress)}.
 */
public final class DataOptions {

  @Parameters(index = "0", arity = "0..1", paramLabel = "DATA",
      description = "Data folder or file: MovieLens CSV (ml-latest-small, ml-25m, ...), MovieLens 100K/1M/10M, "
          + "Kaggle \"The Movies Dataset\", a ratings CSV/TSV, or a dataset file written by 'cinerec prepare'.")
  Path path;

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "Input format (default: detected from the contents): movielens-csv, kaggle-movies, "
          + "movielens-100k, movielens-dat, ratings-csv, csv, cinerec-dataset.")
  String format;

  @Option(names = "--strict", description = "Fail on the first bad row (file:line:column and why) instead of "
      + "dropping and counting it.")
  boolean strict;

  @Option(names = "--require-metadata", description = "Drop ratings of movies without metadata (as the Kaggle "
      + "notebook did) instead of keeping them with a placeholder title.")
  boolean requireMetadata;

  @Option(names = "--user-col", paramLabel = "COL", description = "Generic CSV: user id column (header name or 1-based position).")
  String userCol;

  @Option(names = "--item-col", paramLabel = "COL", description = "Generic CSV: movie id column (name or position).")
  String itemCol;

  @Option(names = "--rating-col", paramLabel = "COL", description = "Generic CSV: rating column (name or position).")
  String ratingCol;

  @Option(names = "--time-col", paramLabel = "COL",
      description = "Generic CSV: timestamp column in Unix seconds (name or position; 'none' when absent).")
  String timeCol;

  @Option(names = "--delimiter", paramLabel = "D",
      description = "Generic CSV: field delimiter (',' ';' '|' 'tab' '::'; default: detected from the first line).")
  String delimiter;

  @Option(names = "--no-header", description = "Generic CSV: the first line is data, not a header.")
  boolean noHeader;

  /** The DATA path, or a usage error when it was not given. */
  public Path path() {
    if (path == null) {
      throw CinerecException.usage("missing DATA: give a data folder or file (e.g. ../shared/data/ml-latest-small)");
    }
    return path;
  }

  /** True when DATA was given. */
  public boolean given() {
    return path != null;
  }

  /** The load options these flags stand for. */
  public LoadOptions options() {
    boolean mapping = userCol != null || itemCol != null || ratingCol != null || timeCol != null
        || delimiter != null || noHeader;
    ColumnMapping columns = mapping
        ? new ColumnMapping(userCol, itemCol, ratingCol, timeCol, delimiter, !noHeader) : null;
    return new LoadOptions(format, strict, requireMetadata, columns);
  }

  /** Reads and prepares DATA. */
  public Dataset load(Progress progress) {
    return DataSources.load(path(), options(), progress);
  }
}
