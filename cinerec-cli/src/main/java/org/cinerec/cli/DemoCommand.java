package org.cinerec.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The main job on an embedded default: data → models → evaluation → recommendations → report. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Run the whole pipeline on built-in data (no network needed): prepare, train, evaluate, recommend.")
final class DemoCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().getOut().println("cinerec demo: nothing to run yet");
    return 0;
  }
}
