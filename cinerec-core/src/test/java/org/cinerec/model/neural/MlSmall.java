package org.cinerec.model.neural;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cinerec.data.Catalog;
import org.cinerec.data.Dataset;
import org.cinerec.data.IdIndex;
import org.cinerec.data.Provenance;
import org.cinerec.data.Ratings;

/**
 * Test-only minimal reader of a MovieLens folder (ratings.csv + movie ids of movies.csv/links*.csv), until
 * the io helper's {@code DataSources} lands: users in order of first appearance, items = the catalogue ids
 * then any rated id missing from it (as the Dataset contract says), placeholder catalog entries.
 */
final class MlSmall {
  private MlSmall() {}

  static Dataset load(Path dir) {
    try {
      Path ratingsFile = Files.exists(dir.resolve("ratings.csv")) ? dir.resolve("ratings.csv")
          : dir.resolve("ratings_small.csv");
      Map<String, Integer> users = new LinkedHashMap<>();
      Map<String, Integer> items = new LinkedHashMap<>();
      for (String name : List.of("movies.csv", "links.csv", "links_small.csv")) {
        Path f = dir.resolve(name);
        if (Files.exists(f)) {
          for (String line : lines(f)) {
            items.putIfAbsent(line.substring(0, line.indexOf(',')), items.size());
          }
          break;
        }
      }
      List<String> rows = lines(ratingsFile);
      int n = rows.size();
      int[] u = new int[n];
      int[] i = new int[n];
      float[] r = new float[n];
      int[] ts = new int[n];
      for (int k = 0; k < n; k++) {
        String[] c = rows.get(k).split(",");
        u[k] = users.computeIfAbsent(c[0], x -> users.size());
        i[k] = items.computeIfAbsent(c[1], x -> items.size());
        r[k] = Float.parseFloat(c[2]);
        ts[k] = Ratings.packTimestamp(Long.parseLong(c[3].trim()));
      }
      Catalog.Builder cb = Catalog.builder();
      for (String id : items.keySet()) {
        cb.addPlaceholder(id);
      }
      return new Dataset(new Ratings(u, i, r, ts, users.size(), items.size()), IdIndex.of(new ArrayList<>(users.keySet())),
          IdIndex.of(new ArrayList<>(items.keySet())), cb.build(), Provenance.of("movielens-test", n, null));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> lines(Path f) throws IOException {
    List<String> out = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
      in.readLine();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        line = line.strip();
        if (!line.isEmpty()) {
          out.add(line);
        }
      }
    }
    return out;
  }
}
