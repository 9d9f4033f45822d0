package org.cinerec.server.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * A dataset rated 0 to 10 in whole steps (MovieTweetings' scale, in its {@code ::} layout): the star input shows
 * the 0 as a round button before ten stars, so a 9 lights nine stars and a 0 lights none, and both reach the
 * store as given.
 */
class TenPointScaleBrowserTest {
  @RegisterExtension
  static final PageSession page = new PageSession(() -> PageServer.of(fixture(), "ten-point", null));

  /** 30 movies, 50 users with 10-16 ratings each on 0..10 from a fixed seed, as {@code ratings.dat}/{@code movies.dat}. */
  static Path fixture() {
    Path dir = PageServer.dir("ten-point-data");
    String[] genres = {"Comedy", "Drama", "Action", "Horror", "Romance", "Sci-Fi"};
    StringBuilder movies = new StringBuilder();
    for (int m = 1; m <= 30; m++) {
      movies.append(m).append("::Picture ").append(m).append(" (").append(1980 + m).append(")::")
          .append(genres[m % genres.length]).append('\n');
    }
    StringBuilder ratings = new StringBuilder();
    SplittableRandom random = new SplittableRandom(5);
    for (int u = 1; u <= 50; u++) {
      BitSet seen = new BitSet();
      int n = 10 + random.nextInt(7);
      for (int i = 0; i < n; i++) {
        int m = 1 + random.nextInt(30);
        if (!seen.get(m)) {
          seen.set(m);
          ratings.append(u).append("::").append(m).append("::").append(random.nextInt(11)).append("::")
              .append(1_400_000_000L + u * 1000L + m).append('\n');
        }
      }
    }
    PageServer.write(dir, "movies.dat", movies);
    return PageServer.write(dir, "ratings.dat", ratings);
  }

  /** The values of the lit controls of a star input. */
  static List<String> lit(WebElement stars) {
    return stars.findElements(By.cssSelector(".star.on")).stream().map(b -> b.getAttribute("data-value")).toList();
  }

  @Test
  void aNineLightsNineStarsAndAZeroLightsNone() {
    String user = page.newViewer().get("userId").asText();
    page.browser().open("/start");
    page.browser().visible(".cards li.card .stars");
    List<WebElement> cards = page.browser().all(".cards li.card");
    WebElement first = cards.get(0);
    WebElement second = cards.get(1);
    String nine = first.getAttribute("data-movie");
    String zeroed = second.getAttribute("data-movie");
    WebElement stars = first.findElement(By.cssSelector(".stars"));
    assertEquals(11, stars.findElements(By.cssSelector("button")).size(), "0 and ten stars");
    WebElement zero = stars.findElement(By.cssSelector("button.zero"));
    assertEquals("Rate 0 stars", zero.getAttribute("aria-label"));
    assertEquals("0", zero.getText());

    first.findElement(By.cssSelector("button[aria-label='Rate 9 stars']")).click();
    page.browser().until(ExpectedConditions.textToBe(By.cssSelector(".progress"), "1 of 12 rated"));
    assertEquals(List.of("1", "2", "3", "4", "5", "6", "7", "8", "9"), lit(stars));

    WebElement secondStars = second.findElement(By.cssSelector(".stars"));
    secondStars.findElement(By.cssSelector("button.zero")).click();
    page.browser().until(ExpectedConditions.textToBe(By.cssSelector(".progress"), "2 of 12 rated"));
    assertEquals(List.of("0"), lit(secondStars));

    var stored = page.api().get("/api/v1/users/" + user + "/ratings").get("ratings");
    assertEquals(2, stored.size());
    for (var r : stored) {
      String movie = r.get("movieId").asText();
      double expected = movie.equals(nine) ? 9.0 : 0.0;
      assertEquals(expected, r.get("rating").asDouble(), "movie " + movie);
    }

    // the same input on "My ratings", read back from the store
    page.browser().open("/my-ratings");
    WebElement mine = page.browser().visible("li.rating[data-movie='" + zeroed + "'] .stars");
    assertEquals(List.of("0"), lit(mine));

    // words say the scale where "9★" alone would read as out of 5
    page.browser().open("/movie/" + nine);
    String yours = page.browser().visible(".yours").getText();
    assertEquals("You rated it 9★ of 10.", yours);
    String text = page.browser().visible("article.movie").getText();
    assertTrue(text.matches("(?s).*Rated by \\d+ people, \\d+(\\.\\d)?★ of 10 on average\\..*"), text);

    page.browser().open("/insights");
    page.browser().until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "new in the store"));
    String insights = page.browser().visible("main").getText();
    assertTrue(insights.contains("1 viewer, 2 ratings"), insights);
  }
}
