package org.cinerec.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.cinerec.data.Dataset;
import org.cinerec.data.Ratings;
import org.cinerec.eval.EvaluationReport;
import org.cinerec.eval.Evaluator;
import org.cinerec.io.DataRecord;
import org.cinerec.model.ModelFamilies;
import org.cinerec.model.ModelInfo;
import org.cinerec.model.Recommender;
import org.cinerec.model.Trainer;
import org.cinerec.split.Split;
import org.cinerec.split.SplitSpec;
import org.cinerec.model.ModelFiles;
import org.cinerec.train.TrainingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cinerec train DATA --model KIND}: splits DATA, trains on the training part, records the split in
 * the model file so {@code evaluate} finds the same test part, saves the model, then evaluates it on the
 * held-out (test) part.
 *
 * <p>Per-epoch figures on the held-out part: the trainers get the test part as their {@code validation}
 * ratings (as the notebook's {@code fit(validation_data=test)}), so the epoch lines can show how the test
 * figures move; nothing is chosen on them (no early stopping, no epoch choice), so they do not leak into
 * training. Because they ARE the test set, the text output calls them {@code test_*} (the trainers and the
 * model history name them {@code val_*}) and says before the first epoch which set each prefix is measured
 * on and its size; a trainer's own validation part (multitask's early-stopping holdout) is announced by the
 * trainer ({@link TrainingListener#measuredOn}) and printed as {@code holdout_*}. The parameters line says
 * which preset ran, for models that have presets.
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
    CliSupport.checkOutput(out, "--out");
    Trainer trainer = ModelFamilies.trainer(model, ModelFlags.given(spec));
    Path data = dataOptions.path();
    Dataset all = CliSupport.loadData(dataOptions, spec.commandLine().getErr());
    boolean none = split.strip().equalsIgnoreCase("none");
    Split parts = none ? null : SplitSpec.parse(split).apply(all);
    Dataset train = none ? all : parts.trainSet(all);
    Ratings test = none ? null : parts.test();
    String splitSpec = none ? "none" : parts.spec();
    if (!json) {
      stdout.printf(Locale.ROOT, "%s: %,d ratings, %,d users, %,d movies; split %s: %,d training, %,d held out%n", data,
          all.ratings().size(), all.numUsers(), all.numItems(), splitSpec, train.ratings().size(),
          test == null ? 0 : test.size());
      String preset = presetLine(trainer, ModelFlags.given(spec));
      if (preset != null) {
        stdout.println(preset);
      }
      stdout.println("parameters: " + trainer.params());
    }
    long t0 = System.nanoTime();
    Recommender fitted;
    try (ProgressBars bars = ProgressBars.stderr()) {
      PrintWriter epochs = json ? err : stdout;
      fitted = trainer.fit(train, test, new SetNames(new TextProgress(bars, epochs), epochs,
          train.ratings().size(), test == null ? 0 : test.size()));
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    ModelInfo info = fitted.info().withSplit(splitSpec)
        .withData(DataRecord.of(dataOptions.given().toString(), data, dataOptions.options(), all));
    Path file = out != null ? out : Path.of(this.model + ".cinerec");
    ModelFiles.save(file, fitted, info, all.catalog());
    EvaluationReport report = null;
    if (!noEval && test != null) {
      report = new Evaluator(org.cinerec.eval.EvalOptions.defaults().forSplit(SplitSpec.parse(splitSpec)))
          .evaluate(fitted, train, test).withFitSeconds(seconds).withProtocol(splitSpec);
    }
    if (json) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("data", CliSupport.dataJson(all, data));
      result.put("model", fitted.kind());
      result.put("params", trainer.params().asJson());
      result.put("split", splitSpec);
      result.put("trainRatings", train.ratings().size());
      result.put("testRatings", test == null ? 0 : test.size());
      result.put("fitSeconds", seconds);
      result.put("history", info.history());
      result.put("modelFile", file.toString());
      result.put("evaluation", report);
      CliSupport.printJson(stdout, result);
    } else {
      stdout.printf(Locale.ROOT, "trained %s in %.2f s; saved to %s%n", fitted.kind(), seconds, file);
      if (report != null) {
        stdout.printf(Locale.ROOT, "final figures on test (%,d held-out ratings, %s):%n", test.size(), splitSpec);
        stdout.print(report.toTable());
      }
    }
    return 0;
  }

  /**
   * "preset: NAME (the default; also: OTHER)" when the model has a {@code preset} parameter, else null.
   */
  static String presetLine(Trainer trainer, Map<String, String> given) {
    if (!trainer.params().spec().has("preset")) {
      return null;
    }
    String name = trainer.params().getString("preset");
    java.util.List<String> others = trainer.params().spec().get("preset").choices().stream()
        .filter(c -> !c.equals(name)).toList();
    return "preset: " + name + (given.containsKey("preset") ? "" : " (the default)")
        + (others.isEmpty() ? "" : "; also --preset " + String.join(", ", others))
        + "; parameters given on the command line are kept";
  }

  /**
   * Names each per-epoch figure's set in the epoch lines: a legend before the first epoch (training part,
   * test part, any validation part the trainer announced, each with its size), and {@code val_*} (the test
   * part passed as validation data) printed as {@code test_*}.
   */
  static final class SetNames implements TrainingListener {
    private final TrainingListener next;
    private final PrintWriter out;
    private final long trainSize;
    private final long testSize;
    private final Map<String, String> announced = new LinkedHashMap<>();
    private long setApart;
    private boolean legendShown;

    SetNames(TrainingListener next, PrintWriter out, long trainSize, long testSize) {
      this.next = next;
      this.out = out;
      this.trainSize = trainSize;
      this.testSize = testSize;
    }

    @Override
    public void measuredOn(String prefix, String set, String how, long ratings) {
      announced.put(prefix, String.format(Locale.ROOT, "%s: %,d ratings %s", set, ratings, how));
      setApart += ratings;
      next.measuredOn(prefix, set, how, ratings);
    }

    @Override
    public void started(String what, long totalSteps) {
      next.started(what, totalSteps);
    }

    @Override
    public void progress(long done, double loss) {
      next.progress(done, loss);
    }

    @Override
    public void epochEnded(int epoch, Map<String, Double> metrics) {
      Map<String, Double> named = new LinkedHashMap<>();
      metrics.forEach((k, v) -> named.put(k.startsWith("val_") ? "test_" + k.substring(4) : k, v));
      if (!legendShown) {
        legendShown = true;
        out.println("per-epoch figures, by set:");
        out.printf(Locale.ROOT, "  %-10s training: the %,d ratings trained on%n", "no prefix",
            trainSize - setApart);
        announced.forEach((prefix, text) -> {
          if (metrics.keySet().stream().anyMatch(k -> k.startsWith(prefix))) {
            out.printf(Locale.ROOT, "  %-10s %s%n", prefix + "*", text);
          }
        });
        if (metrics.keySet().stream().anyMatch(k -> k.startsWith("val_"))) {
          out.printf(Locale.ROOT, "  %-10s test: the %,d held-out ratings of the final figures (shown to watch training; nothing "
              + "is chosen on them)%n", "test_*", testSize);
        }
        out.flush();
      }
      next.epochEnded(epoch, named);
    }

    @Override
    public void finished() {
      next.finished();
    }
  }
}
