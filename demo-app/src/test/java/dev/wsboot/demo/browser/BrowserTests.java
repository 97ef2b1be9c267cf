package dev.wsboot.demo.browser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import dev.wsboot.annotation.LocalWsServerPort;
import dev.wsboot.demo.DeflateMeters;
import dev.wsboot.demo.DemoApplication;
import io.micrometer.core.instrument.MeterRegistry;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestInstance.Lifecycle;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.util.FileSystemUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The demo page in two real browsers: headless Chromium from Debian's {@code chromium}
 * package, driven through {@code chromium-driver}'s ChromeDriver, both given by path so
 * that Selenium never looks for (or downloads) a browser or driver of its own. Without
 * them the tests fail on CI ({@code CI} set) and are skipped elsewhere.
 * <p>
 * The chat test leaves a screenshot of the first browser at
 * {@code demo-app/target/demo.png}; with {@code -Ddemo.screenshot.update=true} it also
 * replaces the README's {@code docs/demo.png}.
 */
@SpringBootTest(classes = DemoApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "ws.server.port=0", "ws.server.address=127.0.0.1", "server.address=127.0.0.1",
				"demo.quotes.tick-interval=100ms" })
@TestInstance(Lifecycle.PER_CLASS)
class BrowserTests {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	@LocalServerPort
	private int httpPort;

	@LocalWsServerPort
	private int wsPort;

	@Autowired
	private MeterRegistry meters;

	private final List<Path> profiles = new ArrayList<>();

	private WebDriver ann;

	private WebDriver bob;

	@BeforeAll
	void startBrowsers() throws IOException {
		boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
		String missing = "Chromium or ChromeDriver is missing at " + CHROMIUM + " / " + CHROMEDRIVER
				+ ": install Debian's packages with 'apt-get install chromium chromium-driver'";
		if (!installed && System.getenv("CI") != null) {
			fail(missing);
		}
		assumeTrue(installed, missing);
		// Where the driver is, for Selenium's own checks: with it, Selenium Manager
		// (which would download a driver and a browser) is never run.
		System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
		this.ann = startBrowser("ann");
		this.bob = startBrowser("bob");
	}

	@AfterAll
	void stopBrowsers() throws IOException {
		for (WebDriver driver : new WebDriver[] { this.ann, this.bob }) {
			if (driver != null) {
				driver.quit();
			}
		}
		for (Path profile : this.profiles) {
			FileSystemUtils.deleteRecursively(profile);
		}
	}

	@Test
	void chatRoomSharedByTwoBrowsers() throws IOException {
		open(this.ann, "chat");
		open(this.bob, "chat");
		join(this.ann, "ann");
		join(this.bob, "bob");
		waitFor(this.ann, (driver) -> textOf(driver, "chat-members").contains("bob"));
		waitFor(this.ann, (driver) -> textOf(driver, "chat-messages").contains("bob joined"));

		say(this.ann, "Hi Bob! This page talks to wsboot's own WebSocket server.");
		waitForMessage(this.bob, "ann", "Hi Bob! This page talks to wsboot's own WebSocket server.");
		say(this.bob, "Hello Ann 👋 弹幕 ✓");
		waitForMessage(this.ann, "bob", "Hello Ann 👋 弹幕 ✓");
		say(this.ann, "Every tab here is one endpoint: chat, danmaku, quotes and echo.");
		waitForMessage(this.bob, "ann", "Every tab here is one endpoint: chat, danmaku, quotes and echo.");
		say(this.bob, "And the counters up there come from the actuator 🎉");
		waitForMessage(this.ann, "bob", "And the counters up there come from the actuator 🎉");

		// A newcomer sees the history.
		WebDriver carol = startBrowser("carol");
		try {
			open(carol, "chat");
			join(carol, "carol");
			waitForMessage(carol, "ann", "Hi Bob! This page talks to wsboot's own WebSocket server.");
			waitForMessage(carol, "bob", "And the counters up there come from the actuator 🎉");
		}
		finally {
			carol.quit();
		}
		waitFor(this.ann, (driver) -> textOf(driver, "chat-messages").contains("carol left"));
		// Ann's and Bob's four connections each, once the counters caught up with Carol
		// leaving: the page polls them every 2 s.
		waitFor(this.ann, (driver) -> textOf(driver, "metric-connections").equals("8")
				&& !textOf(driver, "metric-received").equals("—") && !textOf(driver, "metric-received").equals("0"));
		screenshot(this.ann);
	}

	@Test
	void echoTabSendsTextBack() {
		open(this.ann, "echo");
		waitForOpen(this.ann, "echo");
		type(this.ann, "echo-text", "弹幕 ✓ 🎉");
		this.ann.findElement(By.id("echo-send")).click();
		waitFor(this.ann,
				(driver) -> driver.findElements(By.cssSelector("#echo-log .echoed .echo-text"))
					.stream()
					.anyMatch((echoed) -> echoed.getText().equals("弹幕 ✓ 🎉")));
	}

	@Test
	void chromiumExchangesMessagesCompressedWithPermessageDeflate() {
		open(this.ann, "echo");
		StringBuilder json = new StringBuilder("[");
		for (int i = 0; json.length() < 100_000; i++) {
			json.append("{\"id\":").append(i).append(",\"user\":\"ann\",\"text\":\"弹幕 ").append(i % 97).append("\"},");
		}
		String text = json.append("{}]").toString();
		DeflateMeters before = DeflateMeters.of(this.meters, "/echo");
		this.ann.manage().timeouts().scriptTimeout(TIMEOUT);
		// A page's own WebSocket, as any application's script would open one.
		Object answer = ((JavascriptExecutor) this.ann).executeAsyncScript("""
				const [url, text, done] = arguments;
				const ws = new WebSocket(url);
				ws.onopen = () => ws.send(text);
				ws.onmessage = (event) => {
				  done({ extensions: ws.extensions, echoed: event.data === text });
				  ws.close();
				};
				ws.onerror = () => done({ extensions: 'error', echoed: false });
				""", "ws://127.0.0.1:" + this.wsPort + "/echo", text);
		assertThat(answer).asInstanceOf(InstanceOfAssertFactories.MAP)
			.containsEntry("echoed", true)
			.hasEntrySatisfying("extensions",
					(extensions) -> assertThat((String) extensions).startsWith("permessage-deflate"));
		DeflateMeters counted = DeflateMeters.of(this.meters, "/echo").since(before);
		int utf8Length = text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
		assertThat(counted.receivedInflated()).as("bytes Chromium sent compressed, inflated").isEqualTo(utf8Length);
		assertThat(counted.receivedWire()).as("bytes Chromium sent compressed, on the wire")
			.isLessThan(utf8Length / 4.0);
		assertThat(counted.sentDeflated()).as("bytes the server sent compressed, before compression")
			.isEqualTo(utf8Length);
		assertThat(counted.sentWire()).as("bytes the server sent compressed, on the wire").isLessThan(utf8Length / 4.0);
	}

	@Test
	void quotesTabReceivesTicks() {
		open(this.bob, "quotes");
		waitForOpen(this.bob, "quotes");
		// Every symbol is followed at first, and ticks keep coming.
		waitFor(this.bob, (driver) -> driver.findElements(By.cssSelector("#quotes-body tr")).size() == 6);
		waitFor(this.bob,
				(driver) -> driver.findElements(By.cssSelector("#quotes-body tr .ticks"))
					.stream()
					.filter((ticks) -> Integer.parseInt(ticks.getText()) >= 3)
					.count() >= 3);
		WebElement aapl = this.bob.findElement(By.cssSelector("#quotes-body tr[data-symbol='AAPL']"));
		assertThat(aapl.findElement(By.className("price")).getText()).matches("\\d+\\.\\d\\d");
		// Unfollowing a symbol is confirmed by the server, and its ticks stop.
		aapl.findElement(By.cssSelector("input[type=checkbox]")).click();
		waitFor(this.bob, (driver) -> aapl.getAttribute("class").contains("paused"));
		String ticks = aapl.findElement(By.className("ticks")).getText();
		WebElement msft = this.bob.findElement(By.cssSelector("#quotes-body tr[data-symbol='MSFT'] .ticks"));
		int msftTicks = Integer.parseInt(msft.getText());
		waitFor(this.bob, (driver) -> Integer.parseInt(msft.getText()) >= msftTicks + 5);
		assertThat(aapl.findElement(By.className("ticks")).getText()).isEqualTo(ticks);
	}

	@Test
	void danmakuFromOneBrowserFliesAcrossTheOther() {
		open(this.ann, "danmaku");
		open(this.bob, "danmaku");
		waitForOpen(this.ann, "danmaku");
		waitForOpen(this.bob, "danmaku");
		// Each browser watches once: the pages the other tests left are gone.
		waitFor(this.ann, (driver) -> textOf(driver, "danmaku-viewers").equals("2"));
		type(this.bob, "danmaku-text", "first! 🚀");
		this.bob.findElement(By.id("danmaku-send")).click();
		waitFor(this.ann,
				(driver) -> driver.findElements(By.cssSelector("#danmaku-stage .bullet"))
					.stream()
					.anyMatch((bullet) -> bullet.getText().equals("first! 🚀")));
		waitFor(this.ann, (driver) -> textOf(driver, "danmaku-feed").contains("first! 🚀"));
	}

	private WebDriver startBrowser(String name) throws IOException {
		Path profile = Files.createTempDirectory("wsboot-chromium-" + name);
		this.profiles.add(profile);
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--window-size=1280,960", "--user-data-dir=" + profile);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.withLogFile(new File("target/chromedriver-" + name + ".log"))
			.build();
		return new ChromeDriver(service, options);
	}

	private void open(WebDriver driver, String tab) {
		// A page of its own for each test: leaving the page closes its WebSockets.
		driver.get("about:blank");
		driver.get("http://127.0.0.1:" + this.httpPort + "/#" + tab);
		waitFor(driver, (d) -> "true".equals(d.findElement(By.tagName("body")).getAttribute("data-ready")));
	}

	private void join(WebDriver driver, String nick) {
		type(driver, "chat-nick", nick);
		driver.findElement(By.id("chat-join-button")).click();
		waitForOpen(driver, "chat");
		waitFor(driver, (d) -> textOf(d, "chat-messages").contains("You joined #lobby as " + nick));
	}

	private void say(WebDriver driver, String text) {
		type(driver, "chat-text", text);
		driver.findElement(By.id("chat-send")).click();
	}

	private void waitForMessage(WebDriver driver, String from, String text) {
		waitFor(driver,
				(d) -> d.findElements(By.cssSelector("#chat-messages .message"))
					.stream()
					.anyMatch((message) -> message.findElement(By.className("from")).getText().equals(from)
							&& message.findElement(By.className("text")).getText().equals(text)));
	}

	private void waitForOpen(WebDriver driver, String channel) {
		new WebDriverWait(driver, TIMEOUT).until(ExpectedConditions
			.attributeToBe(By.cssSelector("[data-status='" + channel + "']"), "data-state", "open"));
	}

	/**
	 * Types into a field. ChromeDriver types only characters of the Basic Multilingual
	 * Plane, so text with emoji is set through the DOM, with the input event a keyboard
	 * would cause.
	 */
	private static void type(WebDriver driver, String id, String text) {
		WebElement field = driver.findElement(By.id(id));
		field.clear();
		if (text.codePoints().allMatch(Character::isBmpCodePoint)) {
			field.sendKeys(text);
		}
		else {
			((JavascriptExecutor) driver).executeScript(
					"arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
					field, text);
		}
	}

	private static String textOf(WebDriver driver, String id) {
		return driver.findElement(By.id(id)).getText();
	}

	private static void waitFor(WebDriver driver, Function<WebDriver, Boolean> condition) {
		new WebDriverWait(driver, TIMEOUT).until(condition::apply);
	}

	private void screenshot(WebDriver driver) throws IOException {
		((JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
		Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
		Path target = Path.of("target", "demo.png");
		Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
		if (Boolean.getBoolean("demo.screenshot.update")) {
			Path docs = Path.of("..", "docs");
			Files.createDirectories(docs);
			Files.copy(shot, docs.resolve("demo.png"), StandardCopyOption.REPLACE_EXISTING);
		}
	}

}
