package org.cinerec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo on its built-in data: says the data is synthetic and never claims to have read rows. */
class DemoCommandTest {
  @TempDir
  Path dir;

  @Test
  void withNoDownloadTheDemoRunsOnSyntheticDataAndSaysSo() {
    CliFixture.Run r = CliFixture.run("demo", "--cache", dir.resolve("empty-cache").toString(), "--models",
        "popularity,baseline", "--out", dir.resolve("out").toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(r.out().startsWith("data: synthetic MovieLens-like data (preset small, seed 42;"), r.out());
    assertTrue(r.out().contains("100,836 ratings by 610 users of 9,742 movies (density 1.70%); scale 0.5..5 in steps "
        + "of 0.5"), r.out());
    assertFalse(r.err().contains("read "), "synthetic data is made, not read: " + r.err());
    assertTrue(Files.isRegularFile(dir.resolve("out/report.html")));
    assertTrue(r.out().contains("serve: cinerec serve " + dir.resolve("out/models").toAbsolutePath().normalize()),
        "the demo ends with the command that serves what it trained: " + r.out());
  }
}
