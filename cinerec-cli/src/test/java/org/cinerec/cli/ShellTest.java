package org.cinerec.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Printed commands survive a paste into a shell: each word quoted only as much as it needs. */
class ShellTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
      "ratings.csv                | ratings.csv",
      "/tmp/x/cinerec-demo/models | /tmp/x/cinerec-demo/models",
      "A Electric Promise         | \"A Electric Promise\"",
      "book ratings;odd.csv       | \"book ratings;odd.csv\"",
      "Schindler's List           | \"Schindler's List\"",
      "Airplane!                  | 'Airplane!'",
      "~Say \"Hi\" 'now'~         | 'Say \"Hi\" '\\''now'\\'''",
      "$HOME                      | '$HOME'",
      "~~                         | \"\""})
  void quotesOnlyWhatTheShellWouldChange(String word, String quoted) {
    assertEquals(quoted, Shell.quote(word));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {"my data/ratings.csv | \"my data/ratings.csv\""})
  void pathsAreWordsToo(String path, String quoted) {
    assertEquals(quoted, Shell.quote(Path.of(path)));
  }
}
