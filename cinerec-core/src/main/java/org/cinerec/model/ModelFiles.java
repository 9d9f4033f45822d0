package org.cinerec.model;

import java.io.IOException;
import java.nio.file.Path;
import org.cinerec.CinerecException;
import org.cinerec.data.Catalog;
import org.cinerec.data.IdIndex;
import org.cinerec.store.ModelFile;
import org.cinerec.store.ModelWriter;
import org.cinerec.store.SectionReader;

/**
 * Saving and loading models: what a model file ({@link ModelFile}, the container) holds for a model, and
 * the dispatch on its kind through {@link ModelFamilies}. The header is the model's {@link ModelInfo}; the
 * sections are the user and item vocabularies ({@code vocab.users}, {@code vocab.items}), the catalog of its
 * items ({@code catalog.*}) so the file answers alone, then the model's own ({@link Recommender#write}).
 */
public final class ModelFiles {
  private ModelFiles() {}

  /**
   * A model read back with the catalog saved beside it, and the file's {@link ModelFile#contentId} as its
   * version (what {@code recommend --json} and the HTTP API call {@code modelVersion}).
   */
  public record Saved(Recommender model, Catalog catalog, String version) {}

  /** Saves a model and the catalog of its items atomically. */
  public static void save(Path path, Recommender model, Catalog catalog) {
    save(path, model, model.info(), catalog);
  }

  /**
   * Saves a model with {@code info} in place of its own (the CLI records the split it cut the data with and
   * how the data was read, which the trainer does not know) and the catalog of its items, atomically.
   */
  public static void save(Path path, Recommender model, ModelInfo info, Catalog catalog) {
    if (catalog.size() != model.items().size()) {
      throw new IllegalArgumentException("catalog has " + catalog.size() + " entries, model has " + model.items().size() + " items");
    }
    ModelFile.write(path, model.kind(), info, w -> {
      w.putStrings("vocab.users", model.users().ids());
      w.putStrings("vocab.items", model.items().ids());
      writeCatalog(w, catalog);
      model.write(w);
    });
  }

  /** Loads any model, dispatching on the kind stored in the file. */
  public static Saved load(Path path) {
    return load(path, null);
  }

  /**
   * Loads a model, checking the checksum first; when {@code expectedKind} is not null a file of another
   * kind is refused. A format-1 file loads with its data fingerprint set to 0 (unknown: it held an
   * order-sensitive value) and the scale its data format defines, else its training range.
   */
  public static Saved load(Path path, String expectedKind) {
    return load(ModelFile.read(path), expectedKind);
  }

  /** Loads a model from a file's bytes; {@code name} names them in messages (for tests and fuzzers). */
  public static Saved load(String name, byte[] bytes, String expectedKind) {
    return load(ModelFile.read(name, bytes), expectedKind);
  }

  private static Saved load(ModelFile file, String expectedKind) {
    String name = file.name();
    String kind = file.kind();
    if (expectedKind != null && !expectedKind.equals(kind)) {
      throw new CinerecException(name + ": is a \"" + kind + "\" model, expected \"" + expectedKind + "\"");
    }
    ModelInfo info = file.header(ModelInfo.class);
    if (file.version() == 1) {
      info = info.withDataFingerprint(0);
    }
    try {
      SectionReader sections = file.sections();
      IdIndex users = IdIndex.of(sections.strings("vocab.users"));
      IdIndex items = IdIndex.of(sections.strings("vocab.items"));
      Catalog catalog = readCatalog(sections, items);
      Recommender model = ModelFamilies.get(kind).read(new ModelReader(sections, info, users, items));
      return new Saved(model, catalog, file.contentId());
    } catch (IOException | RuntimeException e) {
      if (e instanceof CinerecException c) {
        throw c;
      }
      throw new CinerecException(name + ": cannot read model: " + CinerecException.oneLine(e), e);
    }
  }

  private static void writeCatalog(ModelWriter w, Catalog c) throws IOException {
    int n = c.size();
    String[] titles = new String[n];
    int[] years = new int[n];
    String[] genres = new String[n];
    String[] imdb = new String[n];
    String[] tmdb = new String[n];
    int[] hasMeta = new int[n];
    for (int i = 0; i < n; i++) {
      titles[i] = c.title(i);
      years[i] = c.year(i);
      genres[i] = String.join("|", c.genres(i));
      imdb[i] = c.imdbId(i);
      tmdb[i] = c.tmdbId(i);
      hasMeta[i] = c.hasMetadata(i) ? 1 : 0;
    }
    w.putStrings("catalog.titles", titles);
    w.putInts("catalog.years", years);
    w.putStrings("catalog.genres", genres);
    w.putStrings("catalog.imdb", imdb);
    w.putStrings("catalog.tmdb", tmdb);
    w.putInts("catalog.has_metadata", hasMeta);
    if (c.hasDetails()) { // only then: a catalogue without details is written as before they existed
      String[] language = new String[n];
      int[] runtime = new int[n];
      String[] overview = new String[n];
      for (int i = 0; i < n; i++) {
        language[i] = c.language(i);
        runtime[i] = c.runtime(i);
        overview[i] = c.overview(i);
      }
      w.putStrings("catalog.language", language);
      w.putInts("catalog.runtime", runtime);
      w.putStrings("catalog.overview", overview);
    }
  }

  private static Catalog readCatalog(SectionReader r, IdIndex items) {
    String[] titles = r.strings("catalog.titles");
    int[] years = r.ints("catalog.years");
    String[] genres = r.strings("catalog.genres");
    String[] imdb = r.strings("catalog.imdb");
    String[] tmdb = r.strings("catalog.tmdb");
    int[] hasMeta = r.ints("catalog.has_metadata");
    // the details sections are optional (files without details, every file written before they existed)
    String[] language = r.has("catalog.language") ? r.strings("catalog.language") : null;
    int[] runtime = r.has("catalog.runtime") ? r.ints("catalog.runtime") : null;
    String[] overview = r.has("catalog.overview") ? r.strings("catalog.overview") : null;
    String[] ids = items.ids();
    Catalog.Builder b = Catalog.builder();
    for (int i = 0; i < titles.length; i++) {
      if (hasMeta[i] == 0) {
        b.addPlaceholder(ids[i]);
      } else {
        Catalog.Details more = new Catalog.Details(language != null && i < language.length ? language[i] : null,
            runtime != null && i < runtime.length ? runtime[i] : Catalog.NO_RUNTIME,
            overview != null && i < overview.length ? overview[i] : null);
        b.add(titles[i], years[i], genres[i].isEmpty() ? new String[0] : genres[i].split("\\|"), imdb[i], tmdb[i],
            more.isEmpty() ? Catalog.Details.NONE : more);
      }
    }
    return b.build();
  }
}
