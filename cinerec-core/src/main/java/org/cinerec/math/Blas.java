package org.cinerec.math;

import dev.ludovic.netlib.blas.BLAS;
import dev.ludovic.netlib.blas.JavaBLAS;
import dev.ludovic.netlib.blas.NativeBLAS;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which BLAS runs cinerec's dense products ({@link Gemm} in float, {@link SpdInverse} in double), chosen
 * once per JVM by {@code -Dcinerec.blas}:
 * <ul>
 *   <li>{@code bundled} (default, whatever the machine has installed): the OpenBLAS inside the
 *       {@code org.bytedeco:openblas} linux-x86_64 jar ({@link BundledOpenBlas}), called through netlib's
 *       JNI glue pointed at that file ({@code dev.ludovic.netlib.blas.nativeLibPath}), so Java arrays are
 *       pinned, not copied, and offsets work. Nothing to install: a JDK and Maven suffice.
 *   <li>{@code system}: netlib's default, the machine's {@code libblas.so.3} (Debian's OpenBLAS after
 *       {@code apt-get install libopenblas0-pthread}); threads then follow {@code OPENBLAS_NUM_THREADS}.
 *   <li>{@code java}: no native code; {@link Gemm}'s Java kernels and netlib's Java BLAS for doubles.
 *       {@code -Dcinerec.gemm=java}, the older switch, means the same.
 * </ul>
 * When the chosen native library cannot be used (another platform than linux-x86_64, no writable cache
 * directory, no {@code libblas.so.3} for {@code system}), the products run in Java and one line on stderr
 * says why, once per JVM; no loader prints anything else. Netlib's native loader is never touched unless a
 * native backend was found, so its {@code JNI_OnLoad ... dlopen failed} line cannot appear.
 *
 * <p>Threads: the bundled library gets {@code -Dcinerec.blas.threads} (default 1) through
 * {@code openblas_set_num_threads}: cinerec already runs one product per core ({@link Parallel}), and
 * OpenBLAS's own spinning threads contend with them on shared cores (docs/multitask.md measured one
 * epoch at 23-58 s with OpenBLAS's default threading against 5.5-8 s with 1).
 */
public final class Blas {
  /** Where the products run. */
  public enum Backend {
    /** The OpenBLAS inside the cinerec jar. */
    BUNDLED,
    /** The machine's {@code libblas.so.3}. */
    SYSTEM,
    /** Java code only. */
    JAVA
  }

  /** Held so the level set here survives garbage collection of the logger. */
  private static final java.util.logging.Logger NETLIB_LOG = quietNetlib();
  private static final Blas CHOSEN = choose();

  private final Backend backend;
  private final BLAS nativeBlas;
  private final String description;
  private final String fallbackReason;

  private Blas(Backend backend, BLAS nativeBlas, String description, String fallbackReason) {
    this.backend = backend;
    this.nativeBlas = nativeBlas;
    this.description = description;
    this.fallbackReason = fallbackReason;
  }

  /** The backend in use in this JVM. */
  public static Backend backend() {
    return CHOSEN.backend;
  }

  /**
   * The native backend in words, e.g. {@code "bundled OpenBLAS 0.3.31 (org.bytedeco:openblas
   * 0.3.31-1.5.13), 1 thread"}; for {@link Backend#JAVA} why Java runs.
   */
  public static String describe() {
    return CHOSEN.description;
  }

  /** Why the products run in Java although a native backend was asked for; null otherwise. */
  public static String fallbackReason() {
    return CHOSEN.fallbackReason;
  }

  /** The native BLAS, or null when the products run in Java. */
  static BLAS nativeBlas() {
    return CHOSEN.nativeBlas;
  }

  /** A BLAS for the double-precision level-3 calls: the native one, else netlib's Java BLAS. */
  static BLAS doubles() {
    return CHOSEN.nativeBlas != null ? CHOSEN.nativeBlas : JavaBLAS.getInstance();
  }

  private static java.util.logging.Logger quietNetlib() {
    // netlib logs its choice at INFO and its failures at WARNING on stderr; describe() reports instead
    java.util.logging.Logger l = java.util.logging.Logger.getLogger("dev.ludovic.netlib");
    l.setLevel(java.util.logging.Level.SEVERE);
    return l;
  }

  private static Blas choose() {
    String asked = System.getProperty("cinerec.blas");
    if (asked == null && "java".equals(System.getProperty("cinerec.gemm"))) {
      asked = "java";
    }
    asked = asked == null ? "bundled" : asked.trim().toLowerCase(Locale.ROOT);
    Blas b;
    switch (asked) {
      case "java":
        return new Blas(Backend.JAVA, null, "Java (-Dcinerec.blas=java)", null);
      case "system":
        b = system();
        break;
      case "bundled":
        b = bundled();
        break;
      default:
        b = bundled();
        warn("-Dcinerec.blas=" + asked + " is not one of bundled, system, java; using " + b.backend.name().toLowerCase(Locale.ROOT));
        return b;
    }
    if (b.fallbackReason != null) {
      warn(b.fallbackReason + "; matrix products run in Java, several times slower (see docs/notes/blas.md)");
    }
    return b;
  }

  private static void warn(String line) {
    System.err.println("cinerec: " + line);
  }

  private static Blas javaBecause(String reason) {
    return new Blas(Backend.JAVA, null, "Java (" + reason + ")", reason);
  }

  private static Blas bundled() {
    int threads = threads();
    String path;
    try {
      path = BundledOpenBlas.load(threads);
    } catch (IllegalStateException e) {
      return javaBecause(e.getMessage());
    } catch (LinkageError e) {
      return javaBecause("the bundled OpenBLAS could not be loaded (" + e + ")");
    }
    System.setProperty("dev.ludovic.netlib.blas.nativeLibPath", path);
    BLAS blas;
    try {
      blas = NativeBLAS.getInstance();
    } catch (RuntimeException | LinkageError e) {
      return javaBecause("netlib's JNI library did not load (" + e.getMessage() + ")");
    }
    return new Blas(Backend.BUNDLED, blas, "bundled OpenBLAS " + BundledOpenBlas.version() + " (org.bytedeco:openblas "
        + BundledOpenBlas.presetVersion() + "), " + threads + (threads == 1 ? " thread" : " threads") + kernels(), null);
  }

  /**
   * Which kernels OpenBLAS runs: those of {@code OPENBLAS_CORETYPE} (the launcher and the tests set Haswell,
   * so that every x86-64 machine sums in the same order), or those of the CPU model it detects.
   */
  private static String kernels() {
    String core = System.getenv("OPENBLAS_CORETYPE");
    return core == null || core.isBlank() ? ", kernels for this CPU model (OPENBLAS_CORETYPE not set)"
        : ", " + core.trim() + " kernels (OPENBLAS_CORETYPE)";
  }

  private static Blas system() {
    boolean named = System.getProperty("dev.ludovic.netlib.blas.nativeLib") != null
        || System.getProperty("dev.ludovic.netlib.blas.nativeLibPath") != null;
    String found = named ? null : findLibblas();
    if (!named && found == null && isLinux()) {
      return javaBecause("-Dcinerec.blas=system: no libblas.so.3 in LD_LIBRARY_PATH or the system library folders "
          + "(Debian: apt-get install libopenblas0-pthread)");
    }
    BLAS blas;
    try {
      blas = NativeBLAS.getInstance();
    } catch (RuntimeException | LinkageError e) {
      return javaBecause("-Dcinerec.blas=system: netlib found no native BLAS (" + e.getMessage() + ")");
    }
    String env = System.getenv("OPENBLAS_NUM_THREADS");
    return new Blas(Backend.SYSTEM, blas, "system BLAS " + (found != null ? found : "(netlib's choice)")
        + " through netlib, threads from OPENBLAS_NUM_THREADS=" + (env == null ? "(unset)" : env), null);
  }

  /** {@code -Dcinerec.blas.threads}: the bundled OpenBLAS's thread count, at least 1 (default 1). */
  static int threads() {
    String s = System.getProperty("cinerec.blas.threads", "1");
    try {
      return Math.max(1, Integer.parseInt(s.trim()));
    } catch (NumberFormatException e) {
      warn("-Dcinerec.blas.threads=" + s + " is not a whole number; using 1");
      return 1;
    }
  }

  private static boolean isLinux() {
    return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux");
  }

  /** Where the dynamic loader would find {@code libblas.so.3} on Linux (a best guess), or null. */
  static String findLibblas() {
    List<String> dirs = new ArrayList<>();
    String ld = System.getenv("LD_LIBRARY_PATH");
    if (ld != null) {
      for (String d : ld.split(":")) {
        if (!d.isEmpty()) {
          dirs.add(d);
        }
      }
    }
    String arch = System.getProperty("os.arch", "");
    String multiarch = arch.equals("amd64") || arch.equals("x86_64") ? "x86_64-linux-gnu"
        : arch.equals("aarch64") ? "aarch64-linux-gnu" : arch + "-linux-gnu";
    dirs.addAll(List.of("/lib/" + multiarch, "/usr/lib/" + multiarch, "/lib64", "/usr/lib64", "/lib", "/usr/lib",
        "/usr/local/lib"));
    for (String d : dirs) {
      Path p = Path.of(d, "libblas.so.3");
      if (Files.exists(p)) {
        return p.toString();
      }
    }
    return null;
  }
}
