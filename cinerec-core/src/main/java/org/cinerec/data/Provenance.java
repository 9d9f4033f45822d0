package org.cinerec.data;

import java.util.List;
import java.util.Map;

/**
 * Where a dataset came from and what preparation did to it: the source files with their sha256, the
 * rows read and kept, and the rows dropped or changed by reason with the first few examples. Travels
 * inside the binary dataset file and is printed as the preparation report.
 *
 * @param format      the detected or given input format, e.g. "movielens-csv", "kaggle-movies", "synthetic"
 * @param sources     the files read
 * @param rowsRead    rating rows read (data rows, header excluded)
 * @param rowsKept    rating rows in the dataset
 * @param dropped     rating rows dropped, by reason (reason → count); reasons are stable identifiers
 * @param changed     rows kept but changed or flagged, by reason (e.g. "movie without metadata")
 * @param examples    for each reason, the first few examples ("ratings.csv:1042: rating \"5.5\" ...")
 * @param notes       free-text notes (e.g. "synthetic preset small, seed 42")
 */
public record Provenance(
    String format,
    List<SourceFile> sources,
    long rowsRead,
    long rowsKept,
    Map<String, Long> dropped,
    Map<String, Long> changed,
    Map<String, List<String>> examples,
    List<String> notes) {

  /** One input file. */
  public record SourceFile(String path, String sha256, long bytes) {}

  public Provenance {
    sources = List.copyOf(sources);
    dropped = Map.copyOf(dropped);
    changed = Map.copyOf(changed);
    examples = Map.copyOf(examples);
    notes = List.copyOf(notes);
  }

  /** Provenance for data made in memory (tests, generators). */
  public static Provenance of(String format, long rows, String note) {
    return new Provenance(format, List.of(), rows, rows, Map.of(), Map.of(), Map.of(),
        note == null ? List.of() : List.of(note));
  }

  public long totalDropped() {
    return dropped.values().stream().mapToLong(Long::longValue).sum();
  }
}
