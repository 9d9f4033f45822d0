package org.cinerec.cli;

import java.io.PrintWriter;
import org.cinerec.CinerecException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code cinerec} command. Each subcommand is one class; deep code throws
 * {@link CinerecException}, which {@link #handle} prints as one line ({@code error: ...}), with the stack
 * trace only under {@code --verbose}. Exit codes: 0 success, 1 bad input or failure, 2 usage error.
 */
@Command(
    name = "cinerec",
    mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = "Movie recommendations for the JVM: prepare rating data, train and evaluate recommenders, "
        + "and recommend movies.",
    subcommands = {
        DemoCommand.class,
        PrepareCommand.class,
        InfoCommand.class,
        GenerateCommand.class,
        DownloadCommand.class,
        SplitCommand.class,
        TrainCommand.class,
        EvaluateCommand.class,
        RecommendCommand.class,
        SimilarCommand.class,
        PredictCommand.class,
        CompareCommand.class,
        TuneCommand.class,
        PlotCommand.class,
        ReportCommand.class,
        CommandLine.HelpCommand.class,
    })
public final class Main implements Runnable {

  /** Exit code for bad input or a failure. */
  public static final int EXIT_BAD_INPUT = 1;
  /** Exit code for a usage error (wrong flag or value). */
  public static final int EXIT_USAGE = 2;

  @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces on errors.")
  boolean verbose;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the CLI in-process with the given streams (used by tests); returns the exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cli = commandLine();
    cli.setOut(out);
    cli.setErr(err);
    boolean verbose = java.util.Arrays.asList(args).contains("--verbose");
    cli.setExecutionExceptionHandler((ex, cmd, parsed) -> handle(ex, cmd.getErr(), verbose));
    cli.setParameterExceptionHandler((ex, args2) -> {
      PrintWriter e = ex.getCommandLine().getErr();
      e.println("error: " + ex.getMessage());
      e.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more information.");
      return EXIT_USAGE;
    });
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /** The configured picocli command tree. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    return cli;
  }

  static int handle(Exception ex, PrintWriter err, boolean verbose) {
    if (verbose) {
      ex.printStackTrace(err);
    }
    if (ex instanceof CinerecException c) {
      err.println("error: " + c.getMessage());
      return c.kind() == CinerecException.Kind.USAGE ? EXIT_USAGE : EXIT_BAD_INPUT;
    }
    if (ex.getCause() instanceof OutOfMemoryError) {
      err.println("error: out of memory; give the JVM more with JAVA_OPTS=-Xmx8g");
      return EXIT_BAD_INPUT;
    }
    err.println("error: internal error: " + ex + (verbose ? "" : " (run with --verbose for the stack trace)"));
    return EXIT_BAD_INPUT;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Reads the version from the jar manifest. */
  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {
          "cinerec " + org.cinerec.Version.VERSION,
          "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")",
          "kernels: " + org.cinerec.math.Simd.describe(),
          "blas: " + org.cinerec.math.Gemm.implementation()};
    }
  }
}
