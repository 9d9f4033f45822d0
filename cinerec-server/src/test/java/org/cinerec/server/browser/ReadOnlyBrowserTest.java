package org.cinerec.server.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * The page on a server that is no loopback demo (bound to every address with an admin token, as on a shared
 * machine; the browser still talks to it over loopback): a user of the data is read-only there, so their rows
 * and ratings show with nothing to rate, while a new viewer's writes carry their key and work.
 */
class ReadOnlyBrowserTest {
  @RegisterExtension
  static final PageSession page = new PageSession(() -> PageServer.protectedMlLatestSmall("read-only"));

  /** The page's requests since it was loaded, as paths with their query. */
  static List<String> requests() {
    @SuppressWarnings("unchecked")
    List<String> r = (List<String>) page.browser().js("return performance.getEntriesByType('resource')"
        + ".map(e => { const u = new URL(e.name); return u.pathname + u.search; })");
    return r;
  }

  @Test
  void aUserOfTheDataSeesTheirRowsAndRatingsWithNothingToRate() {
    Browser b = page.browser();
    assertTrue(page.api().get("/api/v1/users/1").get("readOnly").asBoolean(), "the server is no loopback demo");
    b.open("/user/1");
    b.visible("section[data-row='top-picks'] li.tile .tile-title");
    b.visible("section[data-row='popular'] li.tile");
    assertTrue(b.all("section.row").size() >= 3, "the home rows");

    // My ratings, opened afresh: the titles come with the one ratings request, and there are no stars to click
    b.open("/my-ratings");
    b.visible("li.rating .tile-title");
    b.until(d -> b.all("main[aria-busy='true'], main .state.loading").isEmpty());
    int rated = page.api().get("/api/v1/users/1/ratings").get("count").asInt();
    List<WebElement> rows = b.all("li.rating");
    assertEquals(Math.min(24, rated), rows.size());
    for (WebElement row : rows) {
      String title = row.findElement(By.cssSelector(".tile-title")).getText();
      assertFalse(title.isBlank() || title.startsWith("Movie "), "a title, not an id: " + title);
    }
    assertEquals(List.of(), b.all("main .stars, main .star, main button[aria-label^='Rate '], "
        + "main button[aria-label^='Remove']"), "nothing to rate or remove");
    String status = b.visible("main p[role='status']").getText();
    assertTrue(status.contains("read-only"), status);
    b.click("main button.btn:not(.link)"); // Show more
    b.until(d -> b.all("li.rating").size() == Math.min(48, rated));
    List<String> asked = requests();
    assertEquals(1, asked.stream().filter(p -> p.equals("/api/v1/users/1/ratings")).count(), asked.toString());
    assertEquals(List.of(), asked.stream().filter(p -> p.startsWith("/api/v1/movies/")).toList(),
        "no request per title");
    b.screenshot("read-only-my-ratings");

    // a movie they rated: its page says they are read-only and offers neither stars nor "not interested"
    String movie = rows.get(0).getAttribute("data-movie");
    b.js("arguments[0].scrollIntoView({block: 'center'})", rows.get(0)); // not under the sticky header
    b.click("li.rating[data-movie='" + movie + "'] .tile-title");
    b.until(d -> b.path().equals("/movie/" + movie));
    String text = b.visible("article.movie .movie-text").getText();
    assertTrue(text.contains("read-only on this server"), text);
    assertEquals(List.of(), b.all("article.movie .rate-box, article.movie .stars, article.movie .actions button"));
    b.visible("section[data-row='similar'] li.tile");
  }

  @Test
  void aNewViewersWritesCarryTheirKey() {
    Browser b = page.browser();
    JsonNode v = page.newViewer();
    String user = v.get("userId").asText();
    String key = v.get("key").asText();
    assertEquals(401, page.api().call("PUT", "/api/v1/users/" + user + "/ratings/1", "{\"rating\": 3}").status(),
        "without the key a write is refused here");
    b.open("/movie/1");
    b.click("article.movie .rate-box button[aria-label='Rate 4 stars']");
    b.until(ExpectedConditions.textToBe(By.cssSelector(".rate-box .yours"), "You rated it 4★."));
    JsonNode ratings = page.api().call("GET", "/api/v1/users/" + user + "/ratings", null, key).json();
    assertEquals(4.0, ratings.get("ratings").get(0).get("rating").asDouble(), ratings.toString());
    assertEquals("Toy Story (1995)", ratings.get("ratings").get(0).get("title").asText());
  }
}
