package org.cinerec.server.browser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * A measurement run by hand, not a test (speed is never asserted): time to first rows, from navigation start
 * to the page's {@code first-top-picks} mark (set when the first "Top picks" tile shows its title), for a user
 * of ml-latest-small, with a cold browser cache each time and a warmed server. Prints the loads, their median
 * and p90, and writes them to {@code target/time-to-first-rows.txt}. Run it with
 *
 * <pre>
 * mvn -q -B -ntp -pl cinerec-testkit,cinerec-core,cinerec-server test -Dtest=TimeToFirstRows \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dcinerec.measure=true [-Dcinerec.measure.user=1 -Dcinerec.measure.loads=10]
 * </pre>
 */
@EnabledIfSystemProperty(named = "cinerec.measure", matches = "true")
class TimeToFirstRows {
  static final int WARM_UP = 20;
  /** Where the time went: the page's own files, then the home rows' request (start and end, ms). */
  static final String WHERE = "const n = performance.getEntriesByType('navigation')[0];"
      + "const r = performance.getEntriesByType('resource');"
      + "const home = r.find(e => e.name.includes('/home?'));"
      + "const own = r.filter(e => e.name.includes('/assets/'));"
      + "const f = (x) => x.toFixed(0);"
      + "return 'html ' + f(n.responseEnd) + ', assets done ' + f(Math.max(...own.map(e => e.responseEnd)))"
      + " + ', home rows requested ' + (home ? f(home.startTime) + ', answered ' + f(home.responseEnd) : '-');";

  @Test
  void measure() {
    String user = System.getProperty("cinerec.measure.user", "1");
    int loads = Integer.getInteger("cinerec.measure.loads", 10);
    try (PageServer server = PageServer.mlLatestSmall("ttfr"); Browser browser = new Browser(server.url())) {
      for (int i = 0; i < WARM_UP; i++) {
        load(browser, user);
      }
      double[] ms = new double[loads];
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < loads; i++) {
        ms[i] = load(browser, user);
        lines.add(String.format(Locale.ROOT, "load %2d: %6.1f ms (%s)", i + 1, ms[i], browser.js(WHERE)));
      }
      double[] sorted = ms.clone();
      Arrays.sort(sorted);
      lines.add(String.format(Locale.ROOT, "time to first rows, user %s, %d loads, cold browser cache, warmed server: "
          + "median %.1f ms, p90 %.1f ms (min %.1f, max %.1f)", user, loads, quantile(sorted, 0.5),
          quantile(sorted, 0.9), sorted[0], sorted[loads - 1]));
      lines.add("chromium: " + browser.driver.getCapabilities().getBrowserVersion() + "; java "
          + System.getProperty("java.version") + "; " + Runtime.getRuntime().availableProcessors() + " cores");
      lines.forEach(System.out::println);
      Path out = Path.of("target", "time-to-first-rows.txt");
      Files.write(out, lines, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One load with an empty browser cache: ms from navigation start to the mark. */
  static double load(Browser browser, String user) {
    browser.driver.get("about:blank");
    browser.driver.executeCdpCommand("Network.clearBrowserCache", Map.of());
    browser.open("/user/" + user);
    Object ms = browser.until(d -> browser.js(
        "const m = performance.getEntriesByName('first-top-picks'); return m.length ? m[0].startTime : null"));
    return ((Number) ms).doubleValue();
  }

  /** The q-quantile of sorted values (nearest rank). */
  static double quantile(double[] sorted, double q) {
    int rank = (int) Math.ceil(q * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }
}
