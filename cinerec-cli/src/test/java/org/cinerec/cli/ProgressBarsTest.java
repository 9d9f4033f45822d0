package org.cinerec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProgressBarsTest {

  @Test
  void aDisabledBarPrintsNothing() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressBars bars = new ProgressBars(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, 0);
    bars.start("Reading ratings.csv", 100);
    bars.update(50);
    bars.finish();
    bars.epochEnded(1, Map.of("loss", 0.5));
    assertEquals(0, bytes.size());
  }

  @Test
  void anEnabledBarShowsTheTaskAndEpochLines() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressBars bars = new ProgressBars(new PrintStream(bytes, true, StandardCharsets.UTF_8), true, 0);
    bars.started("Training mf", 10);
    bars.progress(5, 0.75);
    bars.epochEnded(1, Map.of("loss", 0.5));
    bars.finished();
    String text = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(text.contains("Training mf"), text);
    assertTrue(text.contains("epoch 1: loss 0.5000"), text);
  }

  @Test
  void aShortStepShowsNoBar() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressBars bars = new ProgressBars(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
    bars.start("Reading ratings.csv", 100);
    bars.update(100);
    bars.finish();
    assertEquals(0, bytes.size());
  }

  @Test
  void onATerminalALinePrintedDuringABarStandsOnItsOwnAndTheFinishedBarIsErased() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    PrintWriter sameTerminal = new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
    ProgressBars bars = new ProgressBars(stream, true, 0);
    bars.started("training mf", 100);
    bars.progress(10, 0.9);
    waitFor(bytes, "training mf", 0);
    bars.println(sameTerminal, "epoch 1  loss 0.9000");
    int after = bytes.size();
    bars.progress(60, 0.8);
    waitFor(bytes, "training mf", after);
    bars.println(sameTerminal, "epoch 2  loss 0.8000");
    bars.finished();
    bars.close();
    String raw = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(raw.indexOf("training mf", after) > 0, "the bar was redrawn after the first line: " + raw);
    assertEquals(List.of("epoch 1  loss 0.9000", "epoch 2  loss 0.8000"), screen(raw), raw);
  }

  @Test
  void withoutATerminalLinesArePlainAndNoBarControlCharactersAreWritten() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);
    PrintWriter w = new PrintWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8));
    ProgressBars bars = new ProgressBars(stream, false, 0);
    bars.started("training mf", 100);
    bars.progress(10, 0.9);
    bars.println(w, "epoch 1  loss 0.9000");
    bars.progress(100, 0.8);
    bars.println(w, "epoch 2  loss 0.8000");
    bars.finished();
    bars.close();
    assertEquals("epoch 1  loss 0.9000\nepoch 2  loss 0.8000\n", bytes.toString(StandardCharsets.UTF_8).replace("\r\n", "\n"));
  }

  @Test
  void theEnvironmentVariableOverridesTheTerminalTest() {
    assertTrue(ProgressBars.enabledFor(null, true));
    assertFalse(ProgressBars.enabledFor(null, false));
    assertTrue(ProgressBars.enabledFor("always", false));
    assertFalse(ProgressBars.enabledFor("never", true));
    assertFalse(ProgressBars.enabledFor("0", true));
    assertTrue(ProgressBars.enabledFor("auto", true));
    assertFalse(ProgressBars.enabledFor("auto", false));
  }

  /** Waits (up to 10 s) until the library's thread has drawn {@code text} after byte {@code from}. */
  private static void waitFor(ByteArrayOutputStream bytes, String text, int from) throws InterruptedException {
    for (int i = 0; i < 1000 && bytes.toString(StandardCharsets.UTF_8).indexOf(text, from) < 0; i++) {
      Thread.sleep(10);
    }
  }

  /**
   * What a terminal shows for this output: {@code \r} returns to the line start, {@code \n} starts a new
   * line, other characters overwrite; trailing blanks trimmed and blank lines dropped.
   */
  static List<String> screen(String raw) {
    List<StringBuilder> lines = new ArrayList<>();
    lines.add(new StringBuilder());
    int col = 0;
    for (char c : raw.toCharArray()) {
      StringBuilder line = lines.get(lines.size() - 1);
      if (c == '\r') {
        col = 0;
      } else if (c == '\n') {
        lines.add(new StringBuilder());
        col = 0;
      } else {
        if (col < line.length()) {
          line.setCharAt(col, c);
        } else {
          line.append(c);
        }
        col++;
      }
    }
    List<String> out = new ArrayList<>();
    for (StringBuilder l : lines) {
      String s = l.toString().stripTrailing();
      if (!s.isEmpty()) {
        out.add(s);
      }
    }
    return out;
  }
}
