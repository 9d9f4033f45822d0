package org.cinerec.cli;

import org.cinerec.data.RatingScale;
import org.cinerec.io.ColumnMapping;
import org.cinerec.io.LoadOptions;
import picocli.CommandLine.Option;

/**
 * How to read data: the one group of reader flags every command that reads data takes (a picocli mixin,
 * inside {@link DataOptions} for commands whose DATA is their first argument, and beside a
 * {@code --data DATA} option in {@code evaluate} and {@code demo}). A flag not given is null, so that
 * the reader settings a model file recorded can fill the gaps ({@link #over}).
 */
public final class ReaderOptions {

  @Option(names = "--format", paramLabel = "FORMAT",
      description = "Input format (default: detected from the contents): movielens-csv, kaggle-movies, "
          + "movielens-100k, movielens-dat, netflix-prize, jsonl, ratings-csv, csv, cinerec-dataset.")
  String format;

  @Option(names = "--scale", paramLabel = "MIN:MAX[:STEP]",
      description = "The rating scale, e.g. 0:10 or 0.5:5:0.5; rows off it are dropped (out-of-scale). Default: "
          + "the format's (movielens-csv and kaggle-movies 0.5:5:0.5, movielens-100k and netflix-prize 1:5:1), else read off "
          + "the data (nothing dropped).")
  String scale;

  @Option(names = "--strict", negatable = true, description = "Fail on the first bad row (file:line:column and "
      + "why) instead of dropping and counting it (--no-strict: drop and count, over a model's recorded setting).")
  Boolean strict;

  @Option(names = "--require-metadata", negatable = true, description = "Drop ratings of movies without metadata "
      + "(as the Kaggle notebook did) instead of keeping them with a placeholder title (--no-require-metadata: "
      + "keep them, over a model's recorded setting).")
  Boolean requireMetadata;

  @Option(names = "--user-col", paramLabel = "COL", description = "Generic CSV: user id column (header name or 1-based position).")
  String userCol;

  @Option(names = "--item-col", paramLabel = "COL", description = "Generic CSV: movie id column (name or position).")
  String itemCol;

  @Option(names = "--rating-col", paramLabel = "COL", description = "Generic CSV: rating column (name or position).")
  String ratingCol;

  @Option(names = "--time-col", paramLabel = "COL",
      description = "Generic CSV: time column, in Unix seconds or ISO-8601 (name or position; 'none' when absent).")
  String timeCol;

  @Option(names = "--delimiter", paramLabel = "D",
      description = "Generic CSV: field delimiter (',' ';' '|' 'tab' '::'; default: detected from the first line).")
  String delimiter;

  @Option(names = "--no-header", description = "Generic CSV: the first line is data, not a header.")
  Boolean noHeader;

  /** The load options these flags stand for (defaults for flags not given). */
  public LoadOptions options() {
    return over(null);
  }

  /**
   * These flags over {@code recorded} (the settings a model file recorded, or null): each flag given
   * replaces the recorded value; a column flag replaces the whole recorded mapping's field only.
   */
  public LoadOptions over(LoadOptions recorded) {
    LoadOptions base = recorded != null ? recorded : LoadOptions.defaults();
    ColumnMapping rc = base.columns();
    boolean mapping = userCol != null || itemCol != null || ratingCol != null || timeCol != null
        || delimiter != null || noHeader != null;
    ColumnMapping columns = rc;
    if (mapping) {
      ColumnMapping b = rc != null ? rc : ColumnMapping.defaults();
      columns = new ColumnMapping(userCol != null ? userCol : b.user(), itemCol != null ? itemCol : b.item(),
          ratingCol != null ? ratingCol : b.rating(), timeCol != null ? timeCol : b.time(),
          delimiter != null ? delimiter : b.delimiter(), noHeader != null ? !noHeader : b.header());
    }
    RatingScale s = scale != null ? RatingScale.parse(scale, "--scale") : base.scale();
    // column flags name a generic CSV's columns: over a recorded MovieLens format the format is detected again
    String f = format != null ? format : mapping && rc == null ? null : base.format();
    return new LoadOptions(f,
        strict != null ? strict : base.strict(),
        requireMetadata != null ? requireMetadata : base.requireMetadata(), columns, s);
  }

  /** True when any reader flag was given. */
  public boolean any() {
    return format != null || scale != null || strict != null || requireMetadata != null || userCol != null
        || itemCol != null || ratingCol != null || timeCol != null || delimiter != null || noHeader != null;
  }

  /** The flags given, as they would be typed again ("--format csv --delimiter ::"), for messages. */
  public String given() {
    StringBuilder sb = new StringBuilder();
    add(sb, "--format", format);
    add(sb, "--scale", scale);
    add(sb, "--user-col", userCol);
    add(sb, "--item-col", itemCol);
    add(sb, "--rating-col", ratingCol);
    add(sb, "--time-col", timeCol);
    add(sb, "--delimiter", delimiter);
    if (Boolean.TRUE.equals(noHeader)) {
      sb.append(" --no-header");
    }
    if (Boolean.TRUE.equals(requireMetadata)) {
      sb.append(" --require-metadata");
    }
    return sb.toString();
  }

  /** The same settings as flags ("--format csv --delimiter ::"), for messages. */
  static String flags(LoadOptions o) {
    StringBuilder sb = new StringBuilder();
    add(sb, "--format", o.format());
    add(sb, "--scale", o.scale() == null ? null : o.scale().spec());
    ColumnMapping c = o.columns();
    if (c != null) {
      add(sb, "--user-col", c.user());
      add(sb, "--item-col", c.item());
      add(sb, "--rating-col", c.rating());
      add(sb, "--time-col", c.time());
      add(sb, "--delimiter", c.delimiter());
      if (!c.header()) {
        sb.append(" --no-header");
      }
    }
    if (o.requireMetadata()) {
      sb.append(" --require-metadata");
    }
    return sb.toString();
  }

  private static void add(StringBuilder sb, String flag, String value) {
    if (value != null) {
      sb.append(' ').append(flag).append(' ').append(Shell.quote(value));
    }
  }
}
