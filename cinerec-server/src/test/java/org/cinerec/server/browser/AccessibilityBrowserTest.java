package org.cinerec.server.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every screen of the page, on the desktop and at a phone's 375 px: axe-core finds no serious or critical
 * violation, no screen scrolls sideways, and the console stays free of errors.
 */
class AccessibilityBrowserTest {
  @RegisterExtension
  static final PageSession page = PageSession.mlLatestSmall("a11y");

  /**
   * A screen: its name, its URL, the element that says it is drawn, whether it needs a new viewer, and the one
   * console error it causes on purpose (the browser logs an API's 404), or null.
   */
  record Screen(String name, String path, String ready, boolean newViewer, String expectedError) {
    Screen(String name, String path, String ready, boolean newViewer) {
      this(name, path, ready, newViewer, null);
    }
  }

  static final List<Screen> SCREENS = List.of(
      new Screen("start", "/start", ".welcome .choice", false),
      new Screen("onboarding", "/start", ".cards .card .stars", true),
      new Screen("home", "/user/1", "section[data-row='top-picks'] li.tile", false),
      new Screen("movie", "/movie/1", "section[data-row='similar'] li.tile", false),
      new Screen("search", "/search?q=toy%20stroy", "main .grid li.tile", false),
      new Screen("my-ratings", "/my-ratings", "li.rating .stars", false),
      new Screen("compare", "/compare", ".columns .column li", false),
      new Screen("insights", "/insights", "#ins-live", false),
      new Screen("not-found", "/movie/999999999", "main .state.error", false,
          "/movies/999999999 - Failed to load resource: the server responded with a status of 404"));

  /** Opens a screen as its viewer and waits until it is drawn. */
  static void show(Screen s) {
    if (s.newViewer()) {
      page.newViewer();
    } else {
      page.datasetViewer("1");
    }
    page.browser().open(s.path());
    page.browser().visible(s.ready());
    page.browser().until(d -> page.browser().all("main[aria-busy='true'], main .state.loading").isEmpty());
    if (s.expectedError() != null) {
      List<String> errors = new ArrayList<>(page.browser().newConsoleErrors());
      errors.removeIf(e -> e.contains(s.expectedError()));
      assertEquals(List.of(), errors, "errors in the browser console on " + s.name());
    }
  }

  @Test
  void axeFindsNoSeriousOrCriticalViolationOnAnyScreen() {
    List<String> problems = new ArrayList<>();
    for (Screen s : SCREENS) {
      show(s);
      page.browser().screenshot("screen-" + s.name());
      for (String v : page.browser().axe()) {
        problems.add(s.name() + ": " + v);
      }
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void atPhoneWidthNoScreenScrollsSideways() {
    page.browser().width(375);
    List<String> problems = new ArrayList<>();
    for (Screen s : SCREENS) {
      show(s);
      long over = page.browser().sidewaysOverflow();
      if (over > 0) {
        problems.add(s.name() + " scrolls " + over + " px sideways at 375 px");
      }
      page.browser().screenshot("phone-" + s.name());
      for (String v : page.browser().axe()) {
        problems.add(s.name() + " at 375 px: " + v);
      }
    }
    assertEquals(List.of(), problems);
  }
}
