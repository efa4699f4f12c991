package dev.keyward.app.console;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The console as a user sees it: finds things by their labels and roles where it can, so a test
 * that passes also says the page is usable with a screen reader's vocabulary.
 */
final class ConsolePage {

    static final String STORAGE_KEY = "keyward.console.apiKey";

    private final WebDriver driver;
    private final String url;
    private final WebDriverWait wait;

    ConsolePage(WebDriver driver, String baseUrl) {
        this.driver = driver;
        this.url = baseUrl + "/console/";
        this.wait = new WebDriverWait(driver, Duration.ofSeconds(15));
        // The list is rebuilt after every change, so an element found a moment ago may be gone.
        this.wait.ignoring(StaleElementReferenceException.class);
    }

    /** Opens the console in a state with nobody signed in. */
    ConsolePage openSignedOut() {
        // Cleared from a page of the same origin that runs no script, so no console can store it again.
        driver.get(url + "favicon.svg");
        script("sessionStorage.clear();");
        driver.get(url);
        waitVisible(By.id("signin-token"));
        return this;
    }

    ConsolePage reload() {
        driver.navigate().refresh();
        return this;
    }

    void typeToken(String value) {
        WebElement input = driver.findElement(By.id("signin-token"));
        input.clear();
        input.sendKeys(value);
        driver.findElement(By.id("signin-submit")).click();
    }

    /** Signs in and waits until the list shows the signed-in token. */
    ConsolePage signIn(String value) {
        typeToken(value);
        waitVisible(By.id("view-tokens"));
        waitUntilLoaded();
        return this;
    }

    String signInError() {
        return waitVisible(By.id("signin-error")).getText();
    }

    String storedKey() {
        return (String) script("return sessionStorage.getItem(arguments[0]);", STORAGE_KEY);
    }

    String signedInName() {
        return driver.findElement(By.id("session-name")).getText();
    }

    boolean showsSignIn() {
        return driver.findElement(By.id("view-signin")).isDisplayed();
    }

    boolean showsList() {
        return driver.findElement(By.id("view-tokens")).isDisplayed();
    }

    // ------------------------------------------------------------ the list

    List<WebElement> tiles() {
        return driver.findElements(By.cssSelector("#token-tiles > li.tile"));
    }

    /** The tile whose heading is {@code name} (test names never contain a quote). */
    Optional<WebElement> tile(String name) {
        return driver.findElements(By.xpath("//ul[@id='token-tiles']/li[.//h2[normalize-space()='" + name + "']]"))
                .stream().findFirst();
    }

    /** The names on every tile, read in one go. */
    @SuppressWarnings("unchecked")
    List<String> tileNames() {
        return (List<String>) script("return Array.from(document.querySelectorAll('#token-tiles .tile-name'))"
                + ".map(function (h) { return h.textContent; });");
    }

    WebElement waitForTile(String name) {
        waitUntil(d -> d.findElement(By.id("token-tiles")).getDomAttribute("aria-busy") == null && tile(name).isPresent());
        return tile(name).orElseThrow();
    }

    void waitUntilGone(String name) {
        waitUntil(d -> tile(name).isEmpty());
    }

    /** Waits until the list has loaded every page (it is aria-busy meanwhile). */
    void waitUntilLoaded() {
        waitUntil(d -> d.findElement(By.id("token-tiles")).getDomAttribute("aria-busy") == null);
    }

    /** What the tile lists under {@code term} (e.g. "Expires"), if it shows that fact at all. */
    Optional<WebElement> fact(WebElement tile, String term) {
        return tile.findElements(By.xpath(".//dl/div[dt[normalize-space()='" + term + "']]/dd")).stream()
                .filter(WebElement::isDisplayed)
                .findFirst();
    }

    /** Opens the tile's menu ("Actions for NAME") and picks an item by its visible text. */
    void choose(String tokenName, String item) {
        WebElement tile = waitForTile(tokenName);
        WebElement button = tile.findElement(By.cssSelector("button[aria-label='Actions for " + tokenName + "']"));
        button.click();
        WebElement menu = waitVisible(By.id(button.getDomAttribute("aria-controls")));
        menu.findElements(By.cssSelector("[role='menuitem']")).stream()
                .filter(menuItem -> menuItem.getText().equals(item))
                .findFirst().orElseThrow(() -> new AssertionError("no menu item " + item))
                .click();
    }

    // ------------------------------------------------------------ create and edit

    void startCreate() {
        driver.findElement(By.id("create-button")).click();
        waitVisible(By.id("view-form"));
    }

    WebElement field(String label) {
        WebElement labelElement = driver.findElements(By.cssSelector("#token-form label")).stream()
                .filter(l -> l.getText().trim().equals(label))
                .findFirst().orElseThrow(() -> new AssertionError("no field labelled " + label));
        return driver.findElement(By.id(labelElement.getDomAttribute("for")));
    }

    void type(String label, String text) {
        WebElement input = field(label);
        input.clear();
        input.sendKeys(text);
    }

    /** Adds a metadata row with "Add metadata" and fills it in. */
    void addMetaRow(String key, String value) {
        driver.findElement(By.id("f-meta-add")).click();
        List<WebElement> rows = driver.findElements(By.cssSelector("#f-meta-rows .meta-row"));
        WebElement row = rows.get(rows.size() - 1);
        assertEquals(row.findElement(By.cssSelector(".meta-key")), driver.switchTo().activeElement(), "the new row's key has the focus");
        row.findElement(By.cssSelector(".meta-key")).sendKeys(key);
        row.findElement(By.cssSelector(".meta-value")).sendKeys(value);
    }

    /** The value field of the metadata row whose key is {@code key}. */
    WebElement metaValue(String key) {
        return driver.findElements(By.cssSelector("#f-meta-rows .meta-row")).stream()
                .filter(row -> key.equals(row.findElement(By.cssSelector(".meta-key")).getDomProperty("value")))
                .findFirst().orElseThrow(() -> new AssertionError("no metadata row " + key))
                .findElement(By.cssSelector(".meta-value"));
    }

    WebElement permission(String apiName) {
        return driver.findElement(By.id("perm-" + apiName));
    }

    void setPermission(String apiName, boolean checked) {
        if (permission(apiName).isSelected() != checked) {
            driver.findElement(By.cssSelector("label[for='perm-" + apiName + "']")).click();
        }
    }

    /** The error shown next to a field: the element its aria-describedby points at that is visible. */
    String errorNextTo(WebElement field) {
        for (String id : field.getDomAttribute("aria-describedby").split(" ")) {
            WebElement described = driver.findElement(By.id(id));
            if (described.getDomAttribute("class").contains("field-error") && described.isDisplayed()) {
                return described.getText();
            }
        }
        return "";
    }

    String waitForErrorNextTo(WebElement field) {
        waitUntil(d -> !errorNextTo(field).isEmpty());
        return errorNextTo(field);
    }

    void submitForm() {
        driver.findElement(By.id("form-submit")).click();
    }

    /** After create: the value on the success screen. */
    String createdValue() {
        return waitVisible(By.cssSelector("#view-created .secret-value")).getDomProperty("value");
    }

    void done() {
        driver.findElement(By.id("created-done")).click();
        waitVisible(By.id("view-tokens"));
    }

    // ------------------------------------------------------------ dialogs

    WebElement dialog() {
        return waitVisible(By.id("confirm-dialog"));
    }

    void confirm() {
        driver.findElement(By.id("confirm-ok")).click();
    }

    void cancelDialog() {
        driver.findElement(By.id("confirm-cancel")).click();
        waitUntil(d -> !d.findElement(By.id("confirm-dialog")).isDisplayed());
    }

    /** After a rotation: the new value in the dialog. */
    String rotatedValue() {
        return waitVisible(By.cssSelector("#confirm-dialog .secret-value")).getDomProperty("value");
    }

    /** The radio button in the open dialog whose label reads {@code label}. */
    WebElement radio(String label) {
        return dialogLabel(label).findElement(By.cssSelector("input[type='radio']"));
    }

    /** Picks a choice in the open dialog by clicking its label, as a user would. */
    void pick(String label) {
        dialogLabel(label).click();
    }

    private WebElement dialogLabel(String label) {
        return dialog().findElements(By.tagName("label")).stream()
                .filter(l -> l.getText().trim().equals(label))
                .findFirst().orElseThrow(() -> new AssertionError("no choice labelled " + label));
    }

    // ------------------------------------------------------------ plumbing

    WebElement waitVisible(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    <T> T waitUntil(java.util.function.Function<WebDriver, T> condition) {
        return wait.until(condition::apply);
    }

    Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    String pageSource() {
        return driver.getPageSource();
    }

    WebElement focused() {
        return driver.switchTo().activeElement();
    }

    WebDriver driver() {
        return driver;
    }
}
