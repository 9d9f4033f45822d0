package org.cinerec.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.cinerec.data.Dataset;
import org.cinerec.io.AtomicFiles;
import org.cinerec.io.DatasetFile;
import org.cinerec.prep.ReportFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Reads raw data once and writes the compact binary dataset file plus the preparation report. */
@Command(name = "prepare", mixinStandardHelpOptions = true,
    description = {"Read raw rating data, clean it, and write a binary dataset file that reloads much faster "
        + "than parsing, plus the preparation report as text (FILE without extension + .report.txt) and JSON "
        + "(.report.json).",
        "Example: cinerec prepare ../shared/data/ml-latest-small --out ml-latest-small.cinerec"})
final class PrepareCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Mixin
  DataOptions data;

  @Option(names = {"-o", "--out"}, paramLabel = "FILE",
      description = "Dataset file to write (default: the DATA name + .cinerec in the current folder).")
  Path out;

  @Option(names = "--quiet", description = "Do not print the report (still written next to FILE).")
  boolean quiet;

  @Override
  public Integer call() {
    CliSupport.checkOutput(out, "--out");
    PrintWriter w = spec.commandLine().getOut();
    Dataset d;
    try (ProgressBars bars = ProgressBars.stderr()) {
      d = data.load(bars);
      Path target = out != null ? out : Path.of(baseName(data.path()) + ".cinerec");
      // a device or a pipe (--out /dev/null) is written through, and no report files go beside it (in /dev)
      boolean device = AtomicFiles.isDevice(target);
      DatasetFile.write(target, d, bars);
      if (device) {
        if (!quiet) {
          w.print(ReportFormat.text(d));
        }
        w.printf(Locale.ROOT, "wrote %s (not a file: no report files beside it)%n", target);
        w.flush();
        spec.commandLine().getErr().println(ReportFormat.summaryLine(d, null));
        spec.commandLine().getErr().flush();
        return 0;
      }
      String stem = stem(target);
      Path text = target.resolveSibling(stem + ".report.txt");
      Path json = target.resolveSibling(stem + ".report.json");
      String report = ReportFormat.text(d);
      AtomicFiles.writeString(text, report);
      AtomicFiles.writeString(json, ReportFormat.json(d));
      if (!quiet) {
        w.print(report);
      }
      w.printf(Locale.ROOT, "wrote %s (%,d bytes), %s, %s%n", target, size(target), text.getFileName(),
          json.getFileName());
      w.flush();
      PrintWriter err = spec.commandLine().getErr();
      err.println(ReportFormat.summaryLine(d, text.toString()));
      err.flush();
    }
    return 0;
  }

  static String baseName(Path p) {
    Path name = p.toAbsolutePath().normalize().getFileName();
    String s = name == null ? "data" : name.toString();
    int dot = s.lastIndexOf('.');
    return dot > 0 ? s.substring(0, dot) : s;
  }

  static String stem(Path target) {
    String s = target.getFileName().toString();
    int dot = s.lastIndexOf('.');
    return dot > 0 ? s.substring(0, dot) : s;
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (java.io.IOException e) {
      return -1;
    }
  }
}
