package org.cinerec.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.cinerec.CinerecException;
import org.cinerec.data.Catalog;
import org.cinerec.data.IdIndex;
import org.cinerec.prep.MovieTable;

/**
 * A movie catalogue on its own, as JSON: the movie ids as spelled, in catalogue order, and the catalogue's
 * columns in the dataset file's form ({@link CatalogJson}; a movie without metadata is a placeholder). The
 * Spark {@code prepare} job writes it beside its Parquet ({@value #NAME}) and {@code export} reads it back,
 * so titles survive the Spark path.
 */
public final class CatalogFile {
  /** The file's name in a {@code prepare} output folder. */
  public static final String NAME = "catalogue.json";

  private CatalogFile() {}

  record Json(List<String> ids, CatalogJson catalog) {}

  /** The movies read: {@code ids} (item order) and their catalogue entries. */
  public record Entries(IdIndex ids, Catalog catalog) {
    /**
     * The entry of each id in {@code items} (matched by {@link IdIndex#key}), in that order; a placeholder
     * for an id the catalogue lacks or has no metadata for.
     */
    public Catalog forItems(IdIndex items) {
      Catalog.Builder b = Catalog.builder();
      for (String id : items.ids()) {
        int i = ids.indexOf(id);
        if (i < 0) {
          b.addPlaceholder(id);
        } else {
          b.addFrom(catalog, i, id);
        }
      }
      return b.build();
    }
  }

  /** The JSON of a catalogue as read ({@link MovieTable}: file order, each id as spelled). */
  public static byte[] json(MovieTable movies) {
    Catalog.Builder b = Catalog.builder();
    String[] ids = new String[movies.size()];
    int k = 0;
    for (MovieTable.Movie m : movies.movies()) {
      ids[k++] = m.id();
      if (m.hasMetadata()) {
        b.add(m.title(), m.year(), m.genres(), m.imdbId(), m.tmdbId(), m.details());
      } else {
        b.addPlaceholder(m.id());
      }
    }
    try {
      return DatasetFile.MAPPER.writeValueAsBytes(new Json(List.of(ids), CatalogJson.of(b.build())));
    } catch (JsonProcessingException e) {
      throw new CinerecException("cannot write the catalogue: " + e.getMessage(), e);
    }
  }

  /** Reads what {@link #json} wrote; {@code name} names the file in a bad input's message. */
  public static Entries read(String name, InputStream in) {
    Json j;
    try {
      j = DatasetFile.MAPPER.readValue(in, Json.class);
    } catch (IOException e) {
      throw new CinerecException(name + ": not a catalogue file: " + e.getMessage(), e);
    }
    if (j == null || j.ids() == null || j.catalog() == null || j.catalog().title() == null
        || j.catalog().title().size() != j.ids().size()) {
      throw new CinerecException(name + ": not a catalogue file (needs \"ids\" and \"catalog\" of the same length)");
    }
    IdIndex ids;
    try {
      ids = IdIndex.of(j.ids());
    } catch (RuntimeException e) {
      throw new CinerecException(name + ": bad movie ids: " + e.getMessage(), e);
    }
    return new Entries(ids, j.catalog().toCatalog());
  }
}
