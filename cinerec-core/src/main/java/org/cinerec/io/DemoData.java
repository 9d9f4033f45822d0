package org.cinerec.io;

import java.nio.file.Path;
import java.util.Optional;
import org.cinerec.Progress;
import org.cinerec.data.Dataset;
import org.cinerec.synth.Preset;
import org.cinerec.synth.SyntheticData;

/**
 * The demo's data: a downloaded ml-latest-small from the {@link DataCache} when there is one, else the
 * synthetic {@code small} preset (seed 42), which needs no network. {@link Choice#description()} says
 * which, for the demo to print.
 */
public final class DemoData {
  /** The seed of the synthetic fallback. */
  public static final long SEED = 42;

  private DemoData() {}

  /** The data chosen and a one-line description of where it came from. */
  public record Choice(Dataset data, String description, boolean real) {}

  /** A complete downloaded ml-latest-small in {@code cache}, if any. */
  public static Optional<Path> downloaded(Path cache) {
    return DataCache.find(cache, Archive.ML_LATEST_SMALL.name());
  }

  /** Loads the demo data from {@code cache} (null = the default cache folder). */
  public static Choice load(Path cache, Progress progress) {
    Path dir = cache != null ? cache : DataCache.dir();
    Optional<Path> real = downloaded(dir);
    if (real.isPresent()) {
      Dataset d = DataSources.load(real.get(), LoadOptions.defaults(), progress);
      return new Choice(d, "MovieLens ml-latest-small, downloaded to " + real.get(), true);
    }
    Dataset d = SyntheticData.generate(Preset.SMALL, SEED, progress);
    return new Choice(d, "synthetic MovieLens-like data (preset small, seed " + SEED + "; run `cinerec download "
        + "ml-latest-small` to use the real data)", false);
  }
}
