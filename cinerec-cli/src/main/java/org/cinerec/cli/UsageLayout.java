package org.cinerec.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.IHelpSectionRenderer;

/**
 * Help text that never breaks a word — a path, a URL, a file or data name, a flag — across lines.
 * picocli wraps at {@link java.text.BreakIterator} line boundaries, which fall after '.', ',', ':' and '-'
 * inside words ({@code ~/.} | {@code cache/cinerec}, {@code https://files.} | {@code grouplens.org},
 * {@code ml-} | {@code latest-small}), so a path copied from the help would not work. Here picocli lays
 * every section out unwrapped (a usage width of {@link #UNWRAPPED} columns: one physical line per logical
 * line), and {@link #wrap} wraps each line at spaces only, to {@link #WIDTH} columns; a word longer than
 * the room left stays whole on its own line.
 *
 * <p>Continuation lines start under the line's text: after the first gap of two or more spaces on an
 * indented line (the description column of option and command rows), under the leading blanks of an
 * indented line without a gap, else at column 0; in the synopsis after {@code "Usage: cinerec CMD "}
 * ({@link #synopsis}).
 */
final class UsageLayout {
  /** The width help is wrapped to (picocli's default). */
  static final int WIDTH = 80;
  /** picocli's width while it lays the sections out: wider than any line it would write. */
  static final int UNWRAPPED = 5000;

  private UsageLayout() {}

  /**
   * Applies the layout to the command and all its subcommands (picocli passes the width and the section
   * renderers down the hierarchy; the renderers read the command from the {@code Help} they are given).
   * Call once, on the top-level command.
   */
  static void install(CommandLine cli) {
    cli.setUsageHelpWidth(UNWRAPPED);
    Map<String, IHelpSectionRenderer> sections = cli.getHelpSectionMap();
    for (Map.Entry<String, IHelpSectionRenderer> e : sections.entrySet()) {
      IHelpSectionRenderer picocli = e.getValue();
      if (e.getKey().equals(CommandLine.Model.UsageMessageSpec.SECTION_KEY_SYNOPSIS)) {
        e.setValue(help -> synopsis(picocli.render(help), help.synopsisHeading().length(),
            help.commandSpec().qualifiedName()));
      } else {
        e.setValue(help -> wrap(picocli.render(help), WIDTH));
      }
    }
    cli.setHelpSectionMap(sections);
  }

  /** Wraps every line of {@code text} at spaces to {@code width} columns (see the class comment). */
  static String wrap(String text, int width) {
    StringBuilder out = new StringBuilder();
    String[] lines = text.split("\n", -1);
    for (int n = 0; n < lines.length; n++) {
      String line = lines[n];
      boolean cr = line.endsWith("\r");
      if (cr) {
        line = line.substring(0, line.length() - 1);
      }
      for (String piece : wrapLine(line, width)) {
        out.append(piece).append(cr ? "\r\n" : "\n");
      }
      if (n == lines.length - 1) {
        out.setLength(out.length() - (cr ? 2 : 1)); // the last piece has no line end of its own
      }
    }
    return out.toString();
  }

  /**
   * The synopsis ({@code cinerec train [-hV] ...}) follows its heading ({@code "Usage: "}, {@code heading}
   * columns) on the first line; continuation lines start under the first option, after the command name.
   */
  static String synopsis(String text, int heading, String command) {
    StringBuilder out = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      if (out.length() > 0) {
        out.append('\n');
      }
      String placed = " ".repeat(heading) + line;
      int indent = line.startsWith(command + " ") ? heading + command.length() + 1 : heading;
      List<String> pieces = wrapLine(placed, WIDTH, Math.min(indent, WIDTH / 2), heading);
      pieces.set(0, pieces.get(0).substring(Math.min(heading, pieces.get(0).length())));
      out.append(String.join("\n", pieces));
    }
    return out.toString();
  }

  private static List<String> wrapLine(String line, int width) {
    if (line.length() <= width) {
      List<String> out = new ArrayList<>();
      out.add(line);
      return out;
    }
    return wrapLine(line, width, Math.min(indent(line), width / 2), firstWord(line));
  }

  /** Words from {@code start} on, at spaces, to {@code width}; continuation lines indented by {@code indent}. */
  private static List<String> wrapLine(String line, int width, int indent, int start) {
    List<String> out = new ArrayList<>();
    if (line.length() <= width) {
      out.add(line);
      return out;
    }
    String pad = " ".repeat(indent);
    StringBuilder current = new StringBuilder(line.substring(0, start));
    boolean empty = true; // nothing of the text on the current line yet
    int i = start;
    while (i < line.length()) {
      int end = line.indexOf(' ', i);
      if (end < 0) {
        end = line.length();
      }
      String word = line.substring(i, end);
      if (!empty && current.length() + 1 + word.length() > width) {
        out.add(current.toString().stripTrailing());
        current = new StringBuilder(pad);
        empty = true;
      }
      if (!empty) {
        current.append(' ');
      }
      current.append(word);
      empty = false;
      i = end;
      while (i < line.length() && line.charAt(i) == ' ') {
        i++;
      }
    }
    out.add(current.toString().stripTrailing());
    return out;
  }

  /** Where the text of a line starts: the option/command name column is kept whole on the first line. */
  private static int firstWord(String line) {
    return indent(line);
  }

  /** The column continuation lines start at (see the class comment). */
  static int indent(String line) {
    int gap = gapEnd(line);
    if (gap > 0) {
      return gap;
    }
    int lead = 0;
    while (lead < line.length() && line.charAt(lead) == ' ') {
      lead++;
    }
    return lead;
  }

  /** On an indented line, the end of the first run of two or more spaces after text; 0 if none. */
  private static int gapEnd(String line) {
    if (!line.startsWith(" ")) {
      return 0;
    }
    int i = 0;
    while (i < line.length() && line.charAt(i) == ' ') {
      i++;
    }
    int gap = line.indexOf("  ", i);
    if (gap < 0) {
      return 0;
    }
    int end = gap;
    while (end < line.length() && line.charAt(end) == ' ') {
      end++;
    }
    return end < line.length() ? end : 0;
  }
}
