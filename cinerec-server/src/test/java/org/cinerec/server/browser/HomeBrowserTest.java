package org.cinerec.server.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
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
  @RegisterExtension
  static final PageSession page = PageSession.mlLatestSmall("home");

  @AfterEach
  void backToTheDefaultModel() {
    page.browser().js("localStorage.removeItem('cinerec.model')");
  }

  static List<String> rowIds() {
    return page.browser().all("section.row").stream().map(s -> s.getAttribute("data-row")).toList();
  }

  @Test
  void theStartScreenNamesTheDataAndOneOfItsUsers() {
    Browser b = page.browser();
    b.open("/start");
    b.js("localStorage.clear()");
    b.open("/");
    b.until(d -> b.path().equals("/start"));
    // the data's most active user as the example id, the data's name in the text and the footer
    b.until(d -> "e.g. 414".equals(b.visible("#user-id").getAttribute("placeholder")));
    String choice = b.visible("form.pick").findElement(org.openqa.selenium.By.xpath("..")).getText();
    assertTrue(choice.contains("Pick a user of ml-latest-small and see"), choice);
    b.until(d -> b.visible("footer").getText()
        .contains("movie recommendations from ml-latest-small (MovieLens ratings by GroupLens Research)."));
  }

  @Test
  void anExistingUsersRowsLoad() {
    page.browser().open("/user/1");
    page.browser().visible("section[data-row='top-picks'] li.tile .tile-title");
    page.browser().visible("section[data-row='popular'] li.tile");
    List<String> rows = rowIds();
    assertEquals("top-picks", rows.get(0), rows.toString());
    assertTrue(rows.stream().anyMatch(r -> r.startsWith("because-")), rows.toString());
    assertTrue(rows.stream().anyMatch(r -> r.startsWith("genre-")), rows.toString());
    assertEquals("/", page.browser().path(), "the home screen's URL");
    JsonNode home = page.api().get("/api/v1/users/1/home?k=20");
    String first = home.get("rows").get(0).get("movies").get(0).get("movieId").asText();
    assertEquals(first, page.browser().all("section[data-row='top-picks'] li.tile").get(0).getAttribute("data-movie"));
    assertFalse(page.browser().all("section[data-row='top-picks'] .tile .art").isEmpty());
    assertEquals(0L, page.browser().js("return document.querySelectorAll('img').length + 0"),
        "no poster folder: no img");

    // the model switch: the same viewer's rows from the other model, with predicted stars
    new Select(page.browser().visible("#model")).selectByValue("mf");
    page.browser().visible("section[data-row='top-picks'] li.tile .pred");
    String intro = page.browser().visible(".intro").getText();
    assertTrue(intro.contains("mf model"), intro);
    page.browser().wideScreenshot("home");
  }

  @Test
  void aMoviePageShowsDetailsThePredictionAndSimilarMoviesAndTheBackButtonWorks() {
    page.browser().open("/user/1");
    page.browser().js("localStorage.setItem('cinerec.model', 'mf')");
    WebElement tile = page.browser().visible("section[data-row='top-picks'] li.tile a");
    String movie = tile.findElement(By.xpath("..")).getAttribute("data-movie");
    tile.click();
    page.browser().until(d -> page.browser().path().equals("/movie/" + movie));
    page.browser().visible("article.movie h1");
    List<WebElement> similar = page.browser().until(d -> {
      List<WebElement> s = page.browser().all("section[data-row='similar'] li.tile");
      return s.isEmpty() ? null : s;
    });
    assertTrue(similar.size() >= 5, "similar movies: " + similar.size());
    String text = page.browser().visible("article.movie").getText();
    assertTrue(text.contains("Rated by"), "count and mean: " + text);
    assertTrue(text.contains("We think you would rate it"), "the prediction: " + text);
    page.browser().wideScreenshot("movie");
    page.browser().driver.navigate().back();
    page.browser().until(d -> page.browser().path().equals("/"));
    page.browser().visible("section[data-row='top-picks'] li.tile");
  }

  @Test
  void notInterestedTakesAMovieOutOfTheRowsAndUndoPutsItBack() {
    JsonNode v = page.newViewer();
    String user = v.get("userId").asText();
    page.browser().open("/");
    String movie = page.browser().visible("section[data-row='top-picks'] li.tile").getAttribute("data-movie");
    page.browser().open("/movie/" + movie);
    page.browser().click("article.movie .actions button");
    page.browser().until(ExpectedConditions.attributeToBe(By.cssSelector("article.movie .actions button"),
        "aria-pressed", "true"));
    assertTrue(page.api().get("/api/v1/users/" + user + "/dismissals").get("movieIds").toString().contains(movie));
    page.browser().screenshot("not-interested");
    page.browser().click("#toast button");
    page.browser().until(ExpectedConditions.attributeToBe(By.cssSelector("article.movie .actions button"),
        "aria-pressed", "false"));
    assertFalse(page.api().get("/api/v1/users/" + user + "/dismissals").get("movieIds").toString().contains("\"" + movie
        + "\""));
  }

  @Test
  void aModelReloadingShowsAStateAndTheRowsComeBackByThemselves() {
    page.browser().open("/user/1");
    page.browser().visible("section[data-row='top-picks'] li.tile");
    AtomicBoolean answered = new AtomicBoolean();
    // the next home request gets the service's 503 (as while a model is swapped in), the ones after it pass
    Route reloading = Route.matching(r -> r.getUri().contains("/home?") && !answered.get()).to(() -> r -> {
      answered.set(true);
      return new HttpResponse().setStatus(503).addHeader("Retry-After", "1")
          .addHeader("Content-Type", "application/json").setContent(Contents.utf8String("{\"status\": 503, "
              + "\"error\": \"unavailable\", \"message\": \"model ease is being reloaded; try again in a second\"}"));
    });
    try (NetworkInterceptor interceptor = new NetworkInterceptor(page.browser().driver, reloading)) {
      page.browser().click("nav a[href='/']");
      WebElement state = page.browser().visible("main .state.error");
      assertTrue(state.getText().contains("reloading"), state.getText());
      assertTrue(state.getText().contains("being reloaded"), state.getText());
      page.browser().screenshot("model-reloading");
      page.browser().visible("section[data-row='top-picks'] li.tile");
    }
    assertTrue(answered.get());
    List<String> errors = page.browser().newConsoleErrors();
    assertTrue(errors.stream().allMatch(e -> e.contains("503")), errors.toString());
  }

  @Test
  void searchFindsAMisspeltTitle() {
    page.browser().open("/user/1");
    WebElement q = page.browser().visible("#q");
    q.sendKeys("jurasic park", Keys.ENTER);
    page.browser().until(d -> page.browser().path().startsWith("/search?q="));
    WebElement first = page.browser().visible("main .grid li.tile");
    assertEquals("480", first.getAttribute("data-movie"));
    assertEquals("Jurassic Park", first.findElement(By.cssSelector(".tile-title")).getText());
    page.browser().screenshot("search");
    for (String[] typo : new String[][] {{"the matrx", "2571"}, {"shawshank redemtion", "318"}}) {
      page.browser().open("/search?q=" + java.net.URLEncoder.encode(typo[0], java.nio.charset.StandardCharsets.UTF_8));
      String found = page.browser().visible("main .grid li.tile").getAttribute("data-movie");
      assertEquals(typo[1], found, typo[0]);
    }
  }

  @Test
  void loweringARatingOnMyRatingsRemovesItsBecauseYouRatedRow() {
    JsonNode v = page.newViewer();
    String user = v.get("userId").asText();
    page.api().rate(user, "1214", 5); // Alien (1979)
    page.api().rate(user, "1", 3);
    page.browser().open("/");
    page.browser().visible("section[data-row='because-1214'] li.tile");
    page.browser().click("nav a[href='/my-ratings']");
    page.browser().until(d -> page.browser().path().equals("/my-ratings"));
    page.browser().visible("li.rating[data-movie='1214'] .tile-title");
    page.browser().screenshot("my-ratings");
    page.browser().click("li.rating[data-movie='1214'] button[aria-label='Rate 2 stars']");
    page.browser().until(d -> page.api().get("/api/v1/users/" + user + "/ratings").toString()
        .contains("\"rating\":2.0"));
    page.browser().click("nav a[href='/']");
    page.browser().visible("section[data-row='top-picks'] li.tile");
    assertFalse(rowIds().contains("because-1214"), rowIds().toString());
    page.browser().screenshot("home-after-lowering-a-rating");
  }

  @Test
  void twoModelsTopPicksSideBySide() {
    page.browser().open("/user/1");
    page.browser().visible("section[data-row='top-picks'] li.tile");
    page.browser().click("nav a[href='/compare']");
    page.browser().until(d -> page.browser().all(".columns section.column li").size() == 20);
    List<String> models = page.browser().all(".columns section.column").stream().map(c -> c.getAttribute("data-model"))
        .toList();
    assertEquals(List.of("ease", "mf"), models);
    page.browser().screenshot("compare");
  }

  @Test
  void insightsDrawTheDataTheModelsAndTheLiveFigures() {
    page.browser().open("/insights");
    page.browser().visible("#ins-data");
    page.browser().visible("#ins-models");
    page.browser().visible("#ins-live");
    assertTrue(page.browser().all("svg.chart").size() >= 3, "charts: " + page.browser().all("svg.chart").size());
    assertEquals(2, page.browser().all(".model-card").size());
    // a model's training parameters are folded away (32 of them for multitask would bury the card), one click opens them
    String params = ".model-card[data-model='mf'] details.params";
    assertTrue(page.browser().all(params + "[open]").isEmpty(), "the parameters start folded");
    page.browser().click(params + " summary");
    page.browser().visible(params + "[open] dt");
    List<String> names = page.browser().all(params + " dt").stream().map(WebElement::getText).toList();
    assertTrue(names.contains("factors"), "parameters shown: " + names);
    page.browser().screenshot("insights");
  }

  @Test
  void aKeyboardOnlyRunOpensAMoviePageAndRatesIt() {
    JsonNode v = page.newViewer();
    String user = v.get("userId").asText();
    page.browser().open("/");
    page.browser().visible("section[data-row='top-picks'] li.tile");
    WebElement link = page.browser().tabTo("section[data-row='top-picks'] li.tile a", 60);
    String movie = link.findElement(By.xpath("..")).getAttribute("data-movie");
    page.browser().keys(Keys.ENTER);
    page.browser().until(d -> page.browser().path().equals("/movie/" + movie));
    page.browser().visible("article.movie h1");
    page.browser().tabTo(".rate-box .star", 30);
    // the star input is one tab stop: arrows move between half stars, Enter rates
    page.browser().keys(Keys.HOME);
    for (int i = 0; i < 7; i++) {
      page.browser().keys(Keys.ARROW_RIGHT);
    }
    page.browser().keys(Keys.ENTER);
    page.browser().until(ExpectedConditions.textToBe(By.cssSelector(".rate-box .yours"), "You rated it 4★."));
    JsonNode ratings = page.api().get("/api/v1/users/" + user + "/ratings");
    assertEquals(1, ratings.get("count").asInt());
    assertEquals(movie, ratings.get("ratings").get(0).get("movieId").asText());
    assertEquals(4.0, ratings.get("ratings").get(0).get("rating").asDouble());
    page.browser().screenshot("keyboard-rated");
  }
}
