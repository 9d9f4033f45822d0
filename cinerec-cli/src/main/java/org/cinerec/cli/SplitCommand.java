package org.cinerec.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.cinerec.CinerecException;
import org.cinerec.data.Dataset;
import org.cinerec.data.Ratings;
import org.cinerec.split.Split;
import org.cinerec.split.SplitSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Splits DATA into train.csv and test.csv. */
@Command(name = "split", mixinStandardHelpOptions = true,
    description = {"Split DATA into train and test and write DIR/train.csv and DIR/test.csv (userId,movieId,rating,"
        + "timestamp), which --split files:DIR/train.csv,DIR/test.csv reads back as the same split.",
        "SPEC: random:FRACTION:SEED (shuffled holdout, the default random:0.2:42), ordered:FRACTION (file order: "
            + "the notebook's take/skip, whole users only in test), kfold:K:SEED[:FOLD], temporal:N (each user's N "
            + "latest ratings are test), temporal-fraction:FRACTION, stratified:FRACTION:SEED (per user, a "
            + "seeded random share is test, as Microsoft Recommenders' python_stratified_split), items:FRACTION:SEED (item cold "
            + "start: whole movies held out, picked by a hash of seed and movie id; evaluations rank only movies "
            + "nobody rated in training), files:TRAIN.csv,TEST.csv.",
        "Example: cinerec split ../shared/data/ml-latest-small --split temporal:10 --out split-t10"})
final class SplitCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  DataOptions data;

  @Option(names = "--split", paramLabel = "SPEC", defaultValue = SplitSpec.DEFAULT,
      description = "How to split (see above). Default: ${DEFAULT-VALUE}.")
  String split;

  @Option(names = {"-o", "--out"}, paramLabel = "DIR", required = true, description = "Folder for train.csv and test.csv.")
  Path out;

  @Option(names = "--all-folds", description = "For kfold: write every fold into DIR/fold-0 .. DIR/fold-(K-1).")
  boolean allFolds;

  @Override
  public Integer call() {
    PrintWriter w = spec.commandLine().getOut();
    SplitSpec s = SplitSpec.parse(split);
    if (allFolds && s.folds() == 1) {
      throw CinerecException.usage("--all-folds needs a kfold:K:SEED split, not " + s.spec());
    }
    Dataset d = CliSupport.loadData(data, spec.commandLine().getErr());
    try (ProgressBars bars = ProgressBars.stderr()) {
      if (allFolds) {
        for (int f = 0; f < s.folds(); f++) {
          write(w, d, s.fold(f).apply(d), out.resolve("fold-" + f), bars);
        }
      } else {
        write(w, d, s.apply(d), out, bars);
      }
    }
    return 0;
  }

  private static void write(PrintWriter w, Dataset d, Split parts, Path dir, ProgressBars bars) {
    parts.writeCsv(dir, d, bars);
    w.printf(Locale.ROOT, "split %s: train %s, test %s; %,d test users have no training rating%n", parts.spec(),
        describe(parts.train()), describe(parts.test()), unseen(parts));
    w.printf(Locale.ROOT, "wrote %s and %s%n", dir.resolve("train.csv"), dir.resolve("test.csv"));
  }

  static String describe(Ratings r) {
    return String.format(Locale.ROOT, "%,d ratings (%,d users, %,d movies)", r.size(), r.activeUsers(), r.activeItems());
  }

  static int unseen(Split parts) {
    BitSet train = new BitSet();
    for (int u : parts.train().users()) {
      train.set(u);
    }
    BitSet test = new BitSet();
    for (int u : parts.test().users()) {
      test.set(u);
    }
    test.andNot(train);
    return test.cardinality();
  }
}
