package org.cinerec.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.cinerec.io.Archive;
import org.cinerec.io.DataCache;
import org.cinerec.io.Downloader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Downloads a GroupLens MovieLens archive into the cache, checksum-verified and atomically. */
@Command(name = "download", mixinStandardHelpOptions = true,
    description = {"Download a MovieLens archive from GroupLens into the cache folder ($XDG_CACHE_HOME/cinerec or "
        + "~/.cache/cinerec), verify its checksum and unpack it. Nothing half-downloaded is ever left in the cache.",
        "NAME: ml-latest-small (1 MB), ml-100k (5 MB), ml-1m (6 MB), ml-25m (250 MB), ml-32m (240 MB).",
        "Example: cinerec download ml-latest-small && cinerec info ~/.cache/cinerec/ml-latest-small"})
final class DownloadCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  @Parameters(index = "0", paramLabel = "NAME", description = "Archive to download (see above).")
  String name;

  @Option(names = "--mirror", paramLabel = "URL",
      description = "Where NAME.zip is: an http(s) URL, or a local folder (file:///path/ or a path; works "
          + "offline; NAME.zip.md5 beside it when the MD5 is not built in). Default: " + Downloader.DEFAULT_MIRROR
          + ", or -Dcinerec.mirror.")
  String mirror;

  @Option(names = "--cache", paramLabel = "DIR", description = "Cache folder (default: $XDG_CACHE_HOME/cinerec or "
      + "~/.cache/cinerec, or -Dcinerec.cache).")
  Path cache;

  @Option(names = "--force", description = "Download again even when a complete copy is in the cache.")
  boolean force;

  @Override
  public Integer call() {
    PrintWriter w = spec.commandLine().getOut();
    Archive archive = Archive.byName(name);
    Path dir = cache != null ? cache : DataCache.dir();
    Downloader downloader = new Downloader(mirror, dir);
    boolean had = DataCache.find(dir, archive.name()).isPresent();
    if (had && !force) {
      w.printf(Locale.ROOT, "%s is already in %s (use --force to download it again)%n", archive.name(), dir.resolve(archive.name()));
      return 0;
    }
    try (ProgressBars bars = ProgressBars.stderr()) {
      Path folder = downloader.fetch(archive, force, bars);
      w.printf(Locale.ROOT, "downloaded %s from %s: %s verified, %d files in %s%n", archive.name(),
          downloader.url(archive), archive.md5() != null ? "MD5" : "published MD5", files(folder), folder);
    }
    return 0;
  }

  private static long files(Path folder) {
    try (Stream<Path> s = Files.list(folder)) {
      return s.filter(p -> !p.getFileName().toString().equals(DataCache.MARKER)).count();
    } catch (IOException e) {
      return -1;
    }
  }
}
