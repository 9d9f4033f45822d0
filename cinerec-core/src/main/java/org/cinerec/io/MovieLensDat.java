package org.cinerec.io;

import java.nio.file.Path;
import org.cinerec.CinerecException;
import org.cinerec.Progress;
import org.cinerec.data.Dataset;
import org.cinerec.prep.PrepReport;

/** Reader stub. */
final class MovieLensDat {
  private MovieLensDat() {}

  static Dataset load(Path path, LoadOptions o, PrepReport report, Progress p) {
    throw new CinerecException(path + ": this format is not supported yet");
  }
}
