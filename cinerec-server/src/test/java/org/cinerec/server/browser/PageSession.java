package org.cinerec.server.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What every browser test class shares, as a JUnit 5 extension held in a static field:
 *
 * <pre>
 * &#64;RegisterExtension
 * static final PageSession page = PageSession.mlLatestSmall("home");
 * </pre>
 *
 * <p>Before the class's tests: Chromium is required (skipped locally, failed under {@code CI=true}), the server
 * starts ({@link PageServer}) and one browser opens for the whole class. After each test (after the class's own
 * {@code @AfterEach}): a screenshot of how the test left the page ({@code <Class>-<test>.png}, kept when the
 * test failed too), the window back to its own width, and the console must hold no error the test did not take
 * itself ({@link Browser#newConsoleErrors} reads and clears them, so a test that causes errors on purpose takes
 * and checks them). After the class: the browser quits, then the server stops.
 */
final class PageSession implements BeforeAllCallback, AfterEachCallback, AfterAllCallback {
  private final Supplier<PageServer> start;
  private PageServer server;
  private Browser browser;
  private Api api;

  PageSession(Supplier<PageServer> start) {
    this.start = start;
  }

  /** A session on ml-latest-small served as a loopback demo ({@link PageServer#mlLatestSmall}). */
  static PageSession mlLatestSmall(String name) {
    return new PageSession(() -> PageServer.mlLatestSmall(name));
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    Browser.requireChromium();
    server = start.get();
    api = new Api(server.url());
    browser = new Browser(server.url());
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (browser == null) {
      return;
    }
    browser.screenshot(context.getRequiredTestClass().getSimpleName() + "-"
        + context.getRequiredTestMethod().getName());
    browser.width(0);
    assertEquals(List.of(), browser.newConsoleErrors(), "errors in the browser console");
  }

  @Override
  public void afterAll(ExtensionContext context) {
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      if (server != null) {
        server.close();
      }
    }
  }

  PageServer server() {
    return server;
  }

  Browser browser() {
    return browser;
  }

  Api api() {
    return api;
  }

  /** Makes this browser's viewer a new one created through the API; returns {userId, key}. */
  JsonNode newViewer() {
    JsonNode v = api.newViewer();
    viewer(v.get("userId").asText(), v.get("key").asText(), "api");
    return v;
  }

  /** Makes this browser's viewer a user of the data (the page learns whether they are read-only). */
  void datasetViewer(String userId) {
    viewer(userId, null, "dataset");
  }

  private void viewer(String userId, String key, String origin) {
    browser.open("/start");
    browser.js("localStorage.setItem('cinerec.viewer', JSON.stringify({userId: arguments[0], key: arguments[1] "
        + "|| undefined, origin: arguments[2]}))", userId, key, origin);
  }
}
