package org.cinerec.testkit;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the real datasets in {@code ../shared/data} (beside the project), or in {@code $CINEREC_SHARED/data}
 * when that environment variable is set (a checkout elsewhere; {@code scripts/readme-examples.py} reads the
 * same variable). Outside CI a test that needs them is skipped when they are missing; in CI ({@code CI=true})
 * it fails, because CI always has them.
 */
public final class SharedData {
  private SharedData() {}

  /** The {@code shared/data} folder, or the test is skipped (locally) / failed (in CI). */
  public static Path dir() {
    String env = System.getenv("CINEREC_SHARED");
    String prop = System.getProperty("cinerec.shared");
    Path shared = env != null && !env.isBlank() ? Path.of(env) : prop != null ? Path.of(prop) : Path.of("..", "..", "shared");
    Path data = shared.resolve("data").toAbsolutePath().normalize();
    if (!Files.isDirectory(data)) {
      Path alt = Path.of("..", "shared", "data").toAbsolutePath().normalize();
      if (Files.isDirectory(alt)) {
        return alt;
      }
      if ("true".equals(System.getenv("CI"))) {
        fail("CI=true but the shared datasets are missing at " + data + " (set CINEREC_SHARED to the folder "
            + "holding data/ when the checkout is not beside it)");
      }
      assumeTrue(false, "shared datasets not found at " + data + " (CINEREC_SHARED names the folder holding data/)");
    }
    return data;
  }

  /** {@code shared/data/ml-latest-small}. */
  public static Path mlLatestSmall() {
    return dir().resolve("ml-latest-small");
  }

  /** {@code shared/data/the-movies-dataset}. */
  public static Path moviesDataset() {
    return dir().resolve("the-movies-dataset");
  }

  /** {@code shared/peers}. */
  public static Path peers() {
    return dir().getParent().resolve("peers");
  }
}
