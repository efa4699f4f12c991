package dev.keyward.app.cli;

import dev.keyward.app.support.EndToEndTest;
import dev.keyward.app.support.KeywardTestApp;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The command line against a running Keyward, in-process: exit statuses, JSON a script can parse, and
 * one line on standard error for every failure. The key comes from the environment map, as from
 * {@code KEYWARD_API_TOKEN}.
 */
@MicronautTest(transactional = false)
class CommandLineIT extends EndToEndTest {

    /** What one run printed and returned. */
    record Run(int status, String out, String err) {
        Object json() {
            return Json.parse(out);
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> object() {
            return (Map<String, Object>) json();
        }
    }

    private Run run(String key, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Map<String, String> environment = key == null ? Map.of() : Map.of(KeywardCli.TOKEN_VARIABLE, key);
        String[] withHost = new String[args.length + 2];
        System.arraycopy(args, 0, withHost, 0, args.length);
        withHost[args.length] = "--api-host";
        withHost[args.length + 1] = api.base();
        int status = KeywardCli.run(withHost, new PrintWriter(out), new PrintWriter(err), environment, () -> null);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void check_connection_prints_the_tokens_name_id_and_permissions() {
        var token = api.create(admin, unique("cli-check"), "OrganizationAPITokenRead", "RuleRead");
        Run run = run(token.value(), "check-connection");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("id: " + token.id()), run.out());
        assertTrue(run.out().contains("permissions: OrganizationAPITokenRead, RuleRead"), run.out());
        assertFalse(run.out().contains(token.value()), "the key is not printed");
    }

    @Test
    void check_connection_works_for_a_narrow_token_that_may_only_read_itself() {
        var token = api.create(admin, unique("cli-narrow"), "RuleRead");
        Run run = run(token.value(), "check-connection");
        assertEquals(0, run.status(), run.err());
        assertTrue(run.out().contains("permissions: RuleRead"), run.out());
    }

    @Test
    void a_wrong_key_fails_with_one_line_and_a_non_zero_status() {
        Run run = run(dev.keyward.app.support.KeywardTestApp.newKey(), "check-connection");
        assertEquals(KeywardCli.FAILED, run.status());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().startsWith("keyward: 401"), run.err());
        assertEquals("", run.out());
    }

    @Test
    void without_a_key_or_a_terminal_the_cli_says_where_the_key_comes_from() {
        Run run = run(null, "tokens", "list");
        assertEquals(KeywardCli.FAILED, run.status());
        assertTrue(run.err().contains(KeywardCli.TOKEN_VARIABLE), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }

    @Test
    void an_unreachable_host_fails_with_one_line() {
        StringWriter err = new StringWriter();
        int status = KeywardCli.run(new String[] {"check-connection", "--api-host", "http://127.0.0.1:1"},
                new PrintWriter(new StringWriter()), new PrintWriter(err), Map.of(KeywardCli.TOKEN_VARIABLE, admin), () -> null);
        assertEquals(KeywardCli.FAILED, status);
        assertTrue(err.toString().startsWith("keyward: cannot reach http://127.0.0.1:1"), err.toString());
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
    }

    @Test
    void tokens_create_list_rotate_and_delete_print_json_for_scripts() {
        String name = unique("cli-made");
        Run created = run(admin, "tokens", "create", "--name", name, "--permission", "AlertRead", "--permission", "RuleRead",
                "--allowed-cidr", "10.0.0.0/8", "--expires-at", "2099-01-01T00:00:00Z");
        assertEquals(0, created.status(), created.err());
        Map<String, Object> token = created.object();
        String id = (String) token.get("id");
        String value = (String) token.get("value");
        assertTrue(value.startsWith("kw_"), created.out());
        assertEquals(List.of("10.0.0.0/8"), token.get("allowedCIDRBlocks"));
        assertEquals(List.of("AlertRead", "RuleRead"), token.get("permissions"));

        Run listed = run(admin, "tokens", "list");
        assertEquals(0, listed.status(), listed.err());
        assertTrue(((List<?>) listed.json()).stream().anyMatch(t -> id.equals(((Map<?, ?>) t).get("id"))), listed.out());

        Run rotated = run(admin, "tokens", "rotate", id);
        assertEquals(0, rotated.status(), rotated.err());
        assertEquals(id, rotated.object().get("id"));
        assertNotEquals(value, rotated.object().get("value"));

        Run deleted = run(admin, "tokens", "delete", id);
        assertEquals(0, deleted.status(), deleted.err());
        assertEquals(Map.of("deleted", id), deleted.object());
        assertEquals(404, api.get("/api-tokens/" + id, admin).status());
    }

    @Test
    void tokens_get_update_and_rotate_with_a_grace_period() {
        var token = api.create(admin, unique("cli-changed"), "AlertRead");

        Run got = run(admin, "tokens", "get", token.id());
        assertEquals(0, got.status(), got.err());
        assertEquals(token.id(), got.object().get("id"));
        assertFalse(got.out().contains("\"value\""), "a read never shows a value");

        String renamed = unique("cli-renamed");
        Run updated = run(admin, "tokens", "update", token.id(), "--name", renamed, "--permission", "RuleRead");
        assertEquals(0, updated.status(), updated.err());
        assertEquals(renamed, updated.object().get("name"));
        assertEquals(List.of("RuleRead"), updated.object().get("permissions"));

        Run rotated = run(admin, "tokens", "rotate", token.id(), "--grace-period", "600");
        assertEquals(0, rotated.status(), rotated.err());
        assertTrue(rotated.object().get("previousValueExpiresAt") instanceof String, rotated.out());
        assertEquals(200, api.get("/api-tokens/self", token.value()).status(), "the old value still works during the overlap");
    }

    @Test
    void tokens_create_disable_and_update_enable_switch_a_key_off_and_on() {
        Run created = run(admin, "tokens", "create", "--name", unique("cli-off"), "--permission", "AlertRead", "--disable");
        assertEquals(0, created.status(), created.err());
        assertEquals(false, created.object().get("enabled"), created.out());
        String id = (String) created.object().get("id");
        String value = (String) created.object().get("value");
        assertEquals(401, api.get("/api-tokens/self", value).status(), "off from birth");

        Run on = run(admin, "tokens", "update", id, "--name", "cli-on", "--permission", "AlertRead", "--enable");
        assertEquals(0, on.status(), on.err());
        assertEquals(true, on.object().get("enabled"), on.out());
        Run both = run(admin, "tokens", "update", id, "--name", "x", "--enable", "--disable");

        assertEquals(200, api.get("/api-tokens/self", value).status());
        assertNotEquals(0, both.status(), "--enable and --disable exclude each other");
        assertTrue(both.err().contains("mutually exclusive"), both.err());
    }

    @Test
    void tokens_create_and_update_set_replace_and_clear_metadata() {
        Run created = run(admin, "tokens", "create", "--name", unique("cli-meta"), "--meta", "plan=gold", "--meta", "region=eu-west");
        assertEquals(0, created.status(), created.err());
        assertEquals(Map.of("plan", "gold", "region", "eu-west"), created.object().get("meta"), created.out());
        String id = (String) created.object().get("id");

        Run kept = run(admin, "tokens", "update", id, "--name", "cli-meta");
        Run replaced = run(admin, "tokens", "update", id, "--name", "cli-meta", "--meta", "plan=silver", "--meta", "tier=2");
        Run cleared = run(admin, "tokens", "update", id, "--name", "cli-meta", "--clear-meta");

        assertEquals(Map.of("plan", "gold", "region", "eu-west"), kept.object().get("meta"), kept.out());
        assertEquals(Map.of("plan", "silver", "tier", "2"), replaced.object().get("meta"), replaced.out());
        assertEquals(Map.of(), cleared.object().get("meta"), cleared.out());
    }

    @Test
    void owners_create_list_update_and_delete_and_tokens_take_an_owner_and_leave_it() {
        String external = unique("cli-owner");
        Run created = run(admin, "owners", "create", "--external-id", external, "--name", "CLI Co", "--meta", "plan=gold");
        assertEquals(0, created.status(), created.err());
        String ownerId = (String) created.object().get("id");
        Run token = run(admin, "tokens", "create", "--name", unique("cli-owned"), "--owner", ownerId);
        assertEquals(ownerId, token.object().get("ownerId"), token.out());

        Run listed = run(admin, "owners", "list", "--external-id", external);
        Run refused = run(admin, "owners", "delete", ownerId);
        Run detached = run(admin, "tokens", "update", (String) token.object().get("id"), "--name", "cli-owned", "--no-owner");
        Run updated = run(admin, "owners", "update", ownerId, "--name", "CLI Corp", "--clear-meta");
        Run deleted = run(admin, "owners", "delete", ownerId);

        assertEquals(List.of(created.object()), listed.json(), listed.out());
        assertEquals(KeywardCli.FAILED, refused.status());
        assertTrue(refused.err().startsWith("keyward: 409") && refused.err().contains("1 token"), refused.err());
        assertEquals(null, detached.object().get("ownerId"), detached.out());
        assertEquals("CLI Corp", updated.object().get("name"));
        assertEquals(Map.of(), updated.object().get("meta"));
        assertEquals(0, deleted.status(), deleted.err());
        assertEquals(404, api.get("/owners/" + ownerId, admin).status());
    }

    @Test
    void tokens_list_filters_by_owner_and_enabled_and_bulk_delete_takes_an_owner_or_ids() {
        String ownerId = (String) run(admin, "owners", "create", "--external-id", unique("cli-bulk")).object().get("id");
        String on = (String) run(admin, "tokens", "create", "--name", "b-on", "--owner", ownerId).object().get("id");
        String off = (String) run(admin, "tokens", "create", "--name", "b-off", "--owner", ownerId, "--disable").object().get("id");
        String lone = (String) run(admin, "tokens", "create", "--name", unique("b-lone")).object().get("id");

        Run owned = run(admin, "tokens", "list", "--owner", ownerId);
        Run disabled = run(admin, "tokens", "list", "--owner", ownerId, "--enabled", "false");
        Run idle = run(admin, "tokens", "list", "--owner", ownerId, "--last-used-before", "2000-01-01T00:00:00Z");
        Run badTime = run(admin, "tokens", "list", "--expires-before", "soon");
        Run byIds = run(admin, "tokens", "bulk-delete", "--id", lone);
        Run byOwner = run(admin, "tokens", "bulk-delete", "--owner", ownerId);
        Run neither = run(admin, "tokens", "bulk-delete");

        assertEquals(0, owned.status(), owned.err());
        assertEquals(0, disabled.status(), disabled.err());
        assertEquals(List.of(on, off), ((List<?>) owned.json()).stream().map(token -> ((Map<?, ?>) token).get("id")).toList());
        assertEquals(List.of(off), ((List<?>) disabled.json()).stream().map(token -> ((Map<?, ?>) token).get("id")).toList());
        assertEquals(Map.of("deleted", 1), byIds.object(), byIds.out());
        assertEquals(Map.of("deleted", 2), byOwner.object(), byOwner.out());
        assertNotEquals(0, neither.status(), "--owner or --id is required");
        assertEquals(List.of(), idle.json(), "created after 2000, never used: not idle before 2000");
        assertTrue(badTime.err().startsWith("keyward: 400") && badTime.err().contains("expiresBefore"), badTime.err());
    }

    @Test
    void leaks_report_deletes_the_tokens_whose_values_are_in_the_file() throws Exception {
        var leaked = api.create(admin, unique("cli-leaked"), "AlertRead");
        java.nio.file.Path report = java.nio.file.Files.createTempFile("leaks", ".json");
        java.nio.file.Files.writeString(report, "[{\"token\":\"" + leaked.value() + "\",\"location\":\"https://paste.example/1\","
                + "\"source\":\"cli\"},{\"token\":\"kw_notAKeywardTokenAtAll\"}]");

        Run reported = run(admin, "leaks", "report", report.toString());

        assertEquals(0, reported.status(), reported.err());
        List<?> results = (List<?>) reported.json();
        assertEquals("revoked", ((Map<?, ?>) results.get(0)).get("result"), reported.out());
        assertEquals("unknown", ((Map<?, ?>) results.get(1)).get("result"), reported.out());
        assertFalse(reported.out().contains(leaked.value()), "only the first characters are echoed");
        assertEquals(401, api.get("/api-tokens/self", leaked.value()).status());
        java.nio.file.Files.delete(report);
    }

    @Test
    void verify_checks_a_key_from_a_file_against_a_permission_query_and_says_so_in_its_status() throws Exception {
        var checked = api.create(admin, unique("cli-verified"), "AlertRead", "UserRead");
        java.nio.file.Path keyFile = java.nio.file.Files.createTempFile("key", ".txt");
        java.nio.file.Files.writeString(keyFile, checked.value() + "\n");

        Run either = run(admin, "verify", "--key-file", keyFile.toString(), "--require", "AlertRead AND (RuleRead OR UserRead)");
        Run list = run(admin, "verify", "--key-file", keyFile.toString(), "--require", "AlertRead,RuleRead");

        assertEquals(0, either.status(), either.err());
        assertEquals("VALID", either.object().get("code"), either.out());
        assertEquals(VerifyCommand.NOT_VALID, list.status(), list.out());
        assertEquals("INSUFFICIENT_PERMISSIONS", list.object().get("code"), list.out());
        assertEquals(List.of("RuleRead"), list.object().get("missingPermissions"), list.out());
        assertFalse(either.out().contains(checked.value()) || list.out().contains(checked.value()), "the key is never printed");
        java.nio.file.Files.delete(keyFile);
    }

    @Test
    void a_refused_create_names_the_problem_on_one_line() {
        Run run = run(admin, "tokens", "create", "--name", unique("cli-bad"), "--permission", "NoSuchPermission");
        assertEquals(KeywardCli.FAILED, run.status());
        assertTrue(run.err().startsWith("keyward: 400"), run.err());
        assertTrue(run.err().contains("NoSuchPermission"), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }

    @Test
    void a_token_may_rotate_itself_by_self() {
        var token = api.create(admin, unique("cli-self"));
        Run rotated = run(token.value(), "tokens", "rotate", "self");
        assertEquals(0, rotated.status(), rotated.err());
        assertEquals(token.id(), rotated.object().get("id"));
        assertEquals(401, api.get("/api-tokens/self", token.value()).status(), "the old value stopped working");
    }
}
