package org.cinerec.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.cinerec.data.Dataset;
import org.cinerec.viz.report.HtmlReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cinerec report DATA --out report.html}: one self-contained HTML file. */
@Command(name = "report", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Write one self-contained HTML report of DATA: summary, preparation report (rows dropped "
        + "and why) and every picture; with --model / --leaderboard also the models, the leaderboard and their "
        + "pictures. Pictures are embedded (no external files); the file is written atomically."})
final class ReportCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  DataOptions data;

  @Option(names = "--out", paramLabel = "FILE", defaultValue = "report.html",
      description = "The HTML file to write. Default: ${DEFAULT-VALUE}.")
  Path out;

  @Mixin
  PlotFlags flags;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    CliSupport.checkOutput(out, "--out");
    var models = flags.loadModels();
    var board = flags.loadLeaderboard();
    Dataset all = CliSupport.loadData(data, err);
    Path dataPath = data.path();
    HtmlReport report = HtmlReport.of(dataPath.toString(), all, flags.options(), models, board);
    report.write(out);
    for (String s : report.skipped()) {
      err.println("not drawn: " + s);
    }
    stdout.printf(Locale.ROOT, "wrote %s (%d pictures%s)%n", out, report.pictures().size() + report.modelPictures().size(),
        models.isEmpty() && board == null ? "" : ", " + models.size() + (models.size() == 1 ? " model" : " models") + (board == null ? "" : ", leaderboard"));
    return 0;
  }
}
