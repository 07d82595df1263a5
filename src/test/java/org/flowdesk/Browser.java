package org.flowdesk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

import com.microsoft.playwright.Browser.NewContextOptions;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;

/**
 * Debian's Chromium driven by Playwright, headless, without downloading a browser. Each user
 * gets a browser context of their own (their own cookies), logged in through the login page.
 * One Playwright driver and one Chromium serve every test class of the JVM (each start costs a
 * second or two); a Browser closes only the contexts it opened.
 */
public final class Browser implements AutoCloseable {

  static final Path CHROMIUM = Paths.get(System.getProperty("flowdesk.test.chromium", "/usr/bin/chromium"));
  public static final Path SCREENSHOTS = Paths.get("target", "screenshots");

  private static Playwright playwright;
  private static com.microsoft.playwright.Browser chromium;

  private final String base;
  private final List<BrowserContext> contexts = new ArrayList<>();

  public Browser(int port) {
    base = "http://localhost:" + port;
    // As long as an action may wait (setDefaultTimeout below): on a busy CI machine a page that calls
    // the engine (a report, a raised change) takes longer than Playwright's 5 s default.
    PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
  }

  /**
   * The JVM's Chromium, started when first asked for (again if it went away). It goes with the JVM: the
   * driver ends when its pipe to this JVM closes, and takes Chromium with it.
   */
  private static synchronized com.microsoft.playwright.Browser chromium() {
    if (chromium == null || !chromium.isConnected()) {
      if (playwright != null) {
        try {
          playwright.close();
        } catch (RuntimeException gone) {
          // The driver went with its Chromium: a new one follows.
        }
      }
      playwright = Playwright.create(new Playwright.CreateOptions()
          .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
      chromium = playwright.chromium().launch(new BrowserType.LaunchOptions().setExecutablePath(CHROMIUM)
          .setHeadless(true).setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
              "--disable-background-networking", "--disable-component-update", "--disable-sync")));
    }
    return chromium;
  }

  /** A page in a browser context of its own (its own cookies), not logged in anywhere yet. */
  public Page page(String user) {
    return page(user, new NewContextOptions());
  }

  private Page page(String user, NewContextOptions options) {
    BrowserContext context = chromium().newContext(options.setViewportSize(1280, 800).setBaseURL(base));
    contexts.add(context);
    Page page = context.newPage();
    page.setDefaultTimeout(15_000);
    // What the page reports goes to the test's output, to tell why a step did not happen.
    page.onConsoleMessage(message -> System.out.println("[" + user + " console] " + message.text()));
    page.onPageError(error -> System.out.println("[" + user + " page error] " + error));
    return page;
  }

  /** A page logged in as the user (password = id), on the portal's home page. */
  public Page as(String user) {
    return logIn(page(user), user);
  }

  /** A page in a browser context of its own, not logged in, whose browser speaks the locale (de-DE). */
  public Page page(String user, String locale) {
    return page(user, new NewContextOptions().setLocale(locale));
  }

  /** A page logged in as the user, whose browser speaks the locale (de-DE) and lives in the time zone (America/New_York). */
  public Page as(String user, String locale, String timeZone) {
    return logIn(page(user, new NewContextOptions().setLocale(locale).setTimezoneId(timeZone)), user);
  }

  private static Page logIn(Page page, String user) {
    page.navigate("/");
    signIn(page, user);
    page.waitForSelector("#who:not(:empty)");
    return page;
  }

  /**
   * Fills the login page the browser is on as the user (password = id) and sends it, by the fields' ids: the login
   * page speaks the browser's language.
   */
  public static void signIn(Page page, String user) {
    page.locator("#username").fill(user);
    page.locator("#password").fill(user);
    page.locator("form button[type=submit]").click();
  }

  /** Picks an option of a form-js select, as a person does: open the list, click the option. */
  public static void choose(Page page, String label, String option) {
    Locator field = page.locator(".fjs-form-field-select").filter(new Locator.FilterOptions()
        .setHas(page.locator("label", new Page.LocatorOptions().setHasText(label))));
    field.locator(".fjs-input-group").click();
    field.locator(".fjs-dropdownlist-item", new Locator.LocatorOptions().setHasText(option)).first().click();
    PlaywrightAssertions.assertThat(field.locator(".fjs-select-display")).hasText(option);
  }

  /**
   * Picks a time in a form-js time field from its list, as a person with a mouse does (the field's interval,
   * 15 minutes by default). Typing and leaving the field at once could lose the time: form-js reads what was
   * typed when the field is left, from its last drawing, which under load may not have the text yet.
   */
  public static void time(Page page, String label, String time) {
    Locator input = page.getByLabel(label);
    input.click();
    page.locator(".fjs-timepicker .fjs-dropdownlist-item").getByText(time, new Locator.GetByTextOptions()
        .setExact(true)).first().click();
    PlaywrightAssertions.assertThat(input).hasValue(time);
  }

  /** Saves the page at a desktop and at a phone size. */
  public static void screenshot(Page page, String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    page.setViewportSize(1280, 800);
    page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + "-desktop.png")).setFullPage(true));
    page.setViewportSize(390, 844);
    page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + "-phone.png")).setFullPage(true));
    page.setViewportSize(1280, 800);
  }

  /**
   * The portal in Chromium for a test class of a Spring Boot test on a server port of its own:
   * {@code @RegisterExtension final Browser.PerTest browser = new Browser.PerTest();}, then
   * {@code browser.as("alice")}. Each test gets a Browser on the test's port; the pages it opened close after it.
   */
  public static final class PerTest implements BeforeEachCallback, AfterEachCallback {

    private Browser browser;

    @Override
    public void beforeEach(ExtensionContext context) {
      browser = new Browser(SpringExtension.getApplicationContext(context).getEnvironment()
          .getRequiredProperty("local.server.port", Integer.class));
    }

    @Override
    public void afterEach(ExtensionContext context) {
      if (browser != null) {
        browser.close();
        browser = null;
      }
    }

    private Browser browser() {
      if (browser == null) {
        throw new IllegalStateException("Browser.PerTest gives pages during a test only");
      }
      return browser;
    }

    /** A page logged in as the user (password = id), on the portal's home page. */
    public Page as(String user) {
      return browser().as(user);
    }

    /** A page logged in as the user, whose browser speaks the locale and lives in the time zone. */
    public Page as(String user, String locale, String timeZone) {
      return browser().as(user, locale, timeZone);
    }

    /** A page in a browser context of its own, not logged in anywhere yet. */
    public Page page(String user) {
      return browser().page(user);
    }

    /** A page in a browser context of its own, not logged in, whose browser speaks the locale. */
    public Page page(String user, String locale) {
      return browser().page(user, locale);
    }
  }

  /** Closes the pages and contexts this Browser opened; the JVM's Chromium stays for the next test class. */
  @Override
  public void close() {
    try {
      for (BrowserContext context : contexts) {
        try {
          context.close();
        } catch (RuntimeException gone) {
          // Its Chromium went away: nothing left to close.
        }
      }
    } finally {
      contexts.clear();
    }
  }
}
