package org.cinerec.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.cinerec.data.Dataset;
import org.cinerec.data.Ratings;
import org.cinerec.eval.EvaluationReport;
import org.cinerec.eval.Evaluator;
import org.cinerec.io.DataRecord;
import org.cinerec.model.ModelFamilies;
import org.cinerec.model.Recommender;
import org.cinerec.model.Trainer;
import org.cinerec.split.Split;
import org.cinerec.split.SplitSpec;
import org.cinerec.store.ModelFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cinerec train DATA --model KIND}: splits DATA, trains on the training part (the held-out part is
 * the validation data of the per-epoch metrics, as the notebook's {@code fit(validation_data=test)}),
 * records the split in the model file so {@code evaluate} finds the same test part, saves the model,
 * then evaluates it on the held-out part.
 */
@Command(name = "train", mixinStandardHelpOptions = true, modelTransformer = ModelFlags.class,
    sortOptions = false,
    description = {"Train a model on DATA and save it.",
        "DATA is split first (--split, default shuffled 80/20 with seed 42); the model trains on the training "
            + "part, reports per-epoch metrics on the held-out part, records the split in the model file, "
            + "and is evaluated on the held-out part at the end. Model parameters follow the common options; "
            + "each names the models that take it."})
final class TrainCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  DataOptions dataOptions;

  @Option(names = "--model", required = true, paramLabel = "KIND",
      description = "Model to train: ${COMPLETION-CANDIDATES}.", completionCandidates = Kinds.class)
  String model;

  @Option(names = "--out", paramLabel = "FILE", description = "Model file to write. Default: KIND.cinerec.")
  Path out;

  @Option(names = "--split", paramLabel = "SPEC", defaultValue = SplitSpec.DEFAULT,
      description = "How to cut DATA into train and test: " + SplitSpec.FORMS + ", or none (train on "
          + "everything, no evaluation). Default: ${DEFAULT-VALUE}.")
  String split;

  @Option(names = "--no-eval", description = "Skip the evaluation on the held-out part.")
  boolean noEval;

  @Option(names = "--json", description = "Print the result as JSON (epoch lines go to stderr).")
  boolean json;

  /** The registered model kinds, for help. */
  static final class Kinds implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return ModelFamilies.all().stream().map(f -> f.kind()).iterator();
    }
  }

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Trainer trainer = ModelFamilies.trainer(model, ModelFlags.given(spec));
    Path data = dataOptions.path();
    Dataset all = CliSupport.loadData(dataOptions, spec.commandLine().getErr());
    boolean none = split.strip().equalsIgnoreCase("none");
    Split parts = none ? null : SplitSpec.parse(split).apply(all);
    Dataset train = none ? all : parts.trainSet(all);
    Ratings test = none ? null : parts.test();
    String splitSpec = none ? "none" : parts.spec();
    if (!json) {
      stdout.printf("%s: %,d ratings, %,d users, %,d movies; split %s: %,d training, %,d held out%n", data,
          all.ratings().size(), all.numUsers(), all.numItems(), splitSpec, train.ratings().size(),
          test == null ? 0 : test.size());
      stdout.println("parameters: " + trainer.params());
    }
    long t0 = System.nanoTime();
    Recommender fitted;
    try (ProgressBars bars = ProgressBars.stderr()) {
      fitted = trainer.fit(train, test, new TextProgress(bars, json ? err : stdout));
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    Recommender model = new InfoOverride(fitted, fitted.info().withSplit(splitSpec)
        .withData(DataRecord.of(dataOptions.given().toString(), data, dataOptions.options(), all)));
    Path file = out != null ? out : Path.of(this.model + ".cinerec");
    ModelFile.save(file, model, all.catalog());
    EvaluationReport report = null;
    if (!noEval && test != null) {
      report = new Evaluator().evaluate(fitted, train, test).withFitSeconds(seconds).withProtocol(splitSpec);
    }
    if (json) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("data", CliSupport.dataJson(all, data));
      result.put("model", model.kind());
      result.put("params", trainer.params().asJson());
      result.put("split", splitSpec);
      result.put("trainRatings", train.ratings().size());
      result.put("testRatings", test == null ? 0 : test.size());
      result.put("fitSeconds", seconds);
      result.put("history", model.info().history());
      result.put("modelFile", file.toString());
      result.put("evaluation", report);
      CliSupport.printJson(stdout, result);
    } else {
      stdout.printf("trained %s in %.2f s; saved to %s%n", model.kind(), seconds, file);
      if (report != null) {
        stdout.print(report.toTable());
      }
    }
    return 0;
  }
}
