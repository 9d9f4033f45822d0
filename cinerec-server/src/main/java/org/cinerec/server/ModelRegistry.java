package org.cinerec.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.cinerec.CinerecException;
import org.cinerec.serve.NewMovie;
import org.cinerec.serve.PopularityPrior;

/**
 * The models a server serves, by name, each behind an {@link AtomicReference}: a reload reads and warms the
 * new model first, then swaps the reference, so a request that already took the old model finishes on it
 * and none fails or waits (as Vespa swaps a model). The first model is the default.
 *
 * <p>It also holds the movies added through the service ({@link #addMovie}): every model is served with them
 * (a reload too), and adding one swaps in each model with the longer catalogue the same way. Reloads and
 * additions take one lock, so neither loses the other's change.
 */
final class ModelRegistry {
  private final Map<String, AtomicReference<ServedModel>> models = new LinkedHashMap<>();
  private final Map<String, Path> paths = new LinkedHashMap<>();
  private final String defaultName;
  private final AtomicLong generations = new AtomicLong();
  private final Object reloadLock = new Object();
  private final Consumer<ServedModel> onSwap;
  private final PopularityPrior.Schedule prior;
  /** The movies added through the service, in the order added; replaced (never changed) under the lock. */
  private volatile List<NewMovie> added;

  /**
   * Loads and warms every model; names are file stems and must differ. {@code prior}: the prior toward
   * popularity each model's folded-in users get, or null for none; {@code added}: the movies added through
   * the service so far (from the store).
   */
  ModelRegistry(List<Path> files, PopularityPrior.Schedule prior, List<NewMovie> added,
      Consumer<ServedModel> onSwap) {
    this.onSwap = onSwap;
    this.prior = prior;
    this.added = List.copyOf(added);
    for (Path p : files) {
      String name = ServedModel.nameOf(p);
      if (paths.containsKey(name)) {
        throw CinerecException.usage("two models are named \"" + name + "\" (" + paths.get(name) + " and " + p
            + "): a model is served under its file name, so give them different names");
      }
      paths.put(name, p);
    }
    for (Map.Entry<String, Path> e : paths.entrySet()) {
      models.put(e.getKey(), new AtomicReference<>(ServedModel.load(e.getKey(), e.getValue(),
          generations.incrementAndGet(), prior, this.added)));
    }
    this.defaultName = paths.keySet().iterator().next();
  }

  /** The default model's name (the first given). */
  String defaultName() {
    return defaultName;
  }

  /** The model of this name ({@code null}: the default); an unknown name is NOT_FOUND listing the names. */
  ServedModel get(String name) {
    String n = name == null || name.isBlank() ? defaultName : name.strip();
    AtomicReference<ServedModel> ref = models.get(n);
    if (ref == null) {
      throw new CinerecException(CinerecException.Kind.NOT_FOUND, "unknown model \"" + n + "\": this server "
          + "serves " + String.join(", ", models.keySet()), null);
    }
    return ref.get();
  }

  /** Every model as currently served, in the order given. */
  List<ServedModel> all() {
    List<ServedModel> out = new ArrayList<>();
    for (AtomicReference<ServedModel> r : models.values()) {
      out.add(r.get());
    }
    return out;
  }

  /**
   * Reloads the named models (all when {@code names} is empty) from their files: each is read and warmed
   * before it replaces the one served. A file that cannot be read leaves the served model as it was and
   * fails the reload with the reason. Returns the models now served.
   */
  List<ServedModel> reload(List<String> names) {
    synchronized (reloadLock) {
      List<String> which = names.isEmpty() ? new ArrayList<>(models.keySet()) : names;
      for (String n : which) {
        get(n); // unknown names fail before anything is swapped
      }
      List<ServedModel> out = new ArrayList<>();
      for (String n : which) {
        ServedModel next = ServedModel.load(n, paths.get(n), generations.incrementAndGet(), prior, added);
        models.get(n).set(next);
        onSwap.accept(next);
        out.add(next);
      }
      return out;
    }
  }

  /** The movies added through the service, in the order added. */
  List<NewMovie> addedMovies() {
    return added;
  }

  /**
   * Adds a movie to every served model's catalogue, after {@code store} made it durable (and returned true):
   * under the reload lock, the store write first (false: an id taken, nothing changed), then each model is
   * swapped for itself with the longer catalogue, so requests that start after this returns see the movie.
   */
  boolean addMovie(NewMovie movie, java.util.function.BooleanSupplier store) {
    synchronized (reloadLock) {
      if (!store.getAsBoolean()) {
        return false;
      }
      List<NewMovie> next = new ArrayList<>(added);
      next.add(movie);
      added = List.copyOf(next);
      for (AtomicReference<ServedModel> ref : models.values()) {
        ref.set(ref.get().withAddedMovies(added));
      }
      return true;
    }
  }

  /** Reloads every model whose file changed since it was read (size or time); returns those reloaded. */
  List<ServedModel> reloadChanged() {
    List<String> changed = new ArrayList<>();
    for (Map.Entry<String, AtomicReference<ServedModel>> e : models.entrySet()) {
      ServedModel m = e.getValue().get();
      String now = ServedModel.stamp(m.path());
      if (!now.equals("missing") && !now.equals(m.fileStamp())) {
        changed.add(e.getKey());
      }
    }
    return changed.isEmpty() ? List.of() : reload(changed);
  }
}
