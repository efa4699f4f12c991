package dev.keyward.app.console;

import dev.keyward.app.support.Chromium;
import dev.keyward.testkit.HttpApi.Reply;
import dev.keyward.testkit.HttpApi.Token;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The console in Debian's Chromium against the whole running service on the real database: every
 * test drives the page like an admin would, then checks over plain HTTP that the API agrees. The
 * bootstrap admin is never rotated or deleted here, so every test can use it.
 */
@MicronautTest(transactional = false)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT extends ConsoleBrowserTest {

    private static final String TOKEN_VALUE = "kw_[0-9A-Za-z]{36}";

    @Test
    @Order(1)
    void the_main_screens_look_as_documented() {
        String in90Days = Instant.now().plus(Duration.ofDays(90)).toString();
        for (String body : List.of(
                "{\"name\":\"ci-deployer\",\"permissions\":[\"RuleRead\",\"RuleModify\",\"PolicyRead\",\"PolicyModify\","
                        + "\"BulkUpload\",\"BulkUploadValidate\",\"LookupRead\",\"LookupModify\"],"
                        + "\"allowedCIDRBlocks\":[\"10.20.0.0/16\",\"2001:db8:c1::/48\"],\"expiresAt\":\"" + in90Days + "\","
                        + "\"meta\":{\"team\":\"platform\",\"region\":\"eu-west-1\"}}",
                "{\"name\":\"alert-forwarder\",\"permissions\":[\"AlertRead\",\"AlertModify\",\"DestinationRead\"]}",
                "{\"name\":\"siem-reader\",\"permissions\":[\"LogSourceRead\",\"DataAnalyticsRead\",\"SummaryRead\"],"
                        + "\"allowedCIDRBlocks\":[\"192.168.10.0/24\"]}",
                "{\"name\":\"legacy-importer\",\"permissions\":[\"BulkUpload\"],\"enabled\":false}")) {
            Reply created = api.post("/api-tokens", admin, body);
            assertEquals(200, created.status(), created.body());
        }
        screenshot("console-signin.png");

        console.signIn(admin);
        console.waitForTile("siem-reader");
        assertEquals("bootstrap-admin", console.signedInName());
        assertTrue(disabledBadge("legacy-importer").isDisplayed());
        screenshot("console-list.png");
        WebElement importerMenu = console.waitForTile("legacy-importer")
                .findElement(By.cssSelector("button[aria-label='Actions for legacy-importer']"));
        importerMenu.click();
        screenshot("console-disabled.png");
        console.focused().sendKeys(Keys.ESCAPE);

        console.startCreate();
        console.type("Name", "siem-export");
        console.setPermission("OrganizationAPITokenRead", true);
        console.setPermission("LogSourceRead", true);
        console.setPermission("DataAnalyticsRead", true);
        console.type("CIDR blocks", "10.0.0.0/8\n2001:db8::/32\n192.168.1.7");
        console.addMetaRow("plan", "enterprise");
        assertTrue(console.waitForErrorNextTo(console.field("CIDR blocks")).contains("needs a prefix length"));
        screenshot("console-create.png");

        console.field("CIDR blocks").sendKeys("/32");
        new Select(console.field("Expires")).selectByValue("90");
        console.submitForm();
        assertTrue(console.createdValue().matches(TOKEN_VALUE));
        screenshot("console-created.png");
        console.done();

        console.driver().findElement(By.id("nav-owners")).click();
        console.waitVisible(By.id("view-owners"));
        for (String[] owner : List.of(new String[] {"cus_1001", "Acme Corp"}, new String[] {"team-payments", "Payments"})) {
            assertEquals(201, api.post("/owners", admin, "{\"externalId\":\"" + owner[0] + "\",\"name\":\"" + owner[1]
                    + "\",\"meta\":{\"plan\":\"gold\"}}").status());
        }
        console.driver().findElement(By.id("o-external-id")).sendKeys("svc-reports");
        console.driver().findElement(By.id("o-submit")).click();
        console.waitUntil(d -> d.findElement(By.id("owner-rows")).getText().contains("svc-reports"));
        screenshot("console-owners.png");
        console.driver().findElement(By.id("nav-tokens")).click();
        console.waitVisible(By.id("view-tokens"));

        console.choose("siem-export", "Rotate");
        assertTrue(console.dialog().getText().contains("The current value stops working immediately"));
        screenshot("console-rotate.png");
        console.confirm();
        assertTrue(console.rotatedValue().matches(TOKEN_VALUE));
        screenshot("console-rotated.png");
        console.cancelDialog();
    }

    @Test
    void signing_in_shows_every_token_across_pages() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            String name = unique("paged-" + i);
            api.create(admin, name, "AlertRead");
            names.add(name);
        }

        console.signIn(admin);
        assertEquals("bootstrap-admin", console.signedInName());
        assertEquals(admin, console.storedKey(), "the token is kept in sessionStorage");
        console.waitUntilLoaded();

        assertTrue(console.tileNames().containsAll(names), "a tile for every token created");
        WebElement last = console.tile(names.get(names.size() - 1)).orElseThrow();
        assertEquals("View Alerts", last.findElement(By.cssSelector(".chip[data-permission='AlertRead']")).getText());
        assertEquals(listedOverRest(), console.tiles().size(), "one tile per token the API lists");
        @SuppressWarnings("unchecked")
        List<String> requests = (List<String>) console.script(
                "return performance.getEntriesByType('resource').map(function (e) { return e.name; });");
        assertTrue(requests.stream().anyMatch(url -> url.contains("/api-tokens?") && url.contains("cursor=")),
                "the console followed next: " + requests);
    }

    @Test
    void a_tile_shows_every_fact_about_a_token() {
        String name = unique("facts");
        Token created = api.create(admin, name, "OrganizationAPITokenRead", "AlertRead");
        api.post("/api-tokens/" + created.id(), admin,
                "{\"name\":\"" + name + "\",\"permissions\":[\"AlertRead\"],\"allowedCIDRBlocks\":[\"10.0.0.0/8\",\"2001:db8::/32\"]}");
        api.rotate(created.id(), admin);

        console.signIn(admin);
        WebElement tile = console.waitForTile(name);
        String text = tile.getText();
        assertTrue(text.contains("View Alerts"), text);
        assertTrue(text.contains("10.0.0.0/8") && text.contains("2001:db8::/32"), text);
        assertTrue(text.contains("by API token \"bootstrap-admin\""), text);
        assertEquals("Never", tile.findElement(By.cssSelector(".fact-last-used")).getText());
        assertEquals("Never", tile.findElement(By.cssSelector(".fact-expires")).getText());
        assertNotEquals("Never", tile.findElement(By.cssSelector(".fact-rotated")).getText());
        assertNotNull(tile.findElement(By.cssSelector(".fact-modified time")).getDomAttribute("datetime"));
        assertEquals(created.id(), tile.findElement(By.cssSelector(".token-id")).getText());
    }

    @Test
    void a_created_token_is_shown_once_and_then_works_over_rest() {
        String name = unique("created");
        console.signIn(admin);
        console.startCreate();
        console.type("Name", name);
        console.setPermission("OrganizationAPITokenRead", true);
        console.setPermission("AlertRead", true);
        console.type("CIDR blocks", "127.0.0.0/8\n::1/128");
        new Select(console.field("Expires")).selectByValue("30");
        console.submitForm();

        String value = console.createdValue();
        assertTrue(value.matches(TOKEN_VALUE), "the value is shown on the success screen");
        assertTrue(console.driver().findElement(By.id("view-created")).getText().contains("It won't be shown again"));
        console.driver().findElement(By.cssSelector("#view-created .secret-copy")).click();
        console.waitUntil(d -> !d.findElement(By.cssSelector("#view-created .copy-status")).getText().isEmpty());

        Reply self = api.get("/api-tokens/self", value);
        assertEquals(200, self.status(), self.body());
        Map<String, Object> token = self.json();
        assertEquals(name, token.get("name"));
        assertEquals(List.of("AlertRead", "OrganizationAPITokenRead"), token.get("permissions"));
        assertEquals(List.of("127.0.0.0/8", "::1/128"), token.get("allowedCIDRBlocks"));
        Instant expires = Instant.parse((String) token.get("expiresAt"));
        Instant in30Days = Instant.now().plus(Duration.ofDays(30));
        assertTrue(Duration.between(expires, in30Days).abs().toMinutes() < 5, "expires in 30 days: " + expires);

        console.done();
        console.waitForTile(name);
        assertFalse(console.pageSource().contains(value), "the value is not shown again");
        assertEquals(admin, console.storedKey(), "creating does not change who is signed in");
    }

    @Test
    void editing_a_token_changes_its_name_permissions_and_blocks() {
        String name = unique("edit-me");
        Token created = api.create(admin, name, "AlertRead", "RuleRead");
        String renamed = unique("edited");

        console.signIn(admin);
        console.choose(name, "Edit");
        assertEquals(name, console.field("Name").getDomProperty("value"));
        assertTrue(console.permission("AlertRead").isSelected(), "the form starts from the token's permissions");
        assertTrue(console.permission("RuleRead").isSelected());
        assertFalse(console.permission("PolicyRead").isSelected());
        console.type("Name", renamed);
        console.setPermission("RuleRead", false);
        console.setPermission("PolicyRead", true);
        console.type("CIDR blocks", "192.168.0.0/16");
        console.submitForm();

        WebElement tile = console.waitForTile(renamed);
        assertTrue(tile.getText().contains("192.168.0.0/16"), tile.getText());
        Map<String, Object> token = api.get("/api-tokens/" + created.id(), admin).json();
        assertEquals(renamed, token.get("name"));
        assertEquals(List.of("AlertRead", "PolicyRead"), token.get("permissions"));
        assertEquals(List.of("192.168.0.0/16"), token.get("allowedCIDRBlocks"));
    }

    @Test
    void rotating_a_token_shows_the_new_value_once_and_the_old_value_is_refused() {
        String name = unique("rotate-me");
        Token created = api.create(admin, name, "OrganizationAPITokenRead");
        String old = created.value();

        console.signIn(admin);
        console.choose(name, "Rotate");
        assertTrue(console.dialog().getText().contains("Rotate " + name));
        console.confirm();
        String fresh = console.rotatedValue();

        assertTrue(fresh.matches(TOKEN_VALUE));
        assertNotEquals(old, fresh);
        assertEquals(401, api.get("/api-tokens/self", old).status(), "the old value is dead at once");
        assertEquals(200, api.get("/api-tokens/self", fresh).status(), "the new value works");
        console.cancelDialog();
        assertFalse(console.pageSource().contains(fresh), "the new value is gone once the dialog is closed");
        assertEquals(admin, console.storedKey());
    }

    @Test
    void disabling_a_token_from_its_menu_refuses_its_value_until_it_is_enabled_again() {
        String name = unique("pause-me");
        Token created = api.create(admin, name, "OrganizationAPITokenRead");

        console.signIn(admin);
        console.choose(name, "Disable");
        assertTrue(console.dialog().getText().contains("refused within a second"), console.dialog().getText());
        console.confirm();
        console.waitUntil(d -> disabledBadge(name).isDisplayed());
        assertEquals(false, api.get("/api-tokens/" + created.id(), admin).json().get("enabled"));
        assertEquals(401, api.get("/api-tokens/self", created.value()).status(), "refused while off");

        console.choose(name, "Enable");
        console.confirm();
        console.waitUntil(d -> !disabledBadge(name).isDisplayed());
        assertEquals(200, api.get("/api-tokens/self", created.value()).status(), "the same value works again");
    }

    @Test
    void a_token_created_with_the_switch_off_is_created_disabled_and_the_edit_form_shows_it_off() {
        String name = unique("born-off");

        console.signIn(admin);
        console.startCreate();
        console.type("Name", name);
        console.setPermission("AlertRead", true);
        WebElement enabled = console.field("Enabled");
        assertEquals("switch", enabled.getDomAttribute("role"));
        assertTrue(enabled.isSelected(), "a new token is enabled unless switched off");
        enabled.click();
        console.submitForm();
        String value = console.createdValue();
        console.done();

        assertEquals(401, api.get("/api-tokens/self", value).status());
        console.waitUntil(d -> disabledBadge(name).isDisplayed());
        console.choose(name, "Edit");
        assertFalse(console.field("Enabled").isSelected(), "the form starts from the token's state");
    }

    @Test
    void metadata_rows_create_a_tokens_meta_and_an_edit_keeps_the_values_it_did_not_touch_as_they_were() {
        String name = unique("meta-me");
        console.signIn(admin);
        console.startCreate();
        console.type("Name", name);
        console.addMetaRow("plan", "gold");
        console.addMetaRow("region", "eu");
        console.submitForm();
        console.createdValue();
        console.done();
        String id = idOf(name);
        assertEquals(Map.of("plan", "gold", "region", "eu"), api.get("/api-tokens/" + id, admin).json().get("meta"));
        WebElement tile = console.waitForTile(name);
        assertTrue(tile.getText().contains("plan: gold") && tile.getText().contains("region: eu"), tile.getText());

        assertEquals(200, api.post("/api-tokens/" + id, admin, "{\"name\":\"" + name + "\",\"permissions\":[],"
                + "\"meta\":{\"seats\":12,\"plan\":\"gold\"}}").status());
        console.reload();
        console.choose(name, "Edit");
        console.metaValue("plan").clear();
        console.metaValue("plan").sendKeys("silver");
        console.submitForm();
        console.waitForTile(name);

        assertEquals(Map.of("seats", 12, "plan", "silver"), api.get("/api-tokens/" + id, admin).json().get("meta"),
                "12 stays a number; the typed value is a string");
    }

    @Test
    @SuppressWarnings("unchecked")
    void owners_are_created_on_their_page_chosen_in_the_token_form_shown_on_the_tile_and_kept_while_they_have_tokens() {
        String external = unique("cus");
        String tokenName = unique("owned");
        console.signIn(admin);
        console.driver().findElement(By.id("nav-owners")).click();
        console.waitVisible(By.id("view-owners"));
        console.driver().findElement(By.id("o-external-id")).sendKeys(external);
        console.driver().findElement(By.id("o-name")).sendKeys("Acme Corp");
        console.driver().findElement(By.id("o-submit")).click();
        console.waitUntil(d -> d.findElement(By.id("owner-rows")).getText().contains(external));
        assertEquals("page", console.driver().findElement(By.id("nav-owners")).getDomAttribute("aria-current"));
        Map<String, Object> owner = ((List<Map<String, Object>>) (List<?>) api.get("/owners?externalId="
                + URLEncoder.encode(external, StandardCharsets.UTF_8), admin).json().get("results")).get(0);
        assertEquals("Acme Corp", owner.get("name"));

        console.driver().findElement(By.id("nav-tokens")).click();
        console.waitVisible(By.id("view-tokens"));
        console.startCreate();
        console.type("Name", tokenName);
        new Select(console.field("Owner")).selectByValue((String) owner.get("id"));
        console.submitForm();
        console.createdValue();
        console.done();
        WebElement tile = console.waitForTile(tokenName);
        assertEquals(owner.get("id"), api.get("/api-tokens/" + idOf(tokenName), admin).json().get("ownerId"));
        assertTrue(console.fact(tile, "Owner").orElseThrow().getText().contains(external), tile.getText());

        console.driver().findElement(By.id("nav-owners")).click();
        console.waitUntil(d -> d.findElement(By.id("owner-rows")).getText().contains(external));
        console.driver().findElement(By.cssSelector("button[aria-label='Delete owner " + external + "']")).click();
        console.confirm();
        console.waitUntil(d -> console.dialog().getText().contains("1 token"));
        console.cancelDialog();
        assertEquals(200, api.get("/owners/" + owner.get("id"), admin).status(), "kept while a token belongs to it");
    }

    @Test
    void the_token_list_is_searched_by_name_and_filtered_by_status_and_owner() {
        String prefix = unique("findme");
        Token plain = api.create(admin, prefix + "-plain", "AlertRead");
        assertEquals(200, api.post("/api-tokens", admin, "{\"name\":\"" + prefix + "-off\",\"permissions\":[],\"enabled\":false}").status());
        String ownerId = api.post("/owners", admin, "{\"externalId\":\"" + prefix + "-owner\"}").string("id");
        assertEquals(200, api.post("/api-tokens", admin, "{\"name\":\"" + prefix + "-owned\",\"permissions\":[],\"ownerId\":\""
                + ownerId + "\"}").status());

        console.signIn(admin);
        console.waitForTile(prefix + "-plain");
        console.driver().findElement(By.id("token-search")).sendKeys(prefix.toUpperCase());
        console.waitUntil(d -> console.tileNames().size() == 3);
        assertTrue(console.tileNames().stream().allMatch(name -> name.startsWith(prefix)), console.tileNames().toString());
        assertTrue(console.driver().findElement(By.id("tokens-summary")).getText().contains("3 of"));

        new Select(console.driver().findElement(By.id("token-status"))).selectByValue("disabled");
        console.waitUntil(d -> console.tileNames().equals(List.of(prefix + "-off")));
        new Select(console.driver().findElement(By.id("token-status"))).selectByValue("");
        new Select(console.driver().findElement(By.id("token-owner-filter"))).selectByValue(ownerId);
        console.waitUntil(d -> console.tileNames().equals(List.of(prefix + "-owned")));
        new Select(console.driver().findElement(By.id("token-owner-filter"))).selectByValue("none");
        console.waitUntil(d -> console.tileNames().equals(List.of(prefix + "-plain", prefix + "-off")));
        assertEquals(plain.id(), console.tile(prefix + "-plain").orElseThrow().getDomAttribute("data-token-id"));
    }

    private String idOf(String name) {
        String cursor = null;
        do {
            Map<String, Object> page = api.get("/api-tokens?limit=100" + (cursor == null ? ""
                    : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)), admin).json();
            for (Object token : (List<?>) page.get("results")) {
                if (name.equals(((Map<?, ?>) token).get("name"))) {
                    return (String) ((Map<?, ?>) token).get("id");
                }
            }
            cursor = (String) page.get("next");
        } while (cursor != null);
        throw new AssertionError("no token named " + name);
    }

    private WebElement disabledBadge(String name) {
        return console.waitForTile(name).findElement(By.cssSelector(".badge-disabled"));
    }

    @Test
    void deleting_a_token_needs_a_confirmation_and_is_final() {
        String name = unique("delete-me");
        Token created = api.create(admin, name, "AlertRead");

        console.signIn(admin);
        console.choose(name, "Delete");
        assertTrue(console.dialog().getText().contains("This cannot be undone"));
        console.cancelDialog();
        assertEquals(200, api.get("/api-tokens/" + created.id(), admin).status(), "cancel keeps the token");

        console.choose(name, "Delete");
        console.confirm();
        console.waitUntilGone(name);
        assertEquals(404, api.get("/api-tokens/" + created.id(), admin).status());
        assertEquals(401, api.get("/api-tokens/self", created.value()).status());
    }

    @Test
    void a_cidr_block_is_checked_as_typed_and_the_servers_verdict_appears_next_to_the_field() {
        String name = unique("bad-cidr");
        console.signIn(admin);
        console.startCreate();
        console.submitForm();
        assertEquals("Give the token a name.", console.waitForErrorNextTo(console.field("Name")));
        assertEquals("true", console.field("Name").getDomAttribute("aria-invalid"));

        console.type("Name", name);
        console.setPermission("AlertRead", true);
        WebElement cidrs = console.field("CIDR blocks");
        cidrs.sendKeys("10.0.0.1");
        assertEquals("\"10.0.0.1\" needs a prefix length, for example \"10.0.0.1/32\".", console.waitForErrorNextTo(cidrs));
        assertEquals("true", cidrs.getDomAttribute("aria-invalid"));
        console.submitForm();
        assertTrue(console.driver().findElement(By.id("view-form")).isDisplayed(), "nothing is sent while a block is malformed");

        cidrs.clear();
        cidrs.sendKeys("2001:db8::zz/32");
        assertTrue(console.waitForErrorNextTo(cidrs).contains("is not an IPv4 or IPv6 address"));

        // Well-formed but with host bits set: only the server refuses it, and says what was meant.
        cidrs.clear();
        cidrs.sendKeys("10.1.2.3/8");
        console.waitUntil(d -> console.errorNextTo(cidrs).isEmpty());
        console.submitForm();
        String verdict = console.waitForErrorNextTo(cidrs);
        assertTrue(verdict.contains("10.0.0.0/8"), verdict);
        assertTrue(console.tiles().stream().noneMatch(tile -> tile.getText().contains(name)));
        assertTrue(api.get("/api-tokens?limit=100", admin).body().indexOf(name) < 0, "no token was created");
    }

    @Test
    void granting_a_permission_the_signed_in_token_lacks_is_refused_next_to_the_permissions() {
        Token manager = api.create(admin, unique("manager"), "OrganizationAPITokenRead", "OrganizationAPITokenModify");

        console.signIn(manager.value());
        console.startCreate();
        console.type("Name", unique("too-strong"));
        console.setPermission("AlertModify", true);
        console.submitForm();

        WebElement permissions = console.driver().findElement(By.id("f-permissions"));
        String error = console.waitForErrorNextTo(permissions);
        assertTrue(error.contains("AlertModify"), error);
    }

    @Test
    void a_refused_token_is_told_so_and_nothing_is_kept() {
        Token doomed = api.create(admin, unique("doomed"), "OrganizationAPITokenRead");
        api.delete("/api-tokens/" + doomed.id(), admin);

        console.typeToken(doomed.value());
        assertTrue(console.signInError().startsWith("Keyward refused this token."), console.signInError());
        assertTrue(console.showsSignIn());
        assertNull(console.storedKey());

        console.typeToken("not-a-token");
        console.waitUntil(d -> console.signInError().contains("is not a Keyward token"));
        assertNull(console.storedKey());
    }

    @Test
    void a_token_without_read_permission_is_told_what_it_lacks() {
        Token weak = api.create(admin, unique("weak"), "AlertRead");

        console.typeToken(weak.value());
        console.waitUntil(d -> console.signInError().contains("OrganizationAPITokenRead"));
        assertNull(console.storedKey());
    }

    @Test
    void rotating_the_signed_in_token_keeps_the_session_working() {
        String name = unique("myself");
        Token mine = api.create(admin, name, "OrganizationAPITokenRead", "OrganizationAPITokenModify");
        String old = mine.value();

        console.signIn(old);
        console.choose(name, "Rotate");
        assertTrue(console.dialog().getText().contains("You are signed in with this token"));
        console.confirm();
        String fresh = console.rotatedValue();

        assertEquals(fresh, console.storedKey(), "the session switched to the new value");
        assertEquals(401, api.get("/api-tokens/self", old).status());
        console.cancelDialog();

        console.reload();
        console.waitForTile(name);
        assertTrue(console.showsList(), "still signed in after a reload");
        assertEquals(name, console.signedInName());
        console.choose(name, "Edit");
        console.type("Name", name + "-renamed");
        console.submitForm();
        console.waitForTile(name + "-renamed");
    }

    @Test
    void signing_out_forgets_the_token() {
        console.signIn(admin);
        console.driver().findElement(By.id("sign-out")).click();

        assertTrue(console.showsSignIn());
        assertNull(console.storedKey());
        console.reload();
        console.waitVisible(By.id("signin-token"));
        assertTrue(console.showsSignIn(), "nothing signs the page back in");
    }

    @Test
    void the_token_menu_works_with_the_keyboard() {
        console.signIn(admin);
        WebElement button = console.waitForTile("bootstrap-admin")
                .findElement(By.cssSelector("button[aria-label='Actions for bootstrap-admin']"));
        assertEquals("menu", button.getDomAttribute("aria-haspopup"));

        button.sendKeys(Keys.ENTER);
        assertEquals("true", button.getDomAttribute("aria-expanded"));
        assertEquals("Edit", console.focused().getText());
        console.focused().sendKeys(Keys.ARROW_DOWN);
        assertEquals("Rotate", console.focused().getText());
        console.focused().sendKeys(Keys.ARROW_DOWN);
        assertEquals("Disable", console.focused().getText());
        console.focused().sendKeys(Keys.END);
        assertEquals("Delete", console.focused().getText());
        console.focused().sendKeys(Keys.ESCAPE);
        assertEquals("false", button.getDomAttribute("aria-expanded"));
        assertEquals(button, console.focused(), "Escape returns the focus to the menu button");

        button.sendKeys(Keys.ENTER);
        console.focused().sendKeys(Keys.ENTER);
        console.waitVisible(By.id("view-form"));
        assertEquals(console.field("Name"), console.focused(), "the edit form starts at its first field");
    }

    @Test
    void the_console_is_served_at_console_with_or_without_the_slash() {
        for (String path : List.of("/console", "/console/", "/console/index.html")) {
            Reply page = api.get(path, null);
            assertEquals(200, page.status(), path);
            assertTrue(page.body().contains("<title>API Tokens · Keyward</title>"), path);
        }
        console.driver().get(api.base() + "/console");
        console.waitVisible(By.id("signin-token"));
    }

    @Test
    void the_page_loads_everything_from_keyward_itself() {
        console.signIn(admin);
        @SuppressWarnings("unchecked")
        List<String> loaded = (List<String>) console.script(
                "return performance.getEntriesByType('resource').map(function (e) { return e.name; });");
        assertFalse(loaded.isEmpty());
        for (String url : loaded) {
            assertEquals(server.getPort(), URI.create(url).getPort(), url);
            assertEquals("127.0.0.1", URI.create(url).getHost(), url);
        }
        String policy = console.driver().findElement(By.cssSelector("meta[http-equiv='Content-Security-Policy']"))
                .getDomAttribute("content");
        assertTrue(policy.contains("default-src 'none'") && policy.contains("connect-src 'self'"), policy);
        assertEquals("/public/graphiql", console.driver().findElement(By.linkText("API Playground")).getDomAttribute("href"));
    }

    private int listedOverRest() {
        int count = 0;
        String cursor = null;
        do {
            Reply page = api.get("/api-tokens?limit=100"
                    + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8)), admin);
            assertEquals(200, page.status(), page.body());
            Map<String, Object> body = page.json();
            count += ((List<?>) body.get("results")).size();
            cursor = (String) body.get("next");
        } while (cursor != null);
        return count;
    }

    /** Screens go to target/ on every run; -Dkeyward.console.screenshots=../docs refreshes the README's. */
    private void screenshot(String file) {
        String directory = System.getProperty("keyward.console.screenshots", "target/console-screenshots");
        chromium.screenshot(Path.of(directory).resolve(file));
    }

}
