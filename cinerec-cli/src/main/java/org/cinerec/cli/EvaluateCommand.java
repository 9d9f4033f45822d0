package org.cinerec.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.cinerec.CinerecException;
import org.cinerec.data.Dataset;
import org.cinerec.eval.EvaluationReport;
import org.cinerec.eval.Evaluator;
import org.cinerec.model.ModelInfo;
import org.cinerec.model.Recommender;
import org.cinerec.split.Split;
import org.cinerec.split.SplitSpec;
import org.cinerec.store.ModelFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code cinerec evaluate MODEL --data DATA}: cuts DATA with the split recorded in the model (or
 * {@code --split}), checks that the training part is the data the model was trained on (fingerprint),
 * and evaluates on the held-out part.
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Evaluate a saved model on the held-out part of its data.",
        "DATA defaults to the data recorded in the model file. By default DATA is cut with the split recorded in the model file by train, so the test part is "
            + "exactly the ratings the model did not see. Metrics: RMSE/MAE (clipped to the training rating "
            + "range), TFRS top-K accuracy (K = 1, 5, 10, 50, 100; all catalogue movies and excluding the "
            + "user's training movies), and per-user top-N metrics over every movie the user did not rate in "
            + "training."})
final class EvaluateCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "MODEL", description = "Model file written by train.")
  Path modelFile;

  @Option(names = "--data", paramLabel = "DATA", description = "The data the model was trained on. Default: the "
      + "data recorded in the model file (its source folder or file), when it is still there.")
  Path data;

  @Option(names = "--split", paramLabel = "SPEC",
      description = "Cut DATA this way instead of with the model's recorded split (" + SplitSpec.FORMS + ").")
  String split;

  @Mixin
  EvalFlags eval;

  @Option(names = "--json", description = "Print the report as JSON.")
  boolean json;

  /**
   * The data a model was trained on, from its provenance: the folder holding all its source files, or
   * its one source file. Usage error when there is none or it is gone.
   */
  static Path recordedData(ModelInfo info) {
    java.util.List<String> sources = info == null ? java.util.List.of() : info.dataSources();
    if (sources.isEmpty()) {
      throw CinerecException.usage("the model file does not record where its data came from; pass --data DATA");
    }
    Path first = Path.of(sources.get(0)).toAbsolutePath();
    Path candidate = first;
    if (sources.size() > 1) {
      candidate = first.getParent();
      for (String s : sources) {
        if (!Path.of(s).toAbsolutePath().getParent().equals(candidate)) {
          throw CinerecException.usage("the model's data came from several folders (" + String.join(", ", sources)
              + "); pass --data DATA");
        }
      }
    }
    if (candidate == null || !java.nio.file.Files.exists(candidate)) {
      throw CinerecException.usage("the data the model was trained on (" + candidate + ") is not there any more; "
          + "pass --data DATA");
    }
    return candidate;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ModelFile.Saved saved = CliSupport.loadModel(modelFile);
    Recommender model = saved.model();
    ModelInfo info = model.info();
    String recorded = info == null ? null : info.split();
    String use = split != null ? split : recorded;
    if (use == null || use.equalsIgnoreCase("none")) {
      throw CinerecException.usage(modelFile + " records " + (use == null ? "no split" : "that it was trained on all "
          + "of its data (--split none)") + "; pass --split SPEC to say which part of DATA to evaluate on");
    }
    Path source = data != null ? data : recordedData(info);
    Dataset all = CliSupport.loadData(source);
    Split parts = SplitSpec.parse(use).apply(all);
    if (info != null && parts.train().fingerprint() != info.dataFingerprint()) {
      err.println("warning: the training part of " + source + " under split " + parts.spec() + " is not the data "
          + modelFile + " was trained on (" + parts.train().size() + " vs " + info.trainRatings()
          + " ratings, fingerprints differ); test ratings may include ratings the model saw");
    }
    EvaluationReport report = new Evaluator(eval.options()).evaluate(model, parts.trainSet(all), parts.test())
        .withProtocol(parts.spec())
        .withFitSeconds(info == null ? 0 : info.trainSeconds());
    if (json) {
      CliSupport.printJson(out, report);
    } else {
      out.print(report.toTable());
    }
    return 0;
  }
}
