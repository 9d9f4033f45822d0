package org.cinerec.server.browser;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * One headless Debian Chromium driven by Selenium for a test class: the browser and its driver are given by path
 * ({@code /usr/bin/chromium}, {@code /usr/bin/chromedriver}; nothing is downloaded), with a fresh profile, no
 * background networking, and the console log kept. Helpers wait explicitly (never sleep), save screenshots under
 * {@code target/browser-screenshots/}, run axe-core (the WebJar on the test classpath) and measure sideways
 * scrolling.
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of(System.getProperty("cinerec.chromium", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER = Path.of(System.getProperty("cinerec.chromedriver", "/usr/bin/chromedriver"));
  static final Path SHOTS = Path.of("target", "browser-screenshots").toAbsolutePath();
  static final Duration WAIT = Duration.ofSeconds(20);
  private static final String AXE = "META-INF/resources/webjars/axe-core/4.6.3/axe.min.js";
  private static final ObjectMapper JSON = new ObjectMapper();

  final ChromeDriver driver;
  final String base;
  private final Path profile;
  private final List<String> consoleErrors = new ArrayList<>();

  /** Starts the browser for a server at {@code base}; skipped locally, failed under CI=true, without Chromium. */
  Browser(String base) {
    requireChromium();
    this.base = base;
    try {
      this.profile = Files.createTempDirectory("cinerec-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions o = new ChromeOptions();
    o.setBinary(CHROMIUM.toFile());
    o.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic",
        "--disable-default-apps", "--disable-extensions", "--no-default-browser-check", "--lang=en-US",
        "--window-size=1280,800", "--user-data-dir=" + profile);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    o.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().build();
    this.driver = new ChromeDriver(service, o);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
  }

  /** Chromium and its driver, or the test is skipped (locally) / failed (in CI). */
  static void requireChromium() {
    boolean there = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!there && "true".equals(System.getenv("CI"))) {
      fail("CI=true but Chromium is missing (" + CHROMIUM + ", " + CHROMEDRIVER + "): apt-get install chromium "
          + "chromium-driver (.ci/run does)");
    }
    assumeTrue(there, "Chromium not installed at " + CHROMIUM + " and " + CHROMEDRIVER);
  }

  /** Opens a path of the page (e.g. "/user/1"). */
  void open(String path) {
    driver.get(base + path);
  }

  <T> T until(Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, WAIT).until(condition);
  }

  /** Waits for an element to be visible and returns it. */
  WebElement visible(String css) {
    return until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  /** Waits for an element to be clickable and clicks it. */
  void click(String css) {
    until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
  }

  List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /** The path of the current URL ("/movie/1"). */
  String path() {
    return (String) js("return location.pathname + location.search");
  }

  /** Presses keys on whatever has the focus (keyboard-only runs). */
  void keys(CharSequence... keys) {
    new Actions(driver).sendKeys(keys).perform();
  }

  /**
   * Presses Tab until the focused element matches the CSS selector (at most {@code max} times); returns it.
   */
  WebElement tabTo(String css, int max) {
    for (int i = 0; i < max; i++) {
      keys(Keys.TAB);
      Boolean hit = (Boolean) js("return document.activeElement && document.activeElement.matches(arguments[0])", css);
      if (Boolean.TRUE.equals(hit)) {
        return driver.switchTo().activeElement();
      }
    }
    throw new AssertionError("no element matching " + css + " after " + max + " presses of Tab; the focus is on "
        + js("const e = document.activeElement; return e ? e.outerHTML.slice(0, 200) : 'nothing'"));
  }

  /** Saves a screenshot of the viewport as target/browser-screenshots/NAME.png; returns the file. */
  Path screenshot(String name) {
    try {
      Files.createDirectories(SHOTS);
      Path p = SHOTS.resolve(name + ".png");
      Files.write(p, driver.getScreenshotAs(OutputType.BYTES));
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Takes a screenshot at 1280 x 860 CSS pixels from the top of the page (the docs' pictures). */
  Path wideScreenshot(String name) {
    viewport(1280, 860, false);
    js("window.scrollTo(0, 0)");
    Path p = screenshot(name);
    width(0);
    return p;
  }

  /** The console's errors since the last call (the browser log's SEVERE entries), kept for {@link #errors}. */
  List<String> newConsoleErrors() {
    List<String> out = new ArrayList<>();
    for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
      if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
        out.add(e.getMessage());
      }
    }
    consoleErrors.addAll(out);
    return out;
  }

  /**
   * Runs axe-core on the page as it is; returns the serious and critical violations as "id (impact): help —
   * targets".
   */
  List<String> axe() {
    if (!Boolean.TRUE.equals(js("return typeof window.axe === 'object'"))) {
      js(axeSource());
    }
    Object raw = driver.executeAsyncScript("const done = arguments[arguments.length - 1];"
        + "axe.run(document, {resultTypes: ['violations']})"
        + ".then(r => done(JSON.stringify(r.violations)), e => done(JSON.stringify({error: String(e)})));");
    List<String> out = new ArrayList<>();
    try {
      JsonNode v = JSON.readTree((String) raw);
      if (v.has("error")) {
        throw new AssertionError("axe-core failed: " + v.get("error").asText());
      }
      for (JsonNode violation : v) {
        String impact = violation.path("impact").asText();
        if (impact.equals("serious") || impact.equals("critical")) {
          List<String> targets = new ArrayList<>();
          for (JsonNode n : violation.path("nodes")) {
            targets.add(n.path("target").toString());
            if (targets.size() == 3) {
              break;
            }
          }
          out.add(violation.path("id").asText() + " (" + impact + "): " + violation.path("help").asText() + " — "
              + targets);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  private static String axeSource() {
    try (InputStream in = Browser.class.getClassLoader().getResourceAsStream(AXE)) {
      if (in == null) {
        throw new IllegalStateException(AXE + " is not on the test classpath (the org.webjars.npm:axe-core WebJar)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Emulates a phone-width viewport (CSS pixels, 800 high), or the browser's own window again with width 0. */
  void width(int px) {
    if (px == 0) {
      driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
    } else {
      viewport(px, 800, true);
    }
  }

  /** Emulates a viewport of this size in CSS pixels (a phone's when {@code mobile}). */
  void viewport(int w, int h, boolean mobile) {
    driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
        Map.of("width", w, "height", h, "deviceScaleFactor", 1, "mobile", mobile));
  }

  /** How far the page scrolls sideways (0 when it fits the viewport's width). */
  long sidewaysOverflow() {
    Number n = (Number) js("return Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
        + " - document.documentElement.clientWidth");
    return n.longValue();
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // a temporary folder left behind is harmless
      }
    }
  }
}
