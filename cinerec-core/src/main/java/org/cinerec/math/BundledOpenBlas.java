package org.cinerec.math;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * The OpenBLAS that ships inside {@code org.bytedeco:openblas:…:linux-x86_64} (a JavaCPP preset on Maven
 * Central), unpacked and loaded so that {@link Blas} can hand its path to netlib's JNI glue. The only class
 * that touches JavaCPP; {@link Blas} loads it only when the bundled backend is asked for (the default).
 *
 * <p>Steps, each failing with one sentence that {@link Blas} prints instead of a loader's own output:
 * <ol>
 *   <li>the platform is {@code linux-x86_64} (the only natives cinerec ships) and they are on the class path;
 *   <li>a cache directory that this process can write: {@code -Dorg.bytedeco.javacpp.cachedir} if given,
 *       else {@code ~/.javacpp/cache}, else {@code $TMPDIR/.javacpp-$USER/cache} owned by this user (so a
 *       read-only or foreign home still works); it is probed by creating a file, then handed to JavaCPP;
 *   <li>JavaCPP's {@code Loader.load} unpacks the libraries (about 40 MB, once per cache and jar; it holds
 *       a file lock on {@code cache/.lock} while extracting, so two JVMs starting at once do not write the
 *       same file) and loads them with their bundled {@code libgfortran}; nothing comes from the system's
 *       library paths, as the bundled copies are searched first;
 *   <li>{@code openblas_set_num_threads(threads)}: the thread count is set in code, whatever
 *       {@code OPENBLAS_NUM_THREADS} says.
 * </ol>
 */
final class BundledOpenBlas {
  /** The JavaCPP platform whose natives cinerec's build puts on the class path. */
  static final String PLATFORM = "linux-x86_64";
  private static final String CACHE_PROPERTY = "org.bytedeco.javacpp.cachedir";
  private static final String NO_POINTER_GC = "org.bytedeco.javacpp.nopointergc";

  private BundledOpenBlas() {}

  /**
   * Unpacks and loads the bundled OpenBLAS, sets its thread count, and returns the absolute path of the
   * loaded {@code libopenblas}; throws {@link IllegalStateException} with the reason when it cannot.
   */
  static String load(int threads) {
    if (System.getProperty(NO_POINTER_GC) == null && System.getProperty("org.bytedeco.javacpp.noPointerGC") == null) {
      // cinerec gives JavaCPP no native memory to free (the products take Java arrays), so its deallocator
      // thread would only idle; without this, the first product of a process (a request's) would start it
      System.setProperty(NO_POINTER_GC, "true");
    }
    String platform = Loader.getPlatform();
    if (!PLATFORM.equals(platform)) {
      throw new IllegalStateException("no bundled OpenBLAS for " + platform + " (cinerec ships " + PLATFORM + " only)");
    }
    if (BundledOpenBlas.class.getResource("/org/bytedeco/openblas/" + PLATFORM + "/libopenblas.so.0") == null) {
      throw new IllegalStateException("the bundled OpenBLAS (org.bytedeco:openblas:" + PLATFORM + ") is not on the class path");
    }
    chooseCacheDir();
    try {
      Loader.load(openblas_nolapack.class);
    } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
      throw new IllegalStateException("the bundled OpenBLAS did not load: " + e.getMessage(), e);
    }
    String path = Loader.getLoadedLibraries().get("openblas_nolapack@.0");
    if (path == null || !Files.isRegularFile(Path.of(path))) {
      throw new IllegalStateException("the bundled OpenBLAS loaded from no file of the cache (" + path + ")");
    }
    openblas_nolapack.blas_set_num_threads(threads);
    return path;
  }

  /** "0.3.31": the OpenBLAS version of the preset on the class path. */
  static String version() {
    String v = presetVersion();
    int dash = v.indexOf('-');
    return dash < 0 ? v : v.substring(0, dash);
  }

  /** "0.3.31-1.5.13": the preset's Maven version, from its pom.properties in the jar. */
  static String presetVersion() {
    try {
      String v = Loader.getVersion("org.bytedeco", "openblas");
      return v == null ? "?" : v;
    } catch (IOException e) {
      return "?";
    }
  }

  /** Picks the cache directory and gives it to JavaCPP through its system property. */
  private static void chooseCacheDir() {
    String given = System.getProperty(CACHE_PROPERTY);
    if (given != null) {
      if (!writable(Path.of(given), false)) {
        throw new IllegalStateException("cannot unpack the bundled OpenBLAS: -D" + CACHE_PROPERTY + "=" + given
            + " is not a writable directory");
      }
      return;
    }
    List<Path> tried = new ArrayList<>();
    String home = System.getProperty("user.home");
    if (home != null && !home.isEmpty() && !"?".equals(home)) {
      tried.add(Path.of(home, ".javacpp", "cache"));
    }
    tried.add(Path.of(System.getProperty("java.io.tmpdir"), ".javacpp-" + System.getProperty("user.name"), "cache"));
    for (int i = 0; i < tried.size(); i++) {
      // the shared temporary folder only when this user owns the directory: another user's could hold
      // libraries planted for us to load
      if (writable(tried.get(i), i > 0)) {
        System.setProperty(CACHE_PROPERTY, tried.get(i).toAbsolutePath().toString());
        return;
      }
    }
    throw new IllegalStateException("cannot unpack the bundled OpenBLAS: none of " + tried
        + " is writable (set -D" + CACHE_PROPERTY + "=DIR)");
  }

  /** Creates {@code dir} if needed and proves it writable by creating and deleting a file in it. */
  static boolean writable(Path dir, boolean mustOwn) {
    try {
      Files.createDirectories(dir);
      Path probe = Files.createTempFile(dir, ".cinerec-probe", "");
      try {
        if (mustOwn) {
          // the directory and its parent (".javacpp-$USER"), both made by this user
          UserPrincipal me = Files.getOwner(probe);
          if (!Files.getOwner(dir).equals(me) || !Files.getOwner(dir.getParent()).equals(me)) {
            return false;
          }
        }
      } finally {
        Files.delete(probe);
      }
      return true;
    } catch (IOException | SecurityException | UnsupportedOperationException e) {
      return false;
    }
  }
}
