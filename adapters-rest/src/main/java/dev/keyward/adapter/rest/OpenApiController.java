package dev.keyward.adapter.rest;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Serves the OpenAPI document of this REST API at {@code /openapi.json}, so clients can discover it. */
@Controller
final class OpenApiController {

    static final String RESOURCE = "openapi/keyward-api-tokens.openapi.json";

    private final byte[] document;

    OpenApiController() {
        try (InputStream in = OpenApiController.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the REST adapter");
            }
            this.document = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Get("/openapi.json")
    MutableHttpResponse<byte[]> document() {
        return HttpResponse.ok(document).contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
