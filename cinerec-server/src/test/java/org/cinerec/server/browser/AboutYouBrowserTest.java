package org.cinerec.server.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.cinerec.Progress;
import org.cinerec.io.MovieLensWriter;
import org.cinerec.synth.Preset;
import org.cinerec.synth.SyntheticData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * What a new viewer tells about themselves (age, gender, occupation), in a real browser, on a server whose
 * default model takes it ({@code multitask --user-features all} trained here on the tiny synthetic data, written
 * with its {@code users.csv}) beside one that does not ({@code ease}): the sign-up offers a labelled select per
 * attribute with the values the models know, what is chosen is stored, and the first rows before any rating are
 * the API's for that user; "About you" in the header shows and changes it, and the store and the rows follow (on
 * the rating screen and on the home screen); an error of the API shows as text. Without such a model no field
 * shows ({@link NewViewerBrowserTest}).
 */
class AboutYouBrowserTest {
  @RegisterExtension
  static final PageSession page = new PageSession(() -> PageServer.withModels(data(), "about-you", List.of(
      new PageServer.Model("mt", "multitask", Map.of("user-features", "all", "epochs", "3", "threads", "1")),
      new PageServer.Model("ease", "ease", Map.of()))));

  /** The tiny synthetic data (50 users with age, gender and occupation, 500 movies) in MovieLens CSV files. */
  static Path data() {
    Path dir = PageServer.dir("about-you-data");
    MovieLensWriter.writeDataset(dir, SyntheticData.generate(Preset.TINY, 7, Progress.NONE), Progress.NONE);
    return dir;
  }

  static Browser browser() {
    return page.browser();
  }

  /**
   * What the loaded models take (GET /api/v1/models): name -> the values every model that takes it knows (the
   * server checks a value against each), in the first such model's order.
   */
  static Map<String, List<String>> known() {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (JsonNode m : page.api().get("/api/v1/models").get("models")) {
      m.get("userAttributes").fields().forEachRemaining(e -> {
        List<String> mine = new ArrayList<>();
        e.getValue().forEach(v -> mine.add(v.asText()));
        out.merge(e.getKey(), mine, (had, more) -> new ArrayList<>(had.stream().filter(more::contains).toList()));
      });
    }
    return out;
  }

  /** What the store holds of what a user told (GET /api/v1/users/{id}). */
  static Map<String, String> told(String user) {
    Map<String, String> out = new LinkedHashMap<>();
    page.api().get("/api/v1/users/" + user).get("attributes").fields()
        .forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  /** The user's home answer from the API (the server's default model, as the page asks with no model chosen). */
  static JsonNode home(String user) {
    return page.api().get("/api/v1/users/" + user + "/home?k=20");
  }

  /** The movie ids of the API's "Top picks" row for a user. */
  static List<String> apiTopPicks(String user) {
    for (JsonNode row : home(user).get("rows")) {
      if (row.get("kind").asText().equals("top-picks")) {
        List<String> ids = new ArrayList<>();
        row.get("movies").forEach(m -> ids.add(m.get("movieId").asText()));
        return ids;
      }
    }
    throw new AssertionError("no top-picks row for " + user);
  }

  /** The movie ids of the "Top picks" row the page shows. */
  static List<String> pageTopPicks() {
    return browser().all("main section[data-row='top-picks'] li.tile").stream()
        .map(t -> t.getAttribute("data-movie")).toList();
  }

  static Select select(String scope, String name) {
    return new Select(browser().driver.findElement(By.cssSelector(scope + " select[data-attribute='" + name + "']")));
  }

  static String viewerField(String field) {
    return (String) browser().js("return JSON.parse(localStorage.getItem('cinerec.viewer'))[arguments[0]]", field);
  }

  /** Makes this browser's viewer an API user created with these attributes; returns their id. */
  static String apiViewer(String attributes) {
    Api.Answer a = page.api().call("POST", "/api/v1/users", "{\"attributes\": " + attributes + "}");
    assertEquals(201, a.status(), String.valueOf(a.json()));
    browser().open("/start");
    browser().js("localStorage.clear(); localStorage.setItem('cinerec.viewer', JSON.stringify({userId: arguments[0],"
        + " key: arguments[1], origin: 'api'}))", a.json().get("userId").asText(), a.json().get("key").asText());
    return a.json().get("userId").asText();
  }

  /** Opens "About you" in the header and waits for its fields. */
  static void openAboutYou() {
    browser().click("#who #about-you");
    browser().visible("dialog.about-dialog[open] select[data-attribute='gender']");
  }

  static void saveAboutYou() {
    browser().click("dialog.about-dialog button[type=submit]");
  }

  @Test
  void theSignUpOffersWhatTheModelsKnowAndTheFirstRowsAreTheApisForWhatWasTold() {
    Map<String, List<String>> known = known();
    assertEquals(List.of("age", "gender", "occupation"), List.copyOf(known.keySet()), "the mt model's attributes");
    Browser b = browser();
    b.open("/start");
    b.js("localStorage.clear()");
    b.open("/start");
    b.until(d -> b.all(".welcome fieldset.about select").size() == known.size());
    for (Map.Entry<String, List<String>> e : known.entrySet()) {
      Select s = select(".welcome", e.getKey());
      List<String> values = new ArrayList<>(List.of(""));
      values.addAll(e.getKey().equals("age")
          ? e.getValue().stream().sorted(Comparator.comparingInt(Integer::parseInt)).toList() : e.getValue());
      assertEquals(values, s.getOptions().stream().map(o -> o.getAttribute("value")).toList(), e.getKey());
      assertEquals("Prefer not to say", s.getOptions().get(0).getText());
      assertEquals("", s.getFirstSelectedOption().getAttribute("value"), "nothing told until chosen");
      String id = s.getWrappedElement().getAttribute("id");
      String label = b.driver.findElement(By.cssSelector("label[for='" + id + "']")).getText();
      assertEquals(Character.toUpperCase(e.getKey().charAt(0)) + e.getKey().substring(1), label);
    }
    // ages are the decades the API lists ("30" stands for 30-39), shown as "30s"
    assertTrue(known.get("age").contains("30"), known.toString());
    assertEquals("30s", select(".welcome", "age").getOptions().stream()
        .filter(o -> o.getAttribute("value").equals("30")).findFirst().orElseThrow().getText());
    assertEquals(List.of("F", "M"), known.get("gender"));
    assertEquals(List.of("Prefer not to say", "Female", "Male"),
        select(".welcome", "gender").getOptions().stream().map(WebElement::getText).toList());
    assertEquals(List.of(), b.axe(), "axe-core on the sign-up with its fields");
    b.width(375);
    assertEquals(0, b.sidewaysOverflow(), "the sign-up at 375 px scrolls sideways");
    b.screenshot("about-you-sign-up-phone");
    b.width(0);

    // keyboard: every field and the button are reached with Tab
    b.tabTo(".welcome select[data-attribute='age']", 40);
    select(".welcome", "age").selectByValue("30");
    b.tabTo(".welcome select[data-attribute='gender']", 3);
    select(".welcome", "gender").selectByValue("F");
    String occupation = known.get("occupation").get(2);
    b.tabTo(".welcome select[data-attribute='occupation']", 3);
    select(".welcome", "occupation").selectByValue(occupation);
    b.wideScreenshot("about-you-sign-up");
    b.tabTo(".welcome button.primary", 3);
    b.keys(Keys.ENTER);

    b.visible(".cards .card .stars");
    b.visible("main section[data-row='top-picks'] li.tile .tile-title");
    String user = viewerField("userId");
    assertEquals(Map.of("age", "30", "gender", "F", "occupation", occupation), told(user), "stored with the user");
    assertEquals(0, page.api().get("/api/v1/users/" + user).get("ratings").asInt());
    List<String> shown = pageTopPicks();
    assertFalse(shown.isEmpty());
    assertEquals(apiTopPicks(user), shown, "the first rows, before any rating, are the API's for this user");
    assertEquals("folded", home(user).get("userState").asText(), "what she told is folded in");
    String silent = page.api().newViewer().get("userId").asText();
    assertEquals("fallback", home(silent).get("userState").asText());
    assertNotEquals(apiTopPicks(silent), shown, "a viewer who told nothing gets other picks");

    // "About you" on the rating screen: the rows follow, the cards stay
    List<String> cards = b.all(".cards li.card").stream().map(c -> c.getAttribute("data-movie")).toList();
    openAboutYou();
    assertEquals("30", select("dialog", "age").getFirstSelectedOption().getAttribute("value"));
    assertEquals("F", select("dialog", "gender").getFirstSelectedOption().getAttribute("value"));
    assertEquals(occupation, select("dialog", "occupation").getFirstSelectedOption().getAttribute("value"));
    select("dialog", "gender").selectByValue("M");
    select("dialog", "occupation").selectByIndex(0); // prefer not to say
    saveAboutYou();
    b.until(d -> b.all("dialog.about-dialog").isEmpty());
    assertEquals(Map.of("age", "30", "gender", "M"), told(user));
    List<String> now = apiTopPicks(user);
    assertNotEquals(shown, now, "told otherwise, picked otherwise");
    b.until(d -> pageTopPicks().equals(now));
    assertEquals(cards, b.all(".cards li.card").stream().map(c -> c.getAttribute("data-movie")).toList());
    assertEquals("about-you", b.js("return document.activeElement.id"), "the focus is back on the button");
  }

  @Test
  void aboutYouShowsWhatWasToldAndAChangeMovesTheStoreAndTheHomeRows() {
    Browser b = browser();
    String user = apiViewer("{\"age\": \"25\", \"gender\": \"M\"}");
    b.open("/");
    b.visible("main section[data-row='top-picks'] li.tile .tile-title");
    List<String> before = pageTopPicks();
    assertEquals(apiTopPicks(user), before);
    b.until(d -> b.visible("main .intro").getText().equals("Picked by the mt model from what you told about "
        + "yourself: rate a few movies and these rows become yours."));

    openAboutYou();
    // an age told in years (25) is shown as its decade
    assertEquals("20", select("dialog", "age").getFirstSelectedOption().getAttribute("value"));
    assertEquals("Male", select("dialog", "gender").getFirstSelectedOption().getText());
    assertEquals("", select("dialog", "occupation").getFirstSelectedOption().getAttribute("value"));
    assertEquals("dialog", b.js("return document.activeElement.closest('dialog') && 'dialog'"),
        "the focus is in the dialog");
    b.wideScreenshot("about-you-dialog");
    assertEquals(List.of(), b.axe(), "axe-core on the About you dialog");
    b.width(375);
    assertEquals(0, b.sidewaysOverflow(), "the dialog at 375 px scrolls sideways");
    b.screenshot("about-you-dialog-phone");
    b.width(0);

    List<String> ages = known().get("age");
    String oldest = ages.stream().max(Comparator.comparingInt(Integer::parseInt)).orElseThrow();
    String occupation = known().get("occupation").get(0);
    select("dialog", "age").selectByValue(oldest);
    select("dialog", "gender").selectByValue("F");
    select("dialog", "occupation").selectByValue(occupation);
    saveAboutYou();
    b.until(d -> b.all("dialog.about-dialog").isEmpty());
    assertEquals(Map.of("age", oldest, "gender", "F", "occupation", occupation), told(user));
    List<String> now = apiTopPicks(user);
    assertNotEquals(before, now, "told otherwise, picked otherwise");
    b.until(d -> pageTopPicks().equals(now));
    assertEquals("/", b.path());
    b.until(d -> "about-you".equals(b.js("return document.activeElement.id")));

    // everything blank: nothing told any more
    openAboutYou();
    for (String name : List.of("age", "gender", "occupation")) {
      select("dialog", name).selectByIndex(0);
    }
    saveAboutYou();
    b.until(d -> b.all("dialog.about-dialog").isEmpty());
    assertEquals(Map.of(), told(user));
    b.until(d -> pageTopPicks().equals(apiTopPicks(user)));
  }

  /** A value the server refuses: its message shows as text in the error style, at sign-up and in About you. */
  @Test
  void anErrorOfTheApiShowsAsTextNeverMarkup() {
    Browser b = browser();
    String markup = "<b id=\"injected\">X</b>";
    b.open("/start");
    b.js("localStorage.clear()");
    b.open("/start");
    b.visible(".welcome select[data-attribute='gender']");
    b.js("const o = document.querySelector(\".welcome select[data-attribute='gender'] option:last-child\");"
        + "o.value = arguments[0]; o.selected = true;", markup);
    b.click(".welcome button.primary");
    WebElement error = b.visible(".welcome .choice .state.error");
    assertTrue(error.getText().contains("the model knows no value \"" + markup + "\""), error.getText());
    assertTrue(error.getText().startsWith("The server did not accept that"), "a 400's headline: " + error.getText());
    assertTrue(b.all("#injected").isEmpty(), "the message became no element");
    assertEquals(null, b.js("return localStorage.getItem('cinerec.viewer')"), "no viewer was created");
    List<String> errors = b.newConsoleErrors();
    assertEquals(1, errors.size(), errors.toString());
    assertTrue(errors.get(0).contains("/api/v1/users - Failed to load resource") && errors.get(0).contains("400"),
        errors.toString());

    String user = apiViewer("{\"gender\": \"F\"}");
    b.open("/");
    b.visible("main section[data-row='top-picks'] li.tile");
    openAboutYou();
    b.js("const o = document.querySelector(\"dialog select[data-attribute='gender'] option:last-child\");"
        + "o.value = arguments[0]; o.selected = true;", markup);
    saveAboutYou();
    error = b.visible("dialog.about-dialog .state.error");
    assertTrue(error.getText().contains("the model knows no value \"" + markup + "\""), error.getText());
    assertTrue(b.all("#injected").isEmpty(), "the message became no element");
    assertEquals(Map.of("gender", "F"), told(user), "nothing changed");
    b.screenshot("about-you-error");
    errors = b.newConsoleErrors();
    assertEquals(1, errors.size(), errors.toString());
    assertTrue(errors.get(0).contains("/attributes - Failed to load resource") && errors.get(0).contains("400"),
        errors.toString());
    b.keys(Keys.ESCAPE);
    b.until(d -> b.all("dialog.about-dialog").isEmpty());
    assertEquals("about-you", b.js("return document.activeElement.id"));
  }
}
