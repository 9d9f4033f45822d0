package org.cinerec.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.cinerec.CinerecException;
import org.cinerec.Progress;
import org.cinerec.data.Dataset;
import org.cinerec.prep.PrepReport;
import org.cinerec.prep.Reasons;

/**
 * Ratings as JSON lines, one object a line (Amazon's review files, {@code {"reviewerID": ..., "asin": ...,
 * "overall": 5.0, "unixReviewTime": ...}}; their 2023 release's {@code user_id}, {@code rating} and
 * millisecond {@code timestamp}; Goodreads' {@code user_id}, {@code book_id}, {@code rating}): the keys are found
 * by their usual names as a CSV header's are ({@link GenericCsv.Names}), or named with {@code --user-col}
 * and the other column flags; every other key is skipped unread. Ids are text; a row's values go through the
 * CSV's row rules ({@link CsvRows#check}). A line that is not one JSON object, or lacks a key, is a
 * {@code field-count} row.
 */
final class JsonLines {
  private JsonLines() {}

  static final String EXPECTED = "one JSON object a line (JSON lines)";
  private static final JsonFactory JSON = JsonFactory.builder().build();

  /** True when a text file's first line starts a JSON object. */
  static boolean looksLikeJson(String firstLine) {
    return firstLine.stripLeading().startsWith("{");
  }

  static Dataset load(Path file, LoadOptions o, PrepReport report, Progress p) {
    String name = file.getFileName().toString();
    TextFiles.requireTextFile(file, EXPECTED);
    ColumnMapping m = o.columns() == null ? ColumnMapping.defaults() : o.columns();
    var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE);
    GenericCsv.NamedRows rows = new GenericCsv.NamedRows(name, report);
    String[] keys = null;
    long line = 0;
    long read = 0;
    p.start("Reading " + name, -1);
    try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder), 1 << 16)) {
      for (String l = in.readLine(); l != null; l = in.readLine()) {
        line++;
        if (line == 1 && l.startsWith("\uFEFF")) {
          l = l.substring(1);
        }
        if (l.isBlank()) {
          continue;
        }
        if (keys == null) {
          keys = keys(name, line, l, m);
        }
        read++;
        String[] v = new String[4];
        String problem = values(l, keys, v);
        if (problem != null) {
          rows.bad(Reasons.FIELD_COUNT, line, 0, problem);
          continue;
        }
        CsvRows.check(v[0], v[1], v[2], keys[3] == null ? null : v[3], line, new int[4], o.scale(), rows);
      }
    } catch (IOException e) {
      throw new CinerecException(name + ": cannot read: " + AtomicFiles.describe(e), e);
    }
    p.finish();
    if (keys == null) {
      throw new CinerecException(name + ": no JSON objects in the file (expected " + EXPECTED + ")");
    }
    report.addRowsRead(read);
    report.note("JSON keys: user " + keys[0] + ", movie " + keys[1] + ", rating " + keys[2] + ", time "
        + (keys[3] == null ? "none" : keys[3]));
    return rows.dataset(file, Format.JSONL, o, p);
  }

  /**
   * The keys of user, movie, rating and time (null: none) in the first object: those the flags name, else
   * found by their usual names. Fails naming the flag that fixes it.
   */
  static String[] keys(String name, long line, String first, ColumnMapping m) {
    List<String> present = new ArrayList<>();
    try (JsonParser jp = JSON.createParser(first)) {
      if (jp.nextToken() != JsonToken.START_OBJECT) {
        throw new CinerecException(name + ":" + line + ": not a JSON object (expected " + EXPECTED + ")");
      }
      for (JsonToken t = jp.nextToken(); t == JsonToken.FIELD_NAME; t = jp.nextToken()) {
        present.add(jp.currentName());
        jp.nextToken();
        jp.skipChildren();
      }
    } catch (JsonProcessingException e) {
      throw new CinerecException(name + ":" + line + ": not valid JSON: " + TextFiles.shown(JsonErrors.describe(e)));
    } catch (IOException e) {
      throw new CinerecException(name + ": cannot read: " + AtomicFiles.describe(e), e);
    }
    List<String> lower = present.stream().map(k -> k.toLowerCase(Locale.ROOT)).toList();
    // keys may hold line breaks and other controls: messages are one line
    String shown = "[" + String.join(", ", present.stream().map(TextFiles::shown).toList()) + "]";
    String[] out = new String[4];
    String[] given = {m.user(), m.item(), m.rating(), m.time()};
    String[] roles = {"user", "movie", "rating", "timestamp"};
    GenericCsv.Names[] names = {GenericCsv.USER, GenericCsv.MOVIE, GenericCsv.RATING, GenericCsv.TIME};
    for (int r = 0; r < 4; r++) {
      String g = given[r];
      if (r == 3 && g != null && (g.isEmpty() || g.equalsIgnoreCase("none"))) {
        continue;
      }
      if (g != null && g.matches("\\d+")) {
        throw CinerecException.usage(name + ": JSON keys have names, not positions: give --"
            + (r == 1 ? "item" : roles[r].equals("timestamp") ? "time" : roles[r]) + "-col a key of " + shown);
      }
      int k = g != null ? GenericCsv.indexOfName(lower, g) : GenericCsv.find(lower, names[r]);
      if (k < 0 && (g != null || r < 3)) {
        String flag = "--" + (r == 1 ? "item" : r == 3 ? "time" : roles[r]) + "-col";
        throw new CinerecException(name + ":" + line + ": " + (g == null ? "no " + roles[r] + " key"
            : "no key named \"" + g + "\" for the " + roles[r]) + " among " + shown + "; name it with " + flag);
      }
      out[r] = k < 0 ? null : present.get(k);
    }
    return out;
  }

  /** Reads {@code keys}' values of one line into {@code v} as text; the problem with the line, or null. */
  private static String values(String l, String[] keys, String[] v) {
    try (JsonParser jp = JSON.createParser(l)) {
      if (jp.nextToken() != JsonToken.START_OBJECT) {
        return "is not a JSON object";
      }
      for (JsonToken t = jp.nextToken(); t == JsonToken.FIELD_NAME; t = jp.nextToken()) {
        String key = jp.currentName();
        JsonToken value = jp.nextToken();
        int role = -1;
        for (int r = 0; r < 4; r++) {
          if (key.equals(keys[r])) {
            role = r;
          }
        }
        if (role < 0 || value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
          jp.skipChildren();
          if (role >= 0) {
            v[role] = "";
          }
          continue;
        }
        v[role] = value == JsonToken.VALUE_NULL ? "" : jp.getText();
      }
      if (jp.currentToken() != JsonToken.END_OBJECT || jp.nextToken() != null) {
        return "is not one JSON object";
      }
    } catch (JsonProcessingException e) {
      return "is not valid JSON: " + TextFiles.shown(JsonErrors.describe(e));
    } catch (IOException e) {
      return "cannot be read: " + e.getMessage();
    }
    for (int r = 0; r < 4; r++) {
      if (v[r] == null && keys[r] != null) {
        return "has no \"" + keys[r] + "\" key";
      }
    }
    return null;
  }
}
