package org.cinerec.viz.stats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cinerec.CinerecException;
import org.cinerec.eval.EvaluationReport;
import org.cinerec.eval.ProtocolResult;
import org.cinerec.io.AtomicFiles;

/**
 * Models side by side, read from the JSON that {@code cinerec compare --out PREFIX} writes (an object
 * whose "results" list holds {@link ProtocolResult} objects, each with a "label"; older files are the
 * list alone; {@code tune --json} has the same "results"; unknown fields are ignored), from one
 * {@link ProtocolResult} or {@link EvaluationReport} (as
 * {@code evaluate --json} prints it; {@code train --json}'s nested "evaluation" too) or a list of them, or
 * from a plain map
 * {@code {"model": {"1": 0.01, "10": 0.08}}} of top-K accuracy by K.
 *
 * @param entries one per model, in file order
 */
public record Leaderboard(List<Entry> entries) {

  /**
   * One model's numbers: metric name (as {@link EvaluationReport#metrics()} names them) → mean over the
   * folds, and → standard deviation (0 for one fold).
   */
  public record Entry(String label, String model, String protocol, Map<String, String> params,
      Map<String, Double> mean, Map<String, Double> std) {}

  private static final ObjectMapper JSON = new ObjectMapper()
      .configure(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
      .registerModule(nullIsNaN());
  private static final Pattern TOP_K = Pattern.compile("top(\\d+)_accuracy");

  public Leaderboard {
    entries = List.copyOf(entries);
  }

  public static Leaderboard read(Path file) {
    String text;
    try {
      text = Files.readString(file);
    } catch (IOException e) {
      throw new CinerecException("--leaderboard " + file + ": cannot read: " + AtomicFiles.describe(e), e);
    }
    return parse(text, file.toString());
  }

  public static Leaderboard parse(String json, String source) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new CinerecException(source + ": not JSON: " + e.getOriginalMessage());
    }
    List<Entry> raw = new ArrayList<>();
    try {
      if (root != null && root.isObject() && root.path("results").isArray()) { // compare --json / --out, tune --json
        for (JsonNode n : root.get("results")) {
          raw.add(entry(n, source));
        }
      } else if (root != null && root.isArray()) { // compare's list before it named its data
        for (JsonNode n : root) {
          raw.add(entry(n, source));
        }
      } else if (root != null && root.isObject() && (root.has("summary") || isReport(root))) {
        raw.add(entry(root, source));
      } else if (root != null && root.isObject()) {
        root.fields().forEachRemaining(f -> raw.add(simple(f.getKey(), f.getValue(), source)));
      }
    } catch (IllegalArgumentException e) {
      throw new CinerecException(source + ": not a leaderboard (" + e.getMessage() + "); give the JSON of "
          + "cinerec compare --out, evaluate --json, or {\"model\": {\"K\": accuracy}}");
    }
    if (raw.isEmpty()) {
      throw new CinerecException(source + ": the leaderboard lists no model");
    }
    return new Leaderboard(label(raw));
  }

  private static boolean isReport(JsonNode n) {
    return n.has("model") && (n.has("rating") || n.has("accuracy") || n.has("ranking") || n.path("evaluation").isObject());
  }

  private static Entry entry(JsonNode n, String source) throws IllegalArgumentException {
    if (n.has("summary")) {
      ProtocolResult r = JSON.convertValue(withTextParams(n), ProtocolResult.class);
      Map<String, Double> mean = new LinkedHashMap<>();
      Map<String, Double> std = new LinkedHashMap<>();
      r.summary().forEach((k, s) -> {
        mean.put(k, s.mean());
        std.put(k, s.std());
      });
      String label = n.hasNonNull("label") ? n.get("label").asText() : r.model();
      return new Entry(label, r.model(), r.protocol(), r.params(), mean, std);
    }
    if (n.path("evaluation").isObject()) { // train --json: the report is nested
      Entry e = entry(n.get("evaluation"), source);
      return new Entry(e.label(), e.model(), n.path("split").asText(e.protocol()), e.params(), e.mean(), e.std());
    }
    if (isReport(n)) {
      EvaluationReport r = JSON.convertValue(n, EvaluationReport.class);
      Map<String, Double> mean = r.metrics();
      Map<String, Double> std = new LinkedHashMap<>();
      mean.keySet().forEach(k -> std.put(k, 0.0));
      return new Entry(r.model(), r.model(), r.protocol(), Map.of(), mean, std);
    }
    throw new IllegalArgumentException("an element has neither \"summary\" nor \"model\" with metrics");
  }

  private static Entry simple(String model, JsonNode byK, String source) {
    if (!byK.isObject()) {
      throw new IllegalArgumentException("\"" + model + "\" should map K to accuracy");
    }
    Map<String, Double> mean = new LinkedHashMap<>();
    Map<String, Double> std = new LinkedHashMap<>();
    byK.fields().forEachRemaining(f -> {
      if (!f.getKey().matches("\\d+") || !f.getValue().isNumber()) {
        throw new IllegalArgumentException("\"" + model + "\": \"" + f.getKey() + "\" should be K: accuracy");
      }
      mean.put("top" + f.getKey() + "_accuracy", f.getValue().asDouble());
      std.put("top" + f.getKey() + "_accuracy", 0.0);
    });
    return new Entry(model, model, null, Map.of(), mean, std);
  }

  /**
   * A copy whose "params" values are text, as {@link ProtocolResult} holds them: the JSON gives them
   * their types (numbers, booleans, arrays of numbers joined with commas).
   */
  private static JsonNode withTextParams(JsonNode n) {
    if (!n.path("params").isObject()) {
      return n;
    }
    com.fasterxml.jackson.databind.node.ObjectNode copy = n.deepCopy();
    com.fasterxml.jackson.databind.node.ObjectNode params = JSON.createObjectNode();
    n.get("params").fields().forEachRemaining(f -> {
      JsonNode v = f.getValue();
      if (v.isArray()) {
        List<String> parts = new ArrayList<>();
        v.forEach(x -> parts.add(x.asText()));
        params.put(f.getKey(), String.join(",", parts));
      } else {
        params.put(f.getKey(), v.isNull() ? "" : v.asText());
      }
    });
    copy.set("params", params);
    return copy;
  }

  /**
   * The CLI writes NaN and infinities as JSON null: read null back as NaN, for {@code double} fields and
   * inside {@code double[]} (Jackson would make them 0, a number that was never measured).
   */
  private static com.fasterxml.jackson.databind.module.SimpleModule nullIsNaN() {
    var m = new com.fasterxml.jackson.databind.module.SimpleModule("cinerec-null-is-nan");
    m.addDeserializer(Double.TYPE,
        new com.fasterxml.jackson.databind.deser.std.NumberDeserializers.DoubleDeserializer(Double.TYPE, Double.NaN));
    m.addDeserializer(double[].class, new com.fasterxml.jackson.databind.JsonDeserializer<double[]>() {
      @Override
      public double[] deserialize(com.fasterxml.jackson.core.JsonParser p,
          com.fasterxml.jackson.databind.DeserializationContext ctx) throws IOException {
        JsonNode a = p.readValueAsTree();
        if (!a.isArray()) {
          return (double[]) ctx.handleUnexpectedToken(double[].class, p);
        }
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
          JsonNode v = a.get(i);
          out[i] = v.isNull() ? Double.NaN : v.isNumber() ? v.asDouble() : Double.parseDouble(v.asText());
        }
        return out;
      }
    });
    return m;
  }

  /**
   * Labels as given (compare's KIND@LABEL) or the model kind; labels that appear more than once get the
   * parameters (or a number) added.
   */
  private static List<Entry> label(List<Entry> raw) {
    Map<String, Integer> seen = new HashMap<>();
    raw.forEach(e -> seen.merge(e.label(), 1, Integer::sum));
    Map<String, Integer> nth = new HashMap<>();
    List<Entry> out = new ArrayList<>();
    for (Entry e : raw) {
      String label = e.label();
      if (seen.get(e.label()) > 1) {
        int k = nth.merge(e.label(), 1, Integer::sum);
        label = e.params().isEmpty() ? e.label() + " #" + k : e.label() + " (" + params(e.params()) + ")";
      }
      out.add(new Entry(label, e.model(), e.protocol(), e.params(), e.mean(), e.std()));
    }
    return out;
  }

  private static String params(Map<String, String> p) {
    List<String> parts = new ArrayList<>();
    p.forEach((k, v) -> parts.add(k + "=" + v));
    return String.join(" ", parts);
  }

  /** Every metric any entry has, in first-seen order. */
  public List<String> metrics() {
    Set<String> names = new LinkedHashSet<>();
    entries.forEach(e -> names.addAll(e.mean().keySet()));
    return new ArrayList<>(names);
  }

  /** Top-K accuracy by K of one entry (every movie competing, or training movies excluded). */
  public static TreeMap<Integer, Double> topK(Entry e, boolean excludingTrain) {
    TreeMap<Integer, Double> out = new TreeMap<>();
    e.mean().forEach((name, v) -> {
      String base = excludingTrain ? name.replaceFirst("_excl$", "") : name;
      if (excludingTrain != name.endsWith("_excl")) {
        return;
      }
      Matcher m = TOP_K.matcher(base);
      if (m.matches()) {
        out.put(Integer.parseInt(m.group(1)), v);
      }
    });
    return out;
  }

  /** True when some entry has top-K accuracy at two or more K. */
  public boolean hasTopKCurves() {
    return entries.stream().anyMatch(e -> topK(e, false).size() >= 2 || topK(e, true).size() >= 2);
  }
}
