package org.cinerec.cli;

import java.io.PrintWriter;
import java.util.List;
import org.cinerec.CinerecException;
import org.cinerec.math.Parallel;
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
        ServeCommand.class,
        StoreCommand.class,
        CompareCommand.class,
        TuneCommand.class,
        PlotCommand.class,
        ReportCommand.class,
        SparkCommand.class,
        ImportSparkAlsCommand.class,
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

  /**
   * {@code --threads N}, given before the command ({@code cinerec --threads 2 train ...}): the size of the
   * one pool training, evaluation and data preparation run on ({@link Parallel#configure}).
   */
  @Option(names = "--threads", paramLabel = "N", description = "Size of the thread pool that training, "
      + "evaluation and data preparation run on (0 = one thread per core, the default; the same as "
      + "-Dcinerec.threads=N). A model's --threads 0 means this size. Give it before the command: "
      + "cinerec --threads 2 train ...")
  void threads(int n) {
    try {
      Parallel.configure(n);
    } catch (CinerecException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  public static void main(String[] args) {
    directStderr(System.getProperty("cinerec.stderr"));
    System.exit(run(args, utf8(System.out), utf8(System.err)));
  }

  /** Text goes out as UTF-8 whatever the platform's default (titles are UTF-8; the tests compare bytes). */
  private static PrintWriter utf8(java.io.PrintStream stream) {
    return new PrintWriter(new java.io.OutputStreamWriter(stream, java.nio.charset.StandardCharsets.UTF_8), true);
  }

  /**
   * Writes stderr to {@code path} instead (appending; the {@code ./cinerec} launcher passes its own
   * stderr as /dev/fd/4, since the JVM's fd 2 goes through its incubator-warning filter, which would
   * deliver error lines and progress bars out of order with stdout). Keeps System.err if it cannot.
   */
  static void directStderr(String path) {
    if (path == null || path.isBlank()) {
      return;
    }
    try {
      String enc = System.getProperty("sun.stderr.encoding");
      java.nio.charset.Charset cs = enc != null && java.nio.charset.Charset.isSupported(enc)
          ? java.nio.charset.Charset.forName(enc) : java.nio.charset.Charset.defaultCharset();
      System.setErr(new java.io.PrintStream(new java.io.FileOutputStream(path, true), true, cs));
    } catch (java.io.IOException | SecurityException e) {
      // keep the JVM's stderr
    }
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
      String unknown = unknownCommand(ex);
      if (unknown != null) {
        e.println("error: unknown command '" + unknown + "'");
        List<String> close = ex.getCommandLine().getSubcommands().keySet().stream()
            .filter(c -> org.cinerec.data.TitleSearch.editDistance(c, unknown) <= Math.min(2, unknown.length() / 2)).toList();
        if (!close.isEmpty()) {
          e.println("did you mean: " + String.join(", ", close) + "?");
        }
        e.println("commands: " + String.join(", ", ex.getCommandLine().getSubcommands().keySet()));
      } else {
        e.println("error: " + ex.getMessage());
        List<String> close = closeOptions(ex);
        if (!close.isEmpty()) {
          e.println("did you mean: " + String.join(", ", close) + "?");
        }
      }
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
    UsageLayout.install(cli);
    return cli;
  }

  /**
   * The word given where a command was expected ({@code cinerec serve}), or null when the error is about
   * something else: an unmatched first argument of the top-level command that is not an option.
   */
  static String unknownCommand(CommandLine.ParameterException ex) {
    if (!(ex instanceof CommandLine.UnmatchedArgumentException u) || ex.getCommandLine().getParent() != null
        || ex.getCommandLine().getSubcommands().isEmpty()) {
      return null;
    }
    List<String> unmatched = u.getUnmatched();
    CommandLine.ParseResult parsed = ex.getCommandLine().getParseResult();
    boolean nothingMatched = parsed == null || parsed.subcommand() == null;
    if (unmatched.isEmpty() || !nothingMatched || unmatched.get(0).startsWith("-")) {
      return null;
    }
    return unmatched.get(0);
  }

  /**
   * The command's options close to an unknown one, each as its names read in the usage ({@code -k (--top)} for
   * {@code --k}): the same name with other dashes, or one or two letters off. Empty when nothing is close.
   */
  static List<String> closeOptions(CommandLine.ParameterException ex) {
    if (!(ex instanceof CommandLine.UnmatchedArgumentException u)) {
      return List.of();
    }
    java.util.Set<String> out = new java.util.LinkedHashSet<>();
    for (String arg : u.getUnmatched()) {
      if (!arg.startsWith("-") || arg.equals("-") || arg.equals("--")) {
        continue;
      }
      String given = bare(arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg);
      for (CommandLine.Model.OptionSpec o : ex.getCommandLine().getCommandSpec().options()) {
        for (String name : o.names()) {
          String n = bare(name);
          if (n.equals(given) || (given.length() > 2
              && org.cinerec.data.TitleSearch.editDistance(n, given) <= Math.min(2, given.length() / 3))) {
            String[] names = o.names();
            out.add(names.length == 1 ? names[0] : names[0] + " (" + String.join(", ",
                java.util.Arrays.asList(names).subList(1, names.length)) + ")");
            break;
          }
        }
      }
    }
    return List.copyOf(out);
  }

  private static String bare(String option) {
    int i = 0;
    while (i < option.length() && option.charAt(i) == '-') {
      i++;
    }
    return option.substring(i).toLowerCase(java.util.Locale.ROOT);
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
          "blas: " + org.cinerec.math.Gemm.implementation(),
          "threads: " + Parallel.threads() + " (the pool; --threads N or -Dcinerec.threads=N)"};
    }
  }
}
