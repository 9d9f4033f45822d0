package org.cinerec.prep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cinerec.CinerecException;
import org.cinerec.data.Provenance;

/**
 * Collects what preparation did while readers run: rows read, rows dropped or changed by reason (stable
 * ids from {@link Reasons}), the first {@link #EXAMPLES} examples of each as "file:line: why", catalogue
 * and users file records skipped, and notes. In strict mode the first bad row throws instead, naming file:line:column.
 * Not thread-safe: parallel readers collect per chunk and merge in file order.
 */
public final class PrepReport {
  /** Examples kept per reason. */
  public static final int EXAMPLES = 5;

  private final boolean strict;
  private long rowsRead;
  private final Map<String, Long> dropped = new LinkedHashMap<>();
  private final Map<String, Long> changed = new LinkedHashMap<>();
  private final Map<String, Long> catalogSkipped = new LinkedHashMap<>();
  private final Map<String, Long> catalogFields = new LinkedHashMap<>();
  private final Map<String, Long> userSkipped = new LinkedHashMap<>();
  private final Map<String, List<String>> examples = new LinkedHashMap<>();
  private final List<String> notes = new ArrayList<>();

  public PrepReport(boolean strict) {
    this.strict = strict;
  }

  public boolean strict() {
    return strict;
  }

  public void addRowsRead(long n) {
    rowsRead += n;
  }

  public long rowsRead() {
    return rowsRead;
  }

  /**
   * A bad rating row: in strict mode throws "file:line:column: why"; otherwise counts it as dropped.
   * {@code column} is 1-based, or 0 when unknown.
   */
  public void badRow(String reason, String file, long line, int column, String why) {
    if (strict) {
      throw strictFailure(file, line, column, why);
    }
    drop(reason, file + ":" + line + ": " + why, 1);
  }

  /** The exception strict mode throws for a bad row. */
  public static CinerecException strictFailure(String file, long line, int column, String why) {
    return new CinerecException(file + ":" + line + (column > 0 ? ":" + column : "") + ": " + why
        + " (--strict stops at the first bad row; without it such rows are dropped and counted)");
  }

  /** Counts {@code count} dropped rating rows for a reason, keeping the example if there is room. */
  public void drop(String reason, String example, long count) {
    dropped.merge(reason, count, Long::sum);
    example(reason, example);
  }

  /** Counts rows kept but changed or flagged (e.g. given a placeholder title). */
  public void change(String reason, String example, long count) {
    changed.merge(reason, count, Long::sum);
    example(reason, example);
  }

  /** A catalogue field that could not be read: the record is kept with the field unknown. */
  public void unknownCatalogField(String reason, String example) {
    catalogFields.merge(reason, 1L, Long::sum);
    example(reason, example);
  }

  /** A catalogue record (movies file, metadata) that was skipped. */
  public void skipCatalogRecord(String reason, String example) {
    catalogSkipped.merge(reason, 1L, Long::sum);
    example(reason, example);
  }

  /** A users file record that was skipped (malformed, a repeated id, a user without ratings). */
  public void skipUserRecord(String reason, String example) {
    userSkipped.merge(reason, 1L, Long::sum);
    example(reason, example);
  }

  /** Keeps an example for a reason if fewer than {@link #EXAMPLES} are kept. */
  public void example(String reason, String example) {
    if (example == null) {
      return;
    }
    List<String> list = examples.computeIfAbsent(reason, r -> new ArrayList<>());
    if (list.size() < EXAMPLES) {
      list.add(example);
    }
  }

  /** True while fewer than {@link #EXAMPLES} examples are kept for a reason (to skip building the text). */
  public boolean wantsExample(String reason) {
    List<String> list = examples.get(reason);
    return list == null || list.size() < EXAMPLES;
  }

  public void note(String note) {
    notes.add(note);
  }

  public long dropped(String reason) {
    return dropped.getOrDefault(reason, 0L);
  }

  public long totalDropped() {
    return dropped.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The report as the dataset's provenance. */
  public Provenance toProvenance(String format, List<Provenance.SourceFile> sources, long rowsKept) {
    List<String> allNotes = new ArrayList<>();
    catalogSkipped.forEach((reason, n) -> allNotes.add(reason + ": " + n + " catalogue record(s) skipped"));
    catalogFields.forEach((reason, n) -> allNotes.add(reason + ": " + n
        + " catalogue field(s) left unknown (the records are kept)"));
    userSkipped.forEach((reason, n) -> allNotes.add(reason + ": " + n + " user record(s) skipped"));
    allNotes.addAll(notes);
    return new Provenance(format, sources, rowsRead, rowsKept, dropped, changed, examples, allNotes);
  }

  /**
   * The error when no rating of {@code name} is left: the file had no data rows, or every row was dropped
   * (with the first example); the core's readers and the Spark {@code prepare} say the same.
   */
  public CinerecException noRatings(String name) {
    if (rowsRead() == 0) {
      return new CinerecException(name + ": no ratings (the file has no data rows)");
    }
    Provenance p = toProvenance("", List.of(), 0);
    String first = p.examples().values().stream().flatMap(List::stream).findFirst().orElse("");
    return new CinerecException(name + ": no ratings left: all " + rowsRead() + " rows were dropped"
        + (first.isEmpty() ? "" : " (first: " + first + ")"));
  }
}
