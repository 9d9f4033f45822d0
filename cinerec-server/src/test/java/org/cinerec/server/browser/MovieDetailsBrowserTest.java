package org.cinerec.server.browser;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.cinerec.testkit.SharedData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A movie's page on Kaggle's "The Movies Dataset" (ratings_small with the metadata sample in
 * ../shared/data): the catalogue's details show as a person reads them, the language by its name ("French",
 * not "fr"), beside the runtime and the overview.
 */
class MovieDetailsBrowserTest {
  @RegisterExtension
  static final PageSession page = new PageSession(() -> PageServer.of(SharedData.moviesDataset(), "kaggle", null));

  @Test
  void aMoviesLanguageShowsByItsNameBesideTheRuntimeAndTheOverview() {
    JsonNode popular = page.api().get("/api/v1/movies/popular?k=200").get("movies");
    assertNotNull(popular, "the popular list");
    String english = null;
    String other = null;
    String otherCode = null;
    for (JsonNode m : popular) {
      String id = m.get("movieId").asText();
      JsonNode details = page.api().get("/api/v1/movies/" + id);
      String language = details.path("language").asText("");
      if (english == null && language.equals("en") && details.path("runtime").asInt(0) > 0) {
        english = id;
      } else if (other == null && language.matches("[a-z]{2}") && !language.equals("en")) {
        other = id;
        otherCode = language;
      }
    }
    assertNotNull(english, "an English movie with a runtime among the 200 most rated");
    assertNotNull(other, "a movie in another language among the 200 most rated");
    Browser b = page.browser();
    b.open("/movie/" + english);
    String line = b.visible("article.movie .movie-text p.muted").getText();
    assertTrue(line.endsWith(" · English") && line.contains(" min · "), line);
    assertFalse(b.visible("article.movie .overview").getText().isBlank(), "the overview");
    b.screenshot("movie-details-english");
    b.open("/movie/" + other);
    String shown = b.visible("article.movie .movie-text p.muted").getText();
    List<String> parts = List.of(shown.split(" · "));
    String name = parts.get(parts.size() - 1);
    assertFalse(name.equals(otherCode) || name.isBlank(), "the language " + otherCode + " by name: " + shown);
    assertTrue(Character.isUpperCase(name.charAt(0)) && name.length() > 2, shown);
  }
}
