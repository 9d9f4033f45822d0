package org.cinerec.split;

import java.nio.file.Path;
import java.util.Locale;
import org.cinerec.CinerecException;
import org.cinerec.data.Dataset;

/**
 * How to split a dataset into train and test, in the textual form used by {@code --split} and stored in
 * model files. {@link #spec()} is canonical: {@code parse(s.spec()).spec().equals(s.spec())}.
 *
 * <table>
 * <caption>Forms</caption>
 * <tr><td>{@code random:F:SEED}</td><td>shuffle all rows with SEED, the first {@code floor(n*(1-F))} are
 *   train, the rest test (the default {@code random:0.2:42}, as the TFRS tutorials do)</td></tr>
 * <tr><td>{@code hash:F:SEED}</td><td>each rating on its own: test when a hash of (SEED, user id, movie
 *   id) falls in the lowest fraction F ({@link HashSplit}); what a cluster job computes per row</td></tr>
 * <tr><td>{@code ordered:F}</td><td>file order, no shuffle: the notebook's take/skip, which on a file
 *   sorted by user puts whole users only in the test set (for reproducing the notebook)</td></tr>
 * <tr><td>{@code kfold:K:SEED[:I]}</td><td>k-fold cross-validation over one shuffle; fold I (0-based,
 *   default 0) is the test set</td></tr>
 * <tr><td>{@code temporal:N}</td><td>per user, the N latest ratings (ties by row order) are test</td></tr>
 * <tr><td>{@code stratified:F:SEED}</td><td>per user, a seeded random {@code n_u - floor(n_u*(1-F))} of
 *   the user's ratings are test, as Microsoft Recommenders' {@code python_stratified_split}; users with one
 *   rating stay in training ({@link StratifiedSplit})</td></tr>
 * <tr><td>{@code items:F:SEED}</td><td>item cold start: about a fraction F of the movies, chosen by a hash of
 *   (SEED, movie id), are held out with all their ratings; the evaluator ranks only movies without training
 *   ratings for it ({@link ItemsSplit})</td></tr>
 * <tr><td>{@code temporal-fraction:F}</td><td>per user, the latest {@code n_u - floor(n_u*(1-F))}
 *   ratings are test</td></tr>
 * <tr><td>{@code files:TRAIN.csv,TEST.csv}</td><td>the rows listed in two CSV files (as
 *   {@code peers/split.py} writes them), matched to the data by (userId, movieId)</td></tr>
 * </table>
 */
public interface SplitSpec {

  /** The default: shuffled 80/20 holdout with seed 42. */
  String DEFAULT = "random:0.2:42";

  /** The forms, for help texts and error messages. */
  String FORMS = "random:FRACTION:SEED, hash:FRACTION:SEED, ordered:FRACTION, kfold:K:SEED[:FOLD], "
      + "stratified:FRACTION:SEED, items:FRACTION:SEED, temporal:N, temporal-fraction:FRACTION or files:TRAIN.csv,TEST.csv";

  /** Canonical text of this spec. */
  String spec();

  /** Number of folds: K for k-fold, else 1. */
  default int folds() {
    return 1;
  }

  /**
   * The spec of fold {@code i} in {@code 0..folds()-1}: for k-fold the same shuffle with fold i as the
   * test set; for the others (one fold) this spec itself.
   */
  default SplitSpec fold(int i) {
    if (i != 0) {
      throw new IllegalArgumentException("fold " + i + " of a one-fold split " + spec());
    }
    return this;
  }

  /**
   * Whether the split holds out whole movies ({@link ItemsSplit}): its test movies have no training
   * ratings, and an evaluation ranks only such movies (item cold start), not the whole catalogue.
   */
  default boolean holdsOutMovies() {
    return false;
  }

  /** Splits the data (for k-fold: the fold this spec names). */
  Split apply(Dataset data);

  /** Parses a spec; a bad one is a usage error naming --split and the accepted forms. */
  static SplitSpec parse(String text) {
    if (text == null || text.isBlank()) {
      throw bad(text, "it is empty");
    }
    String s = text.strip();
    int colon = s.indexOf(':');
    String kind = (colon < 0 ? s : s.substring(0, colon)).toLowerCase(Locale.ROOT);
    String rest = colon < 0 ? "" : s.substring(colon + 1);
    if (kind.equals("files")) {
      int comma = rest.lastIndexOf(',');
      if (comma <= 0 || comma == rest.length() - 1) {
        throw bad(text, "files needs two paths: files:TRAIN.csv,TEST.csv");
      }
      return new FileSplit(Path.of(rest.substring(0, comma).strip()), Path.of(rest.substring(comma + 1).strip()));
    }
    String[] p = rest.isEmpty() ? new String[0] : rest.split(":", -1);
    return switch (kind) {
      case "random" -> {
        arity(text, p, 1, 2);
        yield new HoldoutSplit(true, fraction(text, p[0]), p.length > 1 ? seed(text, p[1]) : 42);
      }
      case "hash" -> {
        arity(text, p, 1, 2);
        yield new HashSplit(fraction(text, p[0]), p.length > 1 ? seed(text, p[1]) : 42);
      }
      case "stratified" -> {
        arity(text, p, 1, 2);
        yield new StratifiedSplit(fraction(text, p[0]), p.length > 1 ? seed(text, p[1]) : 42);
      }
      case "items" -> {
        arity(text, p, 1, 2);
        yield new ItemsSplit(fraction(text, p[0]), p.length > 1 ? seed(text, p[1]) : 42);
      }
      case "ordered" -> {
        arity(text, p, 1, 1);
        yield new HoldoutSplit(false, fraction(text, p[0]), 0);
      }
      case "kfold" -> {
        arity(text, p, 1, 3);
        int k = integer(text, p[0], "K", 2);
        long seed = p.length > 1 ? seed(text, p[1]) : 42;
        int fold = p.length > 2 ? integer(text, p[2], "FOLD", 0) : 0;
        if (fold >= k) {
          throw bad(text, "FOLD " + fold + " must be below K " + k + " (folds are numbered 0.." + (k - 1) + ")");
        }
        yield new KFoldSplit(k, seed, fold);
      }
      case "temporal" -> {
        arity(text, p, 1, 1);
        yield TemporalSplit.lastN(integer(text, p[0], "N", 1));
      }
      case "temporal-fraction" -> {
        arity(text, p, 1, 1);
        yield TemporalSplit.lastFraction(fraction(text, p[0]));
      }
      default -> throw bad(text, "unknown kind \"" + kind + "\"");
    };
  }

  private static void arity(String text, String[] parts, int min, int max) {
    if (parts.length < min || parts.length > max) {
      throw bad(text, "expected " + (min == max ? min : min + " to " + max) + " value(s) after the kind, got "
          + parts.length);
    }
  }

  private static double fraction(String text, String v) {
    double f;
    try {
      f = Double.parseDouble(v.strip());
    } catch (NumberFormatException e) {
      throw bad(text, "FRACTION \"" + v + "\" is not a number");
    }
    if (!(f > 0 && f < 1)) {
      throw bad(text, "FRACTION " + v + " must be between 0 and 1 (exclusive), e.g. 0.2");
    }
    return f;
  }

  private static long seed(String text, String v) {
    try {
      return Long.parseLong(v.strip());
    } catch (NumberFormatException e) {
      throw bad(text, "SEED \"" + v + "\" is not an integer");
    }
  }

  private static int integer(String text, String v, String name, int min) {
    int n;
    try {
      n = Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      throw bad(text, name + " \"" + v + "\" is not an integer");
    }
    if (n < min) {
      throw bad(text, name + " " + n + " must be at least " + min);
    }
    return n;
  }

  private static CinerecException bad(String text, String why) {
    return CinerecException.usage("--split \"" + text + "\": " + why + "; use " + FORMS);
  }

  /** Formats a fraction without trailing zeros ("0.2", not "0.20000"). */
  static String fmt(double f) {
    String s = Double.toString(f);
    return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
  }
}
