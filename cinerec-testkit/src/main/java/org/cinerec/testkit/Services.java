package org.cinerec.testkit;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

/**
 * Real services the tests talk to. PostgreSQL runs on this machine at 127.0.0.1:5432 (trust auth, database
 * {@code test}); {@code cinerec.postgres} (a JDBC URL) points elsewhere. As with {@link SharedData}, a test
 * that needs a service is skipped locally when it is not there, and fails under {@code CI=true}.
 */
public final class Services {
  private Services() {}

  /** The JDBC URL of the test PostgreSQL database, or the test is skipped (locally) / failed (in CI). */
  public static String postgres() {
    String url = System.getProperty("cinerec.postgres", "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");
    String host = "127.0.0.1";
    int port = 5432;
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("//([^/:?]+)(?::(\\d+))?").matcher(url);
    if (m.find()) {
      host = m.group(1);
      port = m.group(2) == null ? 5432 : Integer.parseInt(m.group(2));
    }
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress(host, port), 2_000);
    } catch (IOException e) {
      if ("true".equals(System.getenv("CI"))) {
        fail("CI=true but PostgreSQL is not reachable at " + host + ":" + port + " (" + e.getMessage() + ")");
      }
      assumeTrue(false, "PostgreSQL not reachable at " + host + ":" + port);
    }
    return url;
  }
}
