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

/** The preparation report of a dataset as text (for people) or JSON (for scripts). */
public final class ReportFormat {
  private static final ObjectMapper JSON = new ObjectMapper()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private ReportFormat() {}

  /** A plain-text report, one fact a line, reasons sorted, with examples. */
  public static String text(Dataset d) {
    Provenance p = d.provenance();
    StringBuilder sb = new StringBuilder();
    sb.append("Preparation report (").append(p.format()).append(")\n");
    if (!p.sources().isEmpty()) {
      sb.append("  sources\n");
      for (Provenance.SourceFile s : p.sources()) {
        sb.append(String.format(Locale.ROOT, "    %s  %,d bytes  sha256 %s%n", s.path(), s.bytes(), s.sha256()));
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
    sb.append(String.format(Locale.ROOT, "  users %,d, movies %,d (%,d with metadata, %,d rated)%n", d.numUsers(),
        d.numItems(), withMetadata(d), d.ratings().activeItems()));
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
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("provenance", d.provenance());
    Map<String, Object> shape = new LinkedHashMap<>();
    shape.put("ratings", d.ratings().size());
    shape.put("users", d.numUsers());
    shape.put("movies", d.numItems());
    shape.put("moviesWithMetadata", withMetadata(d));
    shape.put("moviesRated", d.ratings().activeItems());
    root.put("shape", shape);
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
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
