package org.cinerec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The top-level command: unknown commands, and help text that never breaks a word across lines. */
class MainTest {

  @Test
  void anUnknownCommandIsNamedWithTheListOfCommands() {
    CliFixture.Run r = CliFixture.run("xyzzy");
    assertEquals(2, r.code());
    List<String> lines = r.err().lines().toList();
    assertEquals("error: unknown command 'xyzzy'", lines.get(0));
    assertEquals("commands: demo, prepare, info, generate, download, split, train, evaluate, recommend, similar, "
        + "predict, serve, store, compare, tune, plot, report, spark, import-spark-als, help", lines.get(1));
    assertEquals("Try 'cinerec --help' for more information.", lines.get(2));
    r = CliFixture.run("--verbose", "trian", "data");
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("error: unknown command 'trian'\ndid you mean: train?\ncommands: "), r.err());
    assertEquals(2, org.cinerec.data.TitleSearch.editDistance("trian", "train"));
    assertEquals(0, org.cinerec.data.TitleSearch.editDistance("plot", "plot"));
    assertEquals(3, org.cinerec.data.TitleSearch.editDistance("", "abc"));
  }

  @Test
  void otherUsageErrorsKeepPicocliMessages() {
    CliFixture.Run r = CliFixture.run("--bogus");
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("error: Unknown option: '--bogus'"), r.err());
    r = CliFixture.run("train", "x", "y", "--model", "mf");
    assertEquals(2, r.code());
    assertTrue(r.err().startsWith("error: Unmatched argument"), r.err());
  }

  @Test
  void anUnknownOptionCloseToAnOptionOfTheCommandIsSuggested() {
    // --topk is what other tools call it; --genres and --usr are slips (--k, compare's and the API's name, is taken)
    CliFixture.Run r = CliFixture.run("recommend", "m.cinerec", "--user", "1", "--topk", "3");
    assertEquals(2, r.code());
    assertEquals(List.of("error: Unknown options: '--topk', '3'", "did you mean: -k (--top, --k)?",
        "Try 'cinerec recommend --help' for more information."), r.err().lines().toList());
    r = CliFixture.run("recommend", "m.cinerec", "--user", "1", "--k", "3");
    assertTrue(r.err().startsWith("error: m.cinerec"), "--k is taken, the missing file is the error: " + r.err());
    r = CliFixture.run("recommend", "m.cinerec", "--usr=1", "--genres", "Drama");
    assertTrue(r.err().contains("did you mean: --user, --genre?"), r.err());
    r = CliFixture.run("recommend", "m.cinerec", "--user", "1", "--bogus");
    assertEquals(List.of("error: Unknown option: '--bogus'", "Try 'cinerec recommend --help' for more information."),
        r.err().lines().toList());
  }

  @Test
  void helpNeverBreaksAPathOrUrlAcrossLines() {
    String help = CliFixture.run("download", "--help").out();
    assertTrue(help.contains("~/.cache/cinerec/ml-latest-small"), help);
    assertTrue(help.contains("https://files.grouplens.org/datasets/movielens/"), help);
    assertTrue(help.contains("$XDG_CACHE_HOME/cinerec"), help);
  }

  @Test
  void everyHelpTextHasTheSameWordsAsUnwrappedAndFitsEightyColumnsExceptLongWords() {
    CommandLine wrapped = Main.commandLine();
    CommandLine unwrapped = new CommandLine(new Main());
    unwrapped.setUsageHelpWidth(UsageLayout.UNWRAPPED);
    List<String> names = new ArrayList<>(wrapped.getSubcommands().keySet());
    names.add(null);
    for (String name : names) {
      String w = name == null ? wrapped.getUsageMessage() : wrapped.getSubcommands().get(name).getUsageMessage();
      String u = name == null ? unwrapped.getUsageMessage() : unwrapped.getSubcommands().get(name).getUsageMessage();
      assertEquals(words(u), words(w), "the words of " + name + "'s help");
      for (String line : w.split("\n")) {
        String text = line.strip();
        assertTrue(line.length() <= UsageLayout.WIDTH || !text.contains(" "), name + ": " + line);
      }
    }
  }

  @Test
  void wrappingContinuesUnderTheDescriptionColumn() {
    String option = "      --cache=DIR    Cache folder (default: $XDG_CACHE_HOME/cinerec or ~/.cache/cinerec, or "
        + "-Dcinerec.cache).";
    assertEquals("      --cache=DIR    Cache folder (default: $XDG_CACHE_HOME/cinerec or\n"
        + "                     ~/.cache/cinerec, or -Dcinerec.cache).", UsageLayout.wrap(option, 70));
    String synopsis = "cinerec train [-hV] [--json] [--no-eval] [--no-header] [--require-metadata] [--strict] "
        + "[--verbose] [--activation=<relu|tanh|sigmoid|elu|linear>]";
    assertEquals("cinerec train [-hV] [--json] [--no-eval] [--no-header]\n"
        + "                     [--require-metadata] [--strict] [--verbose]\n"
        + "                     [--activation=<relu|tanh|sigmoid|elu|linear>]",
        UsageLayout.synopsis(synopsis, "Usage: ".length(), "cinerec train"));
    assertEquals("a\nbbbbbbbbbbbb\nc\n", UsageLayout.wrap("a bbbbbbbbbbbb c\n", 5));
  }

  @Test
  void stderrCanBeDirectedToAFileDescriptorPathAppending(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    java.nio.file.Path file = dir.resolve("err.txt");
    java.nio.file.Files.writeString(file, "before\n");
    java.io.PrintStream saved = System.err;
    try {
      Main.directStderr(file.toString());
      System.err.println("error: x");
      System.err.flush();
    } finally {
      System.setErr(saved);
    }
    assertEquals("before\nerror: x\n", java.nio.file.Files.readString(file));
    Main.directStderr(null); // no property: System.err stays
    assertTrue(System.err == saved);
  }

  private static List<String> words(String text) {
    return Arrays.stream(text.split("\\s+")).filter(s -> !s.isEmpty()).toList();
  }
}
