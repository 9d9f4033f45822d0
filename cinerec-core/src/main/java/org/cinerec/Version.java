package org.cinerec;

/** The cinerec version, read from the jar manifest when packaged. */
public final class Version {
  /** e.g. "0.1.0-SNAPSHOT"; "dev" when run from classes outside a jar. */
  public static final String VERSION = read();

  private Version() {}

  private static String read() {
    String v = Version.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
