package org.cinerec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
}
