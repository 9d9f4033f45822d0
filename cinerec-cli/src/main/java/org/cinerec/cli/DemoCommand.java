package org.cinerec.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.cinerec.data.Dataset;
import org.cinerec.eval.EvalOptions;
import org.cinerec.eval.EvaluationReport;
import org.cinerec.eval.Evaluator;
import org.cinerec.eval.ProtocolResult;
import org.cinerec.io.AtomicFiles;
import org.cinerec.io.DataRecord;
import org.cinerec.io.DemoData;
import org.cinerec.model.ModelFamilies;
import org.cinerec.model.ModelFamily;
import org.cinerec.model.ModelInfo;
import org.cinerec.model.Recommender;
import org.cinerec.model.Trainer;
import org.cinerec.prep.DatasetSummary;
import org.cinerec.split.Split;
import org.cinerec.split.SplitSpec;
import org.cinerec.model.ModelFiles;
import org.cinerec.viz.PlotOptions;
import org.cinerec.viz.ModelPictures;
import org.cinerec.viz.report.HtmlReport;
import org.cinerec.CinerecException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The main job on an embedded default, end to end: data (a downloaded ml-latest-small when the cache has
 * one, else the synthetic {@code small} preset), the preparation summary, a shuffled 80/20 split, every
 * registered model trained and evaluated the same way, a leaderboard, the multitask model's top 10 for a
 * sample user, saved model files and the HTML report.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Run the whole pipeline on built-in data (no network needed): prepare, split, train every "
        + "model, evaluate, recommend, and write the HTML report.",
        "Uses --data DATA when given, else a downloaded ml-latest-small (cinerec download ml-latest-small) when "
            + "present, else synthetic MovieLens-like data, and says which."})
final class DemoCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Option(names = "--out", paramLabel = "DIR", defaultValue = "cinerec-demo",
      description = "Folder for the model files, the leaderboard and report.html. Default: ${DEFAULT-VALUE}.")
  Path out;

  @Option(names = "--models", paramLabel = "KIND,...", split = ",",
      description = "Models to train. Default: every model (popularity, baseline, mf, svdpp, als, ials, bpmf, "
          + "itemknn, bpr, ease, rp3beta, multitask, blend).")
  List<String> models;

  @Option(names = "--cache", paramLabel = "DIR", description = "Download cache to look in. Default: the user's cache folder.")
  Path cache;

  @Option(names = "--data", paramLabel = "DATA", description = "Run on this data instead (a folder or file as "
      + "every command reads it, or a downloaded dataset's name such as ml-latest-small), read with the reader "
      + "flags below.")
  Path data;

  @Mixin
  ReaderOptions reader = new ReaderOptions();

  @Override
  public Integer call() {
    PrintWriter w = spec.commandLine().getOut();
    List<String> kinds = models != null && !models.isEmpty() ? models
        : ModelFamilies.all().stream().map(ModelFamily::kind).toList();
    kinds.forEach(ModelFamilies::get); // unknown names fail before any work

    DemoData.Choice choice;
    if (this.data != null) {
      Path source = DataOptions.resolve(this.data);
      Dataset d = CliSupport.loadData(source, reader.options(), spec.commandLine().getErr());
      choice = new DemoData.Choice(d, source + " (" + d.provenance().format() + ")", true);
    } else {
      if (reader.any()) {
        throw CinerecException.usage("reader flags (" + reader.given().strip() + ") need --data DATA");
      }
      try (ProgressBars bars = ProgressBars.stderr()) {
        choice = DemoData.load(cache, bars);
      }
      if (choice.real()) { // a downloaded dataset was read; synthetic data was made, not read
        CliSupport.printSummary(spec.commandLine().getErr(), choice.data(), null, null);
      }
    }
    Dataset data = choice.data();
    DatasetSummary s = DatasetSummary.of(data, 5);
    w.printf(Locale.ROOT, "data: %s%n", choice.description());
    w.printf(Locale.ROOT, "  %,d ratings by %,d users of %,d movies (density %.2f%%); %s%n", s.ratings(), s.users(),
        s.movies(), 100 * s.density(), choice.real() ? String.format(Locale.ROOT, "%,d rows read, %,d dropped",
            data.provenance().rowsRead(), data.provenance().totalDropped()) : "scale " + data.scale().describe());

    if (models == null || models.isEmpty()) { // the families named with --models fail with their reason instead
      List<String> usable = new ArrayList<>();
      for (String kind : kinds) {
        String why = ModelFamilies.get(kind).unusableOn(data);
        if (why == null) {
          usable.add(kind);
        } else {
          w.printf(Locale.ROOT, "left out %s: %s%n", kind, why);
        }
      }
      kinds = usable;
    }
    SplitSpec splitSpec = SplitSpec.parse(SplitSpec.DEFAULT);
    Split split = splitSpec.apply(data);
    Dataset train = split.trainSet(data);
    w.printf(Locale.ROOT, "split: %s -> %,d train, %,d test ratings%n%n", splitSpec.spec(), split.train().size(),
        split.test().size());

    Evaluator evaluator = new Evaluator(EvalOptions.defaults().withKs(10));
    List<ProtocolResult> results = new ArrayList<>();
    List<ModelPictures.Model> saved = new ArrayList<>();
    Path modelDir = out.resolve("models");
    for (String kind : kinds) {
      Trainer trainer = ModelFamilies.trainer(kind, java.util.Map.of());
      Recommender fitted;
      long t0 = System.nanoTime();
      try (ProgressBars bars = ProgressBars.stderr()) {
        fitted = trainer.fit(train, split.test(), bars);
      }
      double fitSeconds = (System.nanoTime() - t0) / 1e9;
      ModelInfo info = fitted.info().withSplit(splitSpec.spec());
      if (this.data != null) {
        info = info.withData(DataRecord.of(this.data.toString(), DataOptions.resolve(this.data), reader.options(), data));
      }
      long e0 = System.nanoTime();
      EvaluationReport report = evaluator.evaluate(fitted, train, split.test()).withFitSeconds(fitSeconds);
      double evalSeconds = (System.nanoTime() - e0) / 1e9;
      results.add(ProtocolResult.of(kind, trainer.params().asText(), "holdout " + splitSpec.spec(), List.of(report)));
      Path file = modelDir.resolve(kind + ".cinerec");
      ModelFiles.save(file, fitted, info, data.catalog());
      saved.add(new ModelPictures.Model(kind, ModelFiles.load(file)));
      w.printf(Locale.ROOT, "trained %-10s in %6.2f s, evaluated in %6.2f s%n", kind, fitSeconds, evalSeconds);
    }
    w.println();
    w.println("leaderboard (held-out 20%; top-N metrics rank every movie the user has not rated in training):");
    w.print(table(results));

    Path boardPrefix = out.resolve("leaderboard");
    CompareCommand.write(boardPrefix, results, kinds);

    String sampleUser = data.users().id(split.test().user(0));
    String showcase = kinds.contains("multitask") ? "multitask" : kinds.get(kinds.size() - 1);
    w.println();
    int rc = Main.commandLine().setOut(w).setErr(spec.commandLine().getErr()).execute("recommend",
        modelDir.resolve(showcase + ".cinerec").toString(), "--user", sampleUser, "-k", "10");
    if (rc != 0) {
      return rc;
    }

    Path reportFile = out.resolve("report.html");
    long r0 = System.nanoTime();
    var board = org.cinerec.viz.stats.Leaderboard.read(CompareCommand.json(boardPrefix));
    HtmlReport.of(choice.description(), data, PlotOptions.defaults(), saved, board).write(reportFile);
    w.println();
    w.printf(Locale.ROOT, "wrote the report in %.2f s (pictures of the data and of %d models)%n",
        (System.nanoTime() - r0) / 1e9, saved.size());
    w.printf(Locale.ROOT, "models:      %s%n", modelDir.toAbsolutePath().normalize());
    w.printf(Locale.ROOT, "leaderboard: %s, %s%n", CompareCommand.json(boardPrefix).toAbsolutePath().normalize(),
        CompareCommand.csv(boardPrefix).toAbsolutePath().normalize());
    w.printf(Locale.ROOT, "report:      %s%n", reportFile.toAbsolutePath().normalize());
    w.println("next: cinerec recommend " + Shell.quote(modelDir.resolve("mf.cinerec")) + " --user "
        + Shell.quote(sampleUser) + "   |   cinerec similar " + Shell.quote(modelDir.resolve(showcase + ".cinerec"))
        + " --movie " + Shell.quote(data.catalog().title(split.test().item(0))));
    w.println("serve: cinerec serve " + Shell.quote(modelDir.toAbsolutePath().normalize()) + "   (every model over HTTP, with "
        + "a ratings store: docs/serving.md)");
    AtomicFiles.writeString(out.resolve("README.txt"), "Made by `cinerec demo` from " + choice.description() + "\n");
    return 0;
  }

  /** One row per model with the headline metrics; the full set is in the JSON and CSV files. */
  static String table(List<ProtocolResult> results) {
    String[][] cols = {{"rmse", "RMSE"}, {"mae", "MAE"}, {"top100_accuracy", "top100"},
        {"top100_accuracy_excl", "top100 excl"}, {"ndcg@10", "NDCG@10"}, {"recall@10", "Recall@10"},
        {"coverage@10", "coverage"}, {"fit_seconds", "fit s"}};
    StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-11s", "model"));
    for (String[] c : cols) {
      b.append(String.format(Locale.ROOT, "%12s", c[1]));
    }
    b.append('\n');
    for (ProtocolResult r : results) {
      b.append(String.format(Locale.ROOT, "%-11s", r.model()));
      for (String[] c : cols) {
        ProtocolResult.Stat st = r.summary().get(c[0]);
        String cell = st == null ? "-" : String.format(Locale.ROOT, c[0].endsWith("seconds") ? "%.2f" : "%.4f", st.mean());
        b.append(String.format(Locale.ROOT, "%12s", cell));
      }
      b.append('\n');
    }
    b.append("(top100: TFRS top-100 accuracy over all movies; excl: the user's training movies left out; "
        + "NDCG/Recall@10 over unrated movies; - : the model only ranks)\n");
    return b.toString();
  }
}
