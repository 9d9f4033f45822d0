package org.cinerec.prep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.cinerec.data.Dataset;
import org.cinerec.data.Provenance;
import org.cinerec.data.RatingScale;

/** The preparation report of a dataset as text (for people) or JSON (for scripts). */
public final class ReportFormat {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  /** Source files the text report lists one by one; past that it counts the rest (the JSON report lists all). */
  static final int SOURCES_SHOWN = 12;

  private ReportFormat() {}

  /** A plain-text report, one fact a line, reasons sorted, with examples. */
  public static String text(Dataset d) {
    Provenance p = d.provenance();
    StringBuilder sb = new StringBuilder();
    sb.append("Preparation report (").append(p.format()).append(")\n");
    if (!p.sources().isEmpty()) {
      sb.append("  sources\n");
      List<Provenance.SourceFile> all = p.sources();
      int shown = all.size() <= SOURCES_SHOWN ? all.size() : SOURCES_SHOWN - 1; // the Netflix Prize's 17,771 files
      for (Provenance.SourceFile s : all.subList(0, shown)) {
        sb.append(String.format(Locale.ROOT, "    %s  %,d bytes  sha256 %s%n", s.path(), s.bytes(), s.sha256()));
      }
      if (shown < all.size()) {
        long bytes = all.subList(shown, all.size()).stream().mapToLong(Provenance.SourceFile::bytes).sum();
        sb.append(String.format(Locale.ROOT, "    ... and %,d more files, %,d bytes (every one with its sha256 in the "
            + "JSON report)%n", all.size() - shown, bytes));
      }
    }
    sb.append(String.format(Locale.ROOT, "  rows read      %,12d%n", p.rowsRead()));
    sb.append(String.format(Locale.ROOT, "  rows kept      %,12d%n", p.rowsKept()));
    sb.append(String.format(Locale.ROOT, "  rows dropped   %,12d%n", p.totalDropped()));
    reasons(sb, p.dropped(), p.examples());
    long changed = p.changed().values().stream().mapToLong(Long::longValue).sum();
    sb.append(String.format(Locale.ROOT, "  rows changed   %,12d%s%n", changed,
        p.changed().containsKey(Reasons.NO_METADATA) ? " (kept; movie without metadata gets a placeholder title)" : ""));
    reasons(sb, p.changed(), p.examples());
    sb.append("  scale          ").append(d.scale().describe()).append('\n');
    sb.append(String.format(Locale.ROOT, "  users %,d, movies %,d (%,d with metadata, %,d rated)%n", d.numUsers(),
        d.numItems(), withMetadata(d), d.ratings().activeItems()));
    if (!d.userAttributes().isEmpty()) {
      sb.append(String.format(Locale.ROOT, "  user attributes %s: known for %,d of the %,d users%n",
          String.join(", ", d.userAttributes().names()), d.userAttributes().usersKnown(), d.numUsers()));
    }
    for (String note : p.notes()) {
      sb.append("  note: ").append(note).append('\n');
      String reason = note.contains(":") ? note.substring(0, note.indexOf(':')) : "";
      if (!p.dropped().containsKey(reason) && !p.changed().containsKey(reason)) {
        for (String ex : p.examples().getOrDefault(reason, List.of())) {
          sb.append("      e.g. ").append(ex).append('\n');
        }
      }
    }
    return sb.toString();
  }

  private static void reasons(StringBuilder sb, Map<String, Long> counts, Map<String, List<String>> examples) {
    for (Map.Entry<String, Long> e : new TreeMap<>(counts).entrySet()) {
      sb.append(String.format(Locale.ROOT, "    %-16s %,10d%n", e.getKey(), e.getValue()));
      for (String ex : examples.getOrDefault(e.getKey(), List.of())) {
        sb.append("      e.g. ").append(ex).append('\n');
      }
    }
  }

  /** The report as JSON: the provenance plus the dataset's shape. Keys sorted. */
  public static String json(Dataset d) {
    return json(d.provenance(), d.scale(), d.ratings().size(), d.numUsers(), d.numItems(), withMetadata(d),
        d.ratings().activeItems());
  }

  /**
   * The same JSON from its parts, for preparations that hold no {@link Dataset} in memory (the Spark
   * {@code prepare} job): one schema whichever engine prepared the data.
   */
  public static String json(Provenance provenance, RatingScale scale, long ratings, long users, long movies,
      long moviesWithMetadata, long moviesRated) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("provenance", provenance);
    root.put("scale", scale);
    Map<String, Object> shape = new LinkedHashMap<>();
    shape.put("ratings", ratings);
    shape.put("users", users);
    shape.put("movies", movies);
    shape.put("moviesWithMetadata", moviesWithMetadata);
    shape.put("moviesRated", moviesRated);
    root.put("shape", shape);
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The one line every data-reading command prints on stderr, so nothing is dropped silently, e.g.
   * {@code read 100,000 rows: kept 99,998, dropped 2 (out-of-scale 2); scale 0..10 in steps of 1
   * (inferred); details: cinerec prepare DATA}. Rows kept but changed (placeholder titles) are counted
   * after the kept rows; {@code details}, when not null, is the command that prints every reason with
   * examples and is shown only when something was dropped or changed. A dataset file says "prepared
   * from" (its counts are those of the preparation).
   */
  public static String summaryLine(Dataset d, String details) {
    Provenance p = d.provenance();
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "read %,d rows: kept %,d", p.rowsRead(), p.rowsKept()));
    long changed = p.changed().values().stream().mapToLong(Long::longValue).sum();
    if (changed > 0) {
      sb.append(" (").append(counts(p.changed())).append(")");
    }
    sb.append(String.format(Locale.ROOT, ", dropped %,d", p.totalDropped()));
    if (p.totalDropped() > 0) {
      sb.append(" (").append(counts(p.dropped())).append(")");
    }
    sb.append("; scale ").append(d.scale().describe());
    if (details != null && (p.totalDropped() > 0 || changed > 0)) {
      sb.append("; details: ").append(details);
    }
    return sb.toString();
  }

  /**
   * The {@code data} object of every command's {@code --json}: the same counts as
   * {@link #summaryLine}: format, rows read and kept, dropped and changed by reason, and the scale.
   */
  public static Map<String, Object> dataJson(Dataset d, String path) {
    Provenance p = d.provenance();
    Map<String, Object> m = new LinkedHashMap<>();
    if (path != null) {
      m.put("path", path);
    }
    m.put("format", p.format());
    m.put("rowsRead", p.rowsRead());
    m.put("rowsKept", p.rowsKept());
    m.put("rowsDropped", p.totalDropped());
    m.put("dropped", new TreeMap<>(p.dropped()));
    m.put("changed", new TreeMap<>(p.changed()));
    m.put("scale", d.scale());
    return m;
  }

  /** "duplicate 1, out-of-scale 2": reasons sorted by id. */
  private static String counts(Map<String, Long> byReason) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, Long> e : new TreeMap<>(byReason).entrySet()) {
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(e.getKey()).append(' ').append(String.format(Locale.ROOT, "%,d", e.getValue()));
    }
    return sb.toString();
  }

  static int withMetadata(Dataset d) {
    int n = 0;
    for (int i = 0; i < d.numItems(); i++) {
      if (d.catalog().hasMetadata(i)) {
        n++;
      }
    }
    return n;
  }
}
