package org.cinerec.server.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A new viewer in a real browser on ml-latest-small: the start screen, rating from the starter set and by
 * search, the rows changing under the ratings without a reload, and "start over".
 */
class NewViewerBrowserTest {
  @RegisterExtension
  static final PageSession page = PageSession.mlLatestSmall("new-viewer");

  /** Five horror films and the searches that find them. */
  static final List<String[]> HORROR = List.of(new String[] {"1982", "Halloween (1978)"},
      new String[] {"1347", "Nightmare on Elm Street, A (1984)"}, new String[] {"1974", "Friday the 13th (1980)"},
      new String[] {"1997", "exorcist"}, new String[] {"1258", "the shining"});

  /** How many of the first ten "Top picks" tiles are of this genre. */
  static long topTen(String genre) {
    List<WebElement> tiles = page.browser().all("section[data-row='top-picks'] li.tile");
    return tiles.stream().limit(10).filter(t -> List.of(t.getAttribute("data-genres").split("\\|")).contains(genre))
        .count();
  }

  /** Starts a new viewer from the start screen; returns their id. */
  static String startNewViewer() {
    page.browser().open("/start");
    page.browser().js("localStorage.clear()");
    page.browser().open("/");
    page.browser().until(d -> page.browser().path().equals("/start"));
    // neither ease nor mf takes what a viewer tells: once the models are known, no field asks for it
    page.browser().visible("#model option");
    page.browser().visible(".welcome .choice button.primary");
    assertEquals(List.of(), page.browser().all("main select, main fieldset"), "no attribute field");
    page.browser().click("button.primary");
    page.browser().visible(".cards .card .stars");
    page.browser().visible("section[data-row='top-picks'] li.tile .tile-title");
    assertEquals(List.of(), page.browser().all("#about-you"), "no \"About you\" without a model that takes it");
    return (String) page.browser().js("return JSON.parse(localStorage.getItem('cinerec.viewer')).userId");
  }

  @Test
  void fiveHorrorFilmsRatedFiveStarsTurnTheTopPicksToHorrorWithoutAReload() {
    String user = startNewViewer();
    page.browser().js("window.__sameDocument = true");
    long before = topTen("Horror");
    assertTrue(before <= 2, "before any rating, " + before + " of the top 10 are horror");
    page.browser().screenshot("new-viewer-start");

    int rated = 0;
    for (String[] film : HORROR) {
      WebElement find = page.browser().visible("#find");
      find.clear();
      find.sendKeys(film[1]);
      page.browser().click(".find button[type=submit]");
      String card = ".cards li.card[data-movie='" + film[0] + "']";
      page.browser().click(card + " button[aria-label='Rate 5 stars']");
      rated++;
      String text = rated + " of 12 rated";
      page.browser().until(ExpectedConditions.textToBe(By.cssSelector(".progress"), text));
      // the rows below follow each rating: a five-star rating has its own "Because you rated" row
      page.browser().visible("section[data-row='because-" + film[0] + "'] li.tile");
    }
    page.browser().until(d -> topTen("Horror") >= 5);
    long after = topTen("Horror");
    assertTrue(after >= 5, "after five horror films at 5 stars, " + after + " of the top 10 are horror");
    assertEquals(Boolean.TRUE, page.browser().js("return window.__sameDocument === true"), "the page was reloaded");
    assertEquals(5, page.api().get("/api/v1/users/" + user + "/ratings").get("count").asInt());
    page.browser().js("document.querySelector(\"section[data-row='top-picks']\").scrollIntoView()");
    page.browser().screenshot("new-viewer-rated-five-horror-films");
  }

  @Test
  void skipShowsTheNextStarterMovieAndStartOverDeletesTheViewer() {
    String user = startNewViewer();
    List<WebElement> cards = page.browser().all(".cards li.card");
    String first = cards.get(0).getAttribute("data-movie");
    page.browser().click(".cards li.card[data-movie='" + first + "'] .skip-btn");
    page.browser().until(d -> page.browser().all(".cards li.card[data-movie='" + first + "']").isEmpty());
    assertEquals(cards.size(), page.browser().all(".cards li.card").size(), "a skipped movie makes room for the next");
    page.browser().click(".cards li.card .stars button[aria-label='Rate 4 stars']");
    page.browser().until(ExpectedConditions.textToBe(By.cssSelector(".progress"), "1 of 12 rated"));
    assertEquals(200, page.api().call("GET", "/api/v1/users/" + user, null).status());

    page.browser().click("#who button");
    page.browser().until(ExpectedConditions.alertIsPresent()).accept();
    page.browser().until(d -> page.browser().path().equals("/start") && !page.browser().all(".welcome").isEmpty());
    assertEquals(404, page.api().call("GET", "/api/v1/users/" + user, null).status(), "the viewer is deleted");
    assertEquals(null, page.browser().js("return localStorage.getItem('cinerec.viewer')"));
    page.browser().screenshot("new-viewer-started-over");
  }
}
