package org.cinerec.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.cinerec.CinerecException;
import org.cinerec.data.DataFingerprint;
import org.cinerec.data.Dataset;
import org.cinerec.io.DataRecord;
import org.cinerec.io.LoadOptions;
import org.cinerec.eval.EvaluationReport;
import org.cinerec.eval.Evaluator;
import org.cinerec.model.ModelInfo;
import org.cinerec.model.Recommender;
import org.cinerec.split.Split;
import org.cinerec.split.SplitSpec;
import org.cinerec.model.ModelFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cinerec evaluate MODEL [--data DATA]}: reads the data the model was trained on the way it was
 * read then (the path and reader settings recorded in the model file; reader flags given override them),
 * cuts it with the split recorded in the model (or {@code --split}), checks that it is the data the model
 * was trained on (the data fingerprint of the whole data and of the training part: a difference is an
 * error unless {@code --force}), and evaluates on the held-out part.
 *
 * <p>Where the data is: {@code --data} when given (read with the recorded reader settings too, so moved or
 * copied data needs no flags, unless it is a dataset file, which carries its own), else the recorded path tried against the working folder, then the model file's folder,
 * then the recorded absolute path ({@link DataRecord#locate}).
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Evaluate a saved model on the held-out part of its data.",
        "DATA defaults to the data recorded in the model file, read with the reader settings recorded there "
            + "(reader flags given override them). By default DATA is cut with the split recorded in the model "
            + "file by train, so the test part is exactly the ratings the model did not see; data that is not "
            + "the model's (its fingerprint differs) is an error unless --force. Metrics: RMSE/MAE (clipped to "
            + "the rating scale), TFRS top-K accuracy (K = 1, 5, 10, 50, 100; all catalogue movies and excluding "
            + "the user's training movies), and per-user top-N metrics over every movie the user did not rate in "
            + "training."})
final class EvaluateCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MODEL", description = "Model file written by train.")
  Path modelFile;

  @Option(names = "--data", paramLabel = "DATA", description = "The data the model was trained on. Default: the "
      + "data recorded in the model file, looked for as given, then beside the model file, then at its absolute "
      + "path.")
  Path data;

  @Mixin
  ReaderOptions reader = new ReaderOptions();

  @Option(names = "--split", paramLabel = "SPEC",
      description = "Cut DATA this way instead of with the model's recorded split (" + SplitSpec.FORMS + ").")
  String split;

  @Option(names = "--force", description = "Evaluate even when DATA is not the data the model was trained on "
      + "(its fingerprint differs): a warning instead of an error.")
  boolean force;

  @Mixin
  EvalFlags eval;

  @Option(names = "--json", description = "Print the report as JSON.")
  boolean json;

  /**
   * The data a format-1 model was trained on, from its source files: the folder holding all of them, or
   * its one file, as recorded (relative paths stay relative). Usage error when there is none.
   */
  static String recordedData(ModelInfo info) {
    java.util.List<String> sources = info == null ? java.util.List.of() : info.dataSources();
    if (sources.isEmpty()) {
      throw CinerecException.usage("the model file does not record where its data came from; pass --data DATA");
    }
    Path first = Path.of(sources.get(0));
    if (sources.size() == 1) {
      return first.toString();
    }
    Path folder = first.toAbsolutePath().getParent();
    for (String s : sources) {
      if (!Path.of(s).toAbsolutePath().getParent().equals(folder)) {
        throw CinerecException.usage("the model's data came from several folders (" + String.join(", ", sources)
            + "); pass --data DATA");
      }
    }
    Path parent = first.getParent();
    return parent == null ? "." : parent.toString();
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ModelFiles.Saved saved = CliSupport.loadModel(modelFile);
    Recommender model = saved.model();
    ModelInfo info = model.info();
    String recorded = info == null ? null : info.split();
    String use = split != null ? split : recorded;
    if (use == null || use.equalsIgnoreCase("none")) {
      throw CinerecException.usage(modelFile + " records " + (use == null ? "no split" : "that it was trained on all "
          + "of its data (--split none)") + "; pass --split SPEC to say which part of DATA to evaluate on");
    }
    DataRecord rec = info == null ? null : info.data();
    Path modelFolder = modelFile.toAbsolutePath().getParent();
    Path source;
    LoadOptions options;
    if (data != null) {
      source = DataOptions.resolve(data);
      // the recorded settings read moved or copied data too; a dataset file carries its own reading
      options = reader.over(CliSupport.recordedOptions(model, source));
    } else if (rec != null) {
      source = rec.locate(modelFolder);
      options = reader.over(rec.read());
    } else {
      String old = recordedData(info);
      source = new DataRecord(old, Path.of(old).toAbsolutePath().toString(), null, 0, 0).locate(modelFolder);
      options = reader.options();
    }
    Dataset all = CliSupport.loadData(source, options, err);
    if (rec != null) {
      long fp = DataFingerprint.of(all);
      if (fp != rec.fingerprint()) {
        mismatch(err, source + " is not the data " + modelFile + " was trained on: fingerprint "
            + DataFingerprint.hex(fp) + " (" + count(all.ratings().size()) + ") vs " + DataFingerprint.hex(rec.fingerprint())
            + " (" + count(rec.ratings()) + ") recorded from " + rec.path()
            + ReaderOptions.flags(rec.read()));
      }
    }
    SplitSpec useSpec = SplitSpec.parse(use);
    Split parts = useSpec.apply(all);
    Dataset trainSet = parts.trainSet(all);
    if (info != null && info.dataFingerprint() != 0) {
      long fp = DataFingerprint.of(trainSet);
      if (fp != info.dataFingerprint()) {
        mismatch(err, "the training part of " + source + " under split " + parts.spec() + " is not the data "
            + modelFile + " was trained on (" + count(parts.train().size()) + " vs " + count(info.trainRatings())
            + ", fingerprints differ); the test part may hold ratings the model saw");
      }
    } else if (info != null) {
      err.println("warning: " + modelFile + " records no comparable data fingerprint (model file format 1), so "
          + "cannot check that " + source + " is its training data; re-train it to record one");
    }
    EvaluationReport report = new Evaluator(eval.options().forSplit(useSpec)).evaluate(model, trainSet, parts.test())
        .withProtocol(parts.spec())
        .withFitSeconds(info == null ? 0 : info.trainSeconds());
    if (json) {
      com.fasterxml.jackson.databind.node.ObjectNode tree = CliSupport.JSON.valueToTree(report);
      tree.set("data", CliSupport.JSON.valueToTree(CliSupport.dataJson(all, source)));
      CliSupport.printJson(out, tree);
    } else {
      out.print(report.toTable());
    }
    return 0;
  }

  /** A data mismatch: an error (exit 1) naming both data, or with {@code --force} a warning. */
  private void mismatch(PrintWriter err, String message) {
    if (!force) {
      throw new CinerecException(message + "; pass --force to evaluate anyway");
    }
    err.println("warning: " + message + " (evaluating anyway: --force)");
    err.flush();
  }

  private static String count(long n) {
    return String.format(java.util.Locale.ROOT, "%,d ratings", n);
  }

}
