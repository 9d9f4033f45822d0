package org.cinerec.server.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Titles are data, never markup: on a small dataset whose titles hold {@code <script>} and
 * {@code <img onerror=...>}, the page shows them as text on every screen and runs nothing. Last, the server
 * stops and the page says so instead of going blank.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UntrustedTextBrowserTest {
  @RegisterExtension
  static final PageSession page = new PageSession(() -> PageServer.of(fixture(), "untrusted", posters()));

  static final String SCRIPT = "<script>window.__pwned = 'script'</script>";
  static final String IMG = "<img src=x onerror=\"window.__pwned = 'img'\">";
  static final String ENTITY = "Tom &amp; Jerry <b>bold</b>";

  /**
   * Writes the fixture: 40 movies (three with hostile titles, rated by everyone), 60 users with 12-20 ratings
   * each from a fixed seed, in MovieLens CSV form.
   */
  static Path fixture() {
    Path dir = PageServer.dir("untrusted-data");
    String[] genres = {"Comedy", "Drama", "Action", "Horror", "Romance", "Sci-Fi", "Animation", "Thriller"};
    StringBuilder movies = new StringBuilder("movieId,title,genres\n");
    for (int m = 1; m <= 40; m++) {
      String title = switch (m) {
        case 7 -> SCRIPT + " (2001)";
        case 8 -> IMG + " (2002)";
        case 9 -> ENTITY + " (2003)";
        default -> "Film " + m + " (" + (1960 + m) + ")";
      };
      movies.append(m).append(",\"").append(title.replace("\"", "\"\"")).append("\",")
          .append(genres[m % genres.length]).append('|').append(genres[(m * 3 + 1) % genres.length]).append('\n');
    }
    StringBuilder ratings = new StringBuilder("userId,movieId,rating,timestamp\n");
    SplittableRandom random = new SplittableRandom(11);
    for (int u = 1; u <= 60; u++) {
      int n = 12 + random.nextInt(9);
      java.util.BitSet seen = new java.util.BitSet();
      for (int m : new int[] {7, 8, 9}) {
        seen.set(m);
        ratings.append(u).append(',').append(m).append(',').append(3 + random.nextInt(3)).append(".0,")
            .append(1_000_000_000L + u * 1000L + m).append('\n');
      }
      for (int i = 0; i < n; i++) {
        int m = 1 + random.nextInt(40);
        if (!seen.get(m)) {
          seen.set(m);
          ratings.append(u).append(',').append(m).append(',').append(1 + random.nextInt(9) * 0.5).append(',')
              .append(1_000_000_000L + u * 1000L + m).append('\n');
        }
      }
    }
    PageServer.write(dir, "movies.csv", movies);
    return PageServer.write(dir, "ratings.csv", ratings);
  }

  /** Posters: a real picture for movie 10, a file that is no picture for movie 11. */
  static Path posters() {
    Path dir = PageServer.dir("posters");
    BufferedImage img = new BufferedImage(200, 300, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setPaint(new GradientPaint(0, 0, new Color(20, 90, 160), 200, 300, new Color(230, 200, 60)));
    g.fillRect(0, 0, 200, 300);
    g.dispose();
    try {
      ImageIO.write(img, "png", dir.resolve("10.png").toFile());
      Files.write(dir.resolve("11.jpg"), "not a picture".getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return dir;
  }

  /** Nothing of the titles ran or became an element. */
  static void nothingRan() {
    assertEquals(Boolean.TRUE, page.browser().js("return window.__pwned === undefined"), "a title's markup ran");
    assertEquals(0L, page.browser().js(
        "return document.querySelectorAll(\"b, main script, img:not([src^='/posters/'])\")"
        + ".length + 0"),
        "a title became an element");
    assertEquals("/assets/early.js /assets/app.js", page.browser().js(
        "return Array.from(document.scripts).map(s => new URL(s.src || 'inline:', location.href).pathname).join(' ')"),
        "only the page's own scripts");
  }

  @Test
  @Order(1)
  void hostileTitlesShowAsTextInTheRows() {
    // a new viewer's rows are the popular movies, the three hostile titles among them
    page.browser().open("/start");
    page.browser().js("localStorage.clear()");
    page.browser().click("button.primary");
    page.browser().visible(".cards .card .stars");
    page.browser().visible("section[data-row='top-picks'] li.tile .tile-title");
    Map<String, String> titles = Map.of("7", SCRIPT, "8", IMG, "9", ENTITY);
    int cards = 0;
    for (WebElement card : page.browser().all(".cards li.card")) {
      String expected = titles.get(card.getAttribute("data-movie"));
      if (expected != null) {
        assertEquals(expected, card.findElement(By.cssSelector(".tile-title")).getText());
        cards++;
      }
    }
    assertTrue(cards > 0, "the starter cards hold a hostile title");
    WebElement tile = page.browser().visible("section[data-row='top-picks'] li.tile[data-movie='7'] .tile-title");
    assertEquals(SCRIPT, tile.getText());
    assertEquals(IMG, page.browser().visible("li.tile[data-movie='8'] .tile-title").getText());
    assertEquals(ENTITY, page.browser().visible("li.tile[data-movie='9'] .tile-title").getText());
    nothingRan();
    page.browser().js("document.querySelector(\"section[data-row='top-picks']\").scrollIntoView()");
    page.browser().screenshot("untrusted-titles-home");
  }

  @Test
  @Order(2)
  void hostileTitlesShowAsTextInSearchAndOnTheMoviePage() {
    page.browser().open("/search?q=script");
    WebElement first = page.browser().visible("main .grid li.tile");
    assertEquals("7", first.getAttribute("data-movie"));
    assertEquals(SCRIPT, first.findElement(By.cssSelector(".tile-title")).getText());
    page.browser().open("/movie/8");
    assertEquals(IMG, page.browser().visible("article.movie h1").getText());
    assertTrue(page.browser().driver.getTitle().startsWith(IMG), page.browser().driver.getTitle());
    page.browser().visible("section[data-row='similar'] li.tile");
    nothingRan();
    page.browser().screenshot("untrusted-titles-movie");
  }

  @Test
  @Order(3)
  void aLocalPosterShowsAndAFileThatIsNoPictureGivesAGeneratedTileNeverABrokenImage() {
    page.browser().open("/movie/10");
    WebElement img = page.browser().visible("article.movie .art img");
    assertEquals("/posters/10.png", img.getDomAttribute("src"));
    assertTrue(img.getDomAttribute("alt").startsWith("Poster of Film 10"), img.getDomAttribute("alt"));
    page.browser().until(d -> ((Number) page.browser().js("return arguments[0].naturalWidth", img)).intValue() == 200);
    page.browser().open("/movie/11");
    page.browser().visible("article.movie h1");
    page.browser().visible("article.movie .art.gen .gen-title");
    assertEquals(0L, page.browser().js("return document.querySelectorAll('article.movie .art img').length + 0"),
        "the broken picture was replaced");
    page.browser().screenshot("posters");
  }

  @Test
  @Order(4)
  void whenTheServerStopsTheNextScreenSaysSoInsteadOfGoingBlank() {
    page.browser().open("/user/1");
    page.browser().visible("section[data-row='top-picks'] li.tile");
    page.server().close();
    page.browser().click("nav a[href='/insights']");
    WebElement error = page.browser().visible("main .state.error");
    assertTrue(error.getText().contains("not answering"), error.getText());
    page.browser().visible("main .state.error button");
    page.browser().screenshot("server-down");
    page.browser().newConsoleErrors(); // the refused connections are logged by the browser, as they should be
  }
}
