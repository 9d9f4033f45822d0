package org.cinerec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code train} names the set of every figure it prints, with its size, and says which preset ran. */
class TrainSetLabelsTest {
  @TempDir
  static Path dir;
  static Path data;

  @BeforeAll
  static void data() throws Exception {
    data = CliFixture.movieLens(dir.resolve("ml"));
  }

  /** The held-out count of the first line ("split random:0.2:42: 386 training, 96 held out"). */
  private static int heldOut(String out) {
    Matcher m = Pattern.compile("training, ([0-9,]+) held out").matcher(out);
    assertTrue(m.find(), out);
    return Integer.parseInt(m.group(1).replace(",", ""));
  }

  @Test
  void perEpochFiguresOnTheTestPartAreCalledTestWithTheSizeOfTheFinalFiguresSet() {
    CliFixture.Run r = CliFixture.run("train", data.toString(), "--model", "baseline", "--epochs", "2", "--out",
        dir.resolve("b.cinerec").toString());
    assertEquals(0, r.code(), r.err());
    int test = heldOut(r.out());
    assertTrue(r.out().contains("per-epoch figures, by set:\n"), r.out());
    assertTrue(r.out().contains("  test_*     test: the " + test + " held-out ratings of the final figures"), r.out());
    assertTrue(r.out().contains("epoch 2  rmse "), r.out());
    assertTrue(r.out().contains("test_rmse "), r.out());
    assertFalse(r.out().contains("val_"), "the test part must not be called validation: " + r.out());
    assertTrue(r.out().contains("final figures on test (" + test + " held-out ratings, random:0.2:42):\n"), r.out());
    assertFalse(r.out().contains("preset"), "baseline has no presets: " + r.out());
  }

  @Test
  void multitaskSaysWhichPresetRanAndNamesItsEarlyStoppingHoldoutAsValidation() {
    CliFixture.Run r = CliFixture.run("train", data.toString(), "--model", "multitask", "--epochs", "2",
        "--early-stopping", "1", "--holdout", "0.25", "--batch-size", "64", "--embedding-dim", "4", "--layers", "8",
        "--out", dir.resolve("m.cinerec").toString());
    assertEquals(0, r.code(), r.err());
    int test = heldOut(r.out());
    Matcher m = Pattern.compile("split random:0.2:42: ([0-9,]+) training").matcher(r.out());
    assertTrue(m.find(), r.out());
    int train = Integer.parseInt(m.group(1).replace(",", ""));
    int holdout = Math.round(0.25f * train);
    String defaultPreset = org.cinerec.model.ModelFamilies.get("multitask").params().get("preset").defaultValue();
    assertTrue(r.out().contains("preset: " + defaultPreset + " (the default); also --preset "), r.out());
    assertTrue(r.out().contains("parameters: {preset=" + defaultPreset + ","), r.out());
    assertTrue(r.out().contains("  no prefix  training: the " + (train - holdout) + " ratings trained on\n"), r.out());
    assertTrue(r.out().contains("  holdout_*  validation: " + holdout + " ratings held out of the training part"),
        r.out());
    assertTrue(r.out().contains("  test_*     test: the " + test + " held-out ratings"), r.out());
    assertTrue(r.out().contains("holdout_rmse ") && r.out().contains("test_rmse "), r.out());

    r = CliFixture.run("train", data.toString(), "--model", "multitask", "--preset", "notebook", "--epochs", "1",
        "--batch-size", "64", "--embedding-dim", "4", "--layers", "8", "--no-eval", "--out",
        dir.resolve("n.cinerec").toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().contains("preset: notebook; also --preset "), r.out());
    assertTrue(r.out().contains("epochs=1,"), "a given parameter beats the preset: " + r.out());
  }
}
