package dev.keyward.app.rest;

import dev.keyward.app.support.EndToEndTest;
import dev.keyward.generated.client.ApiClient;
import dev.keyward.generated.client.api.ApiTokenApi;
import dev.keyward.generated.client.model.APITokenAPIAPIToken;
import dev.keyward.generated.client.model.APITokenAPICreateAPIToken;
import dev.keyward.generated.client.model.APITokenAPIModifyAPIToken;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * What a real client does with the served OpenAPI document: the Java client openapi-generator makes
 * of it (library native, default options; generated at generate-test-sources from the file
 * /openapi.json serves) renames a fenced token and leaves its CIDR blocks as they were, because the
 * document declares the update's allowedCIDRBlocks nullable with no default.
 */
@MicronautTest(transactional = false)
class GeneratedClientIT extends EndToEndTest {

    @Test
    void a_generated_client_that_updates_only_the_name_keeps_the_tokens_cidr_blocks() throws Exception {
        ApiTokenApi tokens = new ApiTokenApi(client());
        APITokenAPIAPIToken created = tokens.createApiToken(new APITokenAPICreateAPIToken()
                .name(unique("fenced"))
                .permissions(List.of(APITokenAPICreateAPIToken.PermissionsEnum.RULE_READ))
                .allowedCIDRBlocks(List.of("127.0.0.1/32", "::1/128")));

        APITokenAPIAPIToken updated = tokens.updateApiToken(created.getId(), new APITokenAPIModifyAPIToken()
                .name("renamed-by-a-generated-client")
                .permissions(List.of(APITokenAPIModifyAPIToken.PermissionsEnum.RULE_READ)));

        assertEquals("renamed-by-a-generated-client", updated.getName());
        assertEquals(List.of("127.0.0.1/32", "::1/128"), updated.getAllowedCIDRBlocks());
        assertEquals(List.of("127.0.0.1/32", "::1/128"), tokens.getApiToken(created.getId()).getAllowedCIDRBlocks());
    }

    @Test
    void the_generated_update_model_starts_without_cidr_blocks_and_leaves_them_out_of_its_json() throws Exception {
        APITokenAPIModifyAPIToken update = new APITokenAPIModifyAPIToken().name("n").permissions(List.of());

        assertNull(update.getAllowedCIDRBlocks());
        assertFalse(client().getObjectMapper().writeValueAsString(update).contains("allowedCIDRBlocks"));
    }

    /** The generated client pointed at the running service, sending the admin key in X-API-Key. */
    private ApiClient client() {
        ApiClient client = new ApiClient();
        client.updateBaseUri(api.base());
        client.setRequestInterceptor(request -> request.header("X-API-Key", admin));
        return client;
    }
}
