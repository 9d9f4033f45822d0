package org.cinerec.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.cinerec.Progress;
import org.cinerec.data.Dataset;
import org.cinerec.data.UserAttributes;
import org.cinerec.io.DataSources;
import org.cinerec.io.DatasetFile;
import org.cinerec.io.MovieLensWriter;
import org.cinerec.math.Rng;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The synthetic demographics: plausible values, determinism, and what they are for: a user's (age bucket,
 * gender, occupation) predicts her taste group far better than the base rate, on users the predictor has not
 * seen.
 */
class DemographicsTest {
  static SyntheticData.Generated small;

  @BeforeAll
  static void generate() {
    small = SyntheticData.generateWithGroups(Preset.SMALL, 42, Progress.NONE, 0);
  }

  @Test
  void everyUserHasAnAgeAGenderAndAnOccupationOfMovieLens1m() {
    UserAttributes a = small.data().userAttributes();
    assertEquals(Demographics.NAMES, a.names());
    assertEquals(610, a.numUsers());
    assertEquals(610, a.usersKnown());
    int women = 0;
    for (int u = 0; u < a.numUsers(); u++) {
      int age = Integer.parseInt(a.value(u, 0));
      assertTrue(age >= 7 && age <= 73, "age " + age);
      assertTrue(a.value(u, 1).equals("F") || a.value(u, 1).equals("M"), a.value(u, 1));
      assertTrue(List.of(Demographics.OCCUPATIONS).contains(a.value(u, 2)), a.value(u, 2));
      women += a.value(u, 1).equals("F") ? 1 : 0;
    }
    assertTrue(women > 60 && women < 400, "women " + women + " of 610");
    assertEquals(0, Demographics.bucket(17));
    assertEquals(1, Demographics.bucket(18));
    assertEquals(6, Demographics.bucket(73));
  }

  @Test
  void theSameSeedGivesTheSameDemographicsWhateverTheThreadsAndAnotherSeedOthers() {
    Preset p = Preset.TINY.resized("t", 1_000, 800, 40_000); // 4 blocks of users
    SyntheticData.Generated one = SyntheticData.generateWithGroups(p, 3, Progress.NONE, 1);
    SyntheticData.Generated three = SyntheticData.generateWithGroups(p, 3, Progress.NONE, 3);
    assertEquals(one.data().userAttributes(), three.data().userAttributes());
    assertTrue(java.util.Arrays.equals(one.groupOf(), three.groupOf()));
    Dataset other = SyntheticData.generate(p, 4, Progress.NONE);
    assertNotEquals(other.userAttributes(), one.data().userAttributes());
  }

  /**
   * Two folds of the users (even and odd index): the most common group of each (age bucket, gender,
   * occupation) cell of one fold, else of its occupation, else overall, is the guess for the other fold's
   * users. The base rate is the share of the other fold in the training fold's most common group. The same
   * with the groups shuffled across users (no link left) stays near the base rate, so the test can fail.
   */
  @Test
  void demographicsPredictTheTasteGroupFarAboveTheBaseRate() {
    UserAttributes a = small.data().userAttributes();
    int[] groups = small.groupOf();
    double[] real = accuracy(a, groups, small.groups());
    int[] shuffled = groups.clone();
    Rng rng = new Rng(2024);
    for (int k = shuffled.length - 1; k > 0; k--) {
      int j = rng.nextInt(k + 1);
      int t = shuffled[k];
      shuffled[k] = shuffled[j];
      shuffled[j] = t;
    }
    double[] control = accuracy(a, shuffled, small.groups());
    String seen = String.format(java.util.Locale.ROOT, "accuracy %.3f, base rate %.3f; shuffled %.3f, base %.3f",
        real[0], real[1], control[0], control[1]);
    assertTrue(real[0] > 2.5 * real[1], seen);
    assertTrue(control[0] < 1.5 * control[1], seen);
  }

  /** {accuracy, base rate} over the two folds. */
  private static double[] accuracy(UserAttributes a, int[] groups, int numGroups) {
    int right = 0;
    int base = 0;
    for (int fold = 0; fold < 2; fold++) {
      Map<String, int[]> byCell = new HashMap<>();
      Map<String, int[]> byOccupation = new HashMap<>();
      int[] overall = new int[numGroups];
      for (int u = 0; u < groups.length; u++) {
        if (u % 2 == fold) {
          byCell.computeIfAbsent(cell(a, u), k -> new int[numGroups])[groups[u]]++;
          byOccupation.computeIfAbsent(a.value(u, 2), k -> new int[numGroups])[groups[u]]++;
          overall[groups[u]]++;
        }
      }
      int common = argmax(overall);
      for (int u = 0; u < groups.length; u++) {
        if (u % 2 != fold) {
          int[] counts = byCell.get(cell(a, u));
          if (counts == null) {
            counts = byOccupation.getOrDefault(a.value(u, 2), overall);
          }
          right += argmax(counts) == groups[u] ? 1 : 0;
          base += common == groups[u] ? 1 : 0;
        }
      }
    }
    return new double[] {(double) right / groups.length, (double) base / groups.length};
  }

  private static String cell(UserAttributes a, int u) {
    return Demographics.bucket(Integer.parseInt(a.value(u, 0))) + "|" + a.value(u, 1) + "|" + a.value(u, 2);
  }

  private static int argmax(int[] counts) {
    int best = 0;
    for (int k = 1; k < counts.length; k++) {
      if (counts[k] > counts[best]) {
        best = k;
      }
    }
    return best;
  }

  @Test
  void theDemographicsGoToUsersCsvAndComeBackThroughPrepareAndTheDatasetFile(@TempDir Path dir) throws Exception {
    Dataset made = SyntheticData.generate(Preset.TINY, 11, Progress.NONE);
    MovieLensWriter.writeDataset(dir, made, Progress.NONE);
    List<String> lines = Files.readAllLines(dir.resolve("users.csv"));
    assertEquals("userId,age,gender,occupation", lines.get(0));
    assertEquals(51, lines.size());
    Dataset read = DataSources.load(dir);
    assertEquals("movielens-csv", read.provenance().format());
    assertEquals(made.userAttributes(), read.userAttributes());
    assertTrue(read.provenance().notes().contains("users.csv: age, gender, occupation for 50 of the 50 users with "
        + "ratings"), read.provenance().notes().toString());
    Path file = dir.resolve("tiny.cinerec");
    DatasetFile.write(file, read, Progress.NONE);
    Dataset back = DataSources.load(file);
    assertEquals(made.userAttributes(), back.userAttributes());
    assertEquals(made.ratings(), back.ratings());
  }
}
