package org.cinerec.server.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.devtools.NetworkInterceptor;
import org.openqa.selenium.remote.http.Contents;
import org.openqa.selenium.remote.http.HttpResponse;
import org.openqa.selenium.remote.http.Route;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The page in a real browser on ml-latest-small for a user of the data and for a new viewer: the home rows, a
 * movie's page, search, "My ratings", the model comparison, insights, and a keyboard-only run.
 */
class HomeBrowserTest {
  static PageServer server;
  static Browser browser;
  static Api api;

  @BeforeAll
  static void start() {
    Browser.requireChromium();
    server = PageServer.mlLatestSmall("home");
    api = new Api(server.url());
    browser = new Browser(server.url());
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.close();
    }
    if (server != null) {
      server.close();
    }
  }

  @AfterEach
  void noConsoleErrors() {
    browser.width(0);
    browser.js("localStorage.removeItem('cinerec.model')");
    assertEquals(List.of(), browser.newConsoleErrors(), "errors in the browser console");
  }

  /** Takes the screenshot at 1280 x 860 CSS pixels (the README's pictures). */
  static void wideScreenshot(String name) {
    browser.viewport(1280, 860, false);
    browser.js("window.scrollTo(0, 0)");
    browser.screenshot(name);
    browser.width(0);
  }

  /** Makes this browser's viewer a new one created through the API; returns {userId, key}. */
  static JsonNode newViewer() {
    JsonNode v = api.newViewer();
    browser.open("/start");
    browser.js("localStorage.setItem('cinerec.viewer', JSON.stringify({userId: arguments[0], key: arguments[1], "
        + "origin: 'api'}))", v.get("userId").asText(), v.get("key").asText());
    return v;
  }

  static List<String> rowIds() {
    return browser.all("section.row").stream().map(s -> s.getAttribute("data-row")).toList();
  }

  @Test
  void anExistingUsersRowsLoad() {
    browser.open("/user/1");
    browser.visible("section[data-row='top-picks'] li.tile .tile-title");
    browser.visible("section[data-row='popular'] li.tile");
    List<String> rows = rowIds();
    assertEquals("top-picks", rows.get(0), rows.toString());
    assertTrue(rows.stream().anyMatch(r -> r.startsWith("because-")), rows.toString());
    assertTrue(rows.stream().anyMatch(r -> r.startsWith("genre-")), rows.toString());
    assertEquals("/", browser.path(), "the home screen's URL");
    JsonNode home = api.get("/api/v1/users/1/home?k=20");
    String first = home.get("rows").get(0).get("movies").get(0).get("movieId").asText();
    assertEquals(first, browser.all("section[data-row='top-picks'] li.tile").get(0).getAttribute("data-movie"));
    assertFalse(browser.all("section[data-row='top-picks'] .tile .art").isEmpty());
    assertEquals(0L, browser.js("return document.querySelectorAll('img').length + 0"), "no poster folder: no img");

    // the model switch: the same viewer's rows from the other model, with predicted stars
    new Select(browser.visible("#model")).selectByValue("mf");
    browser.visible("section[data-row='top-picks'] li.tile .pred");
    assertTrue(browser.visible(".intro").getText().contains("mf model"), browser.visible(".intro").getText());
    wideScreenshot("home");
  }

  @Test
  void aMoviePageShowsDetailsThePredictionAndSimilarMoviesAndTheBackButtonWorks() {
    browser.open("/user/1");
    browser.js("localStorage.setItem('cinerec.model', 'mf')");
    WebElement tile = browser.visible("section[data-row='top-picks'] li.tile a");
    String movie = tile.findElement(By.xpath("..")).getAttribute("data-movie");
    tile.click();
    browser.until(d -> browser.path().equals("/movie/" + movie));
    browser.visible("article.movie h1");
    List<WebElement> similar = browser.until(d -> {
      List<WebElement> s = browser.all("section[data-row='similar'] li.tile");
      return s.isEmpty() ? null : s;
    });
    assertTrue(similar.size() >= 5, "similar movies: " + similar.size());
    String text = browser.visible("article.movie").getText();
    assertTrue(text.contains("Rated by"), "count and mean: " + text);
    assertTrue(text.contains("We think you would rate it"), "the prediction: " + text);
    wideScreenshot("movie");
    browser.driver.navigate().back();
    browser.until(d -> browser.path().equals("/"));
    browser.visible("section[data-row='top-picks'] li.tile");
  }

  @Test
  void notInterestedTakesAMovieOutOfTheRowsAndUndoPutsItBack() {
    JsonNode v = newViewer();
    String user = v.get("userId").asText();
    browser.open("/");
    String movie = browser.visible("section[data-row='top-picks'] li.tile").getAttribute("data-movie");
    browser.open("/movie/" + movie);
    browser.click("article.movie .actions button");
    browser.until(ExpectedConditions.attributeToBe(By.cssSelector("article.movie .actions button"), "aria-pressed",
        "true"));
    assertTrue(api.get("/api/v1/users/" + user + "/dismissals").get("movieIds").toString().contains(movie));
    browser.screenshot("not-interested");
    browser.click("#toast button");
    browser.until(ExpectedConditions.attributeToBe(By.cssSelector("article.movie .actions button"), "aria-pressed",
        "false"));
    assertFalse(api.get("/api/v1/users/" + user + "/dismissals").get("movieIds").toString().contains("\"" + movie
        + "\""));
  }

  @Test
  void aModelReloadingShowsAStateAndTheRowsComeBackByThemselves() {
    browser.open("/user/1");
    browser.visible("section[data-row='top-picks'] li.tile");
    AtomicBoolean answered = new AtomicBoolean();
    // the next home request gets the service's 503 (as while a model is swapped in), the ones after it pass
    Route reloading = Route.matching(r -> r.getUri().contains("/home?") && !answered.get()).to(() -> r -> {
      answered.set(true);
      return new HttpResponse().setStatus(503).addHeader("Retry-After", "1")
          .addHeader("Content-Type", "application/json").setContent(Contents.utf8String("{\"status\": 503, "
              + "\"error\": \"unavailable\", \"message\": \"model ease is being reloaded; try again in a second\"}"));
    });
    try (NetworkInterceptor interceptor = new NetworkInterceptor(browser.driver, reloading)) {
      browser.click("nav a[href='/']");
      WebElement state = browser.visible("main .state.error");
      assertTrue(state.getText().contains("reloading"), state.getText());
      assertTrue(state.getText().contains("being reloaded"), state.getText());
      browser.screenshot("model-reloading");
      browser.visible("section[data-row='top-picks'] li.tile");
    }
    assertTrue(answered.get());
    List<String> errors = browser.newConsoleErrors();
    assertTrue(errors.stream().allMatch(e -> e.contains("503")), errors.toString());
  }

  @Test
  void searchFindsAMisspeltTitle() {
    browser.open("/user/1");
    WebElement q = browser.visible("#q");
    q.sendKeys("jurasic park", Keys.ENTER);
    browser.until(d -> browser.path().startsWith("/search?q="));
    WebElement first = browser.visible("main .grid li.tile");
    assertEquals("480", first.getAttribute("data-movie"));
    assertEquals("Jurassic Park", first.findElement(By.cssSelector(".tile-title")).getText());
    browser.screenshot("search");
  }

  @Test
  void loweringARatingOnMyRatingsRemovesItsBecauseYouRatedRow() {
    JsonNode v = newViewer();
    String user = v.get("userId").asText();
    api.rate(user, "1214", 5); // Alien (1979)
    api.rate(user, "1", 3);
    browser.open("/");
    browser.visible("section[data-row='because-1214'] li.tile");
    browser.click("nav a[href='/my-ratings']");
    browser.until(d -> browser.path().equals("/my-ratings"));
    browser.visible("li.rating[data-movie='1214'] .tile-title");
    browser.screenshot("my-ratings");
    browser.click("li.rating[data-movie='1214'] button[aria-label='Rate 2 stars']");
    browser.until(d -> api.get("/api/v1/users/" + user + "/ratings").toString().contains("\"rating\":2.0"));
    browser.click("nav a[href='/']");
    browser.visible("section[data-row='top-picks'] li.tile");
    assertFalse(rowIds().contains("because-1214"), rowIds().toString());
    browser.screenshot("home-after-lowering-a-rating");
  }

  @Test
  void twoModelsTopPicksSideBySide() {
    browser.open("/user/1");
    browser.visible("section[data-row='top-picks'] li.tile");
    browser.click("nav a[href='/compare']");
    browser.until(d -> browser.all(".columns section.column li").size() == 20);
    List<String> models = browser.all(".columns section.column").stream().map(c -> c.getAttribute("data-model"))
        .toList();
    assertEquals(List.of("ease", "mf"), models);
    browser.screenshot("compare");
  }

  @Test
  void insightsDrawTheDataTheModelsAndTheLiveFigures() {
    browser.open("/insights");
    browser.visible("#ins-data");
    browser.visible("#ins-models");
    browser.visible("#ins-live");
    assertTrue(browser.all("svg.chart").size() >= 3, "charts: " + browser.all("svg.chart").size());
    assertEquals(2, browser.all(".model-card").size());
    browser.screenshot("insights");
  }

  @Test
  void aKeyboardOnlyRunOpensAMoviePageAndRatesIt() {
    JsonNode v = newViewer();
    String user = v.get("userId").asText();
    browser.open("/");
    browser.visible("section[data-row='top-picks'] li.tile");
    WebElement link = browser.tabTo("section[data-row='top-picks'] li.tile a", 60);
    String movie = link.findElement(By.xpath("..")).getAttribute("data-movie");
    browser.keys(Keys.ENTER);
    browser.until(d -> browser.path().equals("/movie/" + movie));
    browser.visible("article.movie h1");
    browser.tabTo(".rate-box .star", 30);
    // the star input is one tab stop: arrows move between half stars, Enter rates
    browser.keys(Keys.HOME);
    for (int i = 0; i < 7; i++) {
      browser.keys(Keys.ARROW_RIGHT);
    }
    browser.keys(Keys.ENTER);
    browser.until(ExpectedConditions.textToBe(By.cssSelector(".rate-box .yours"), "You rated it 4★."));
    JsonNode ratings = api.get("/api/v1/users/" + user + "/ratings");
    assertEquals(1, ratings.get("count").asInt());
    assertEquals(movie, ratings.get("ratings").get(0).get("movieId").asText());
    assertEquals(4.0, ratings.get("ratings").get(0).get("rating").asDouble());
    browser.screenshot("keyboard-rated");
  }
}
