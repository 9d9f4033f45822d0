package org.cinerec.math;

/**
 * Whether the Vector API kernels may run: the JVM was started with
 * {@code --add-modules jdk.incubator.vector} (the {@code ./cinerec} launcher and the test and benchmark
 * set-ups pass it) and the system property {@code cinerec.simd} is not {@code false}. Classes that use the
 * incubator module are only loaded behind this check, so everything runs without the module, on the
 * portable scalar kernels.
 */
public final class Simd {
  private static final boolean ENABLED = !"false".equalsIgnoreCase(System.getProperty("cinerec.simd"))
      && ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

  private Simd() {}

  /** True when the Vector API kernels are in use in this JVM. */
  public static boolean enabled() {
    return ENABLED;
  }

  /** A short description for logs and benchmark headers, e.g. {@code "Vector API, 512-bit"}. */
  public static String describe() {
    return ENABLED ? "Vector API, " + VectorSgd.bits() + "-bit" : "scalar (run with --add-modules jdk.incubator.vector for the Vector API kernels)";
  }
}
