package org.cinerec.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cinerec.CinerecException;
import org.cinerec.split.SplitSpec;

/**
 * An evaluation protocol: one or more train/test splits of the same data. Text forms ({@code --protocol}):
 * <ul>
 *   <li>{@code holdout} — the shuffled 80/20 split with seed 42 ({@code random:0.2:42}, the notebook's);
 *       {@code holdout:F:SEED} another fraction and seed;</li>
 *   <li>{@code kfold:K[:SEED]} — K-fold cross-validation over one shuffle (seed 42 by default): every fold
 *       is the test set once, results are mean ± std over the folds;</li>
 *   <li>{@code temporal:N} — per user, the N latest ratings are test (the top-N standard);</li>
 *   <li>any other {@link SplitSpec} form (e.g. {@code kfold:5:42:3} is fold 3 alone,
 *       {@code files:train.csv,test.csv}).</li>
 * </ul>
 *
 * @param text  the text as given
 * @param folds the splits, in order
 */
public record Protocol(String text, List<SplitSpec> folds) {

  public Protocol {
    folds = List.copyOf(folds);
  }

  /** Parses a protocol; errors are usage errors naming {@code --protocol}. */
  public static Protocol parse(String text) {
    if (text == null || text.isBlank()) {
      throw CinerecException.usage("--protocol is empty; use holdout, kfold:K[:SEED], temporal:N or a split spec ("
          + SplitSpec.FORMS + ")");
    }
    String t = text.strip();
    String lower = t.toLowerCase(Locale.ROOT);
    try {
      if (lower.equals("holdout")) {
        return new Protocol(t, List.of(SplitSpec.parse(SplitSpec.DEFAULT)));
      }
      if (lower.startsWith("holdout:")) {
        return new Protocol(t, List.of(SplitSpec.parse("random:" + t.substring("holdout:".length()))));
      }
      if (lower.startsWith("kfold:") && t.split(":", -1).length <= 3) {
        String[] p = t.split(":", -1);
        SplitSpec first = SplitSpec.parse(p.length == 2 ? t + ":42" : t);
        List<SplitSpec> all = new ArrayList<>();
        for (int i = 0; i < first.folds(); i++) {
          all.add(first.fold(i));
        }
        return new Protocol(t, all);
      }
      return new Protocol(t, List.of(SplitSpec.parse(t)));
    } catch (CinerecException e) {
      throw CinerecException.usage(e.getMessage().replace("--split", "--protocol")
          + " (or holdout[:F:SEED], kfold:K[:SEED])");
    }
  }

  /** A short canonical description, e.g. {@code "kfold:5:42 (5 folds)"}. */
  public String describe() {
    return folds.size() == 1 ? folds.get(0).spec() : text + " (" + folds.size() + " folds)";
  }
}
