package dev.keyward.adapter.rest;

import dev.keyward.domain.check.Caller;
import dev.keyward.domain.owner.OwnerCommands;
import dev.keyward.domain.owner.OwnerQueries;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/**
 * {@code /owners}: whose keys are. The REST adapter of {@link OwnerQueries} and {@link OwnerCommands}; the
 * {@link Caller} comes from {@link ApiKeyAuthenticationFilter}, bodies are type-checked by {@link TokenRequestReader}.
 */
@Controller("/owners")
@Produces(MediaType.APPLICATION_JSON)
@ExecuteOn(TaskExecutors.BLOCKING)
public class OwnerController {

    private final OwnerQueries queries;
    private final OwnerCommands commands;
    private final TokenRequestReader reader;

    OwnerController(OwnerQueries queries, OwnerCommands commands, TokenRequestReader reader) {
        this.queries = queries;
        this.commands = commands;
        this.reader = reader;
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    HttpResponse<OwnerResponse> create(Caller caller, @Nullable @Body byte[] body) {
        TokenRequestReader.OwnerRequest request = reader.readOwner(body);
        return HttpResponse.status(HttpStatus.CREATED)
                .body(OwnerResponse.of(commands.create(caller, request.externalId(), request.name(), request.meta())));
    }

    /** {@code externalId=} finds the one owner that has it; an empty {@code cursor=} means the first page. */
    @Get
    OwnerResponse.Page list(Caller caller, @Nullable @QueryValue String externalId, @Nullable @QueryValue String cursor,
                            @Nullable @QueryValue String limit) {
        OwnerQueries.Page page = queries.list(caller, externalId, cursor == null || cursor.isEmpty() ? null : cursor,
                ApiTokenController.parseLimit(limit));
        return new OwnerResponse.Page(page.results().stream().map(OwnerResponse::of).toList(), page.next().orElse(null));
    }

    @Get("/{id}")
    OwnerResponse get(Caller caller, @PathVariable String id) {
        return OwnerResponse.of(queries.get(caller, id));
    }

    /** Replaces {@code name} (absent: none) and, when sent, {@code meta}; {@code externalId} never changes. */
    @Post("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    OwnerResponse update(Caller caller, @PathVariable String id, @Nullable @Body byte[] body) {
        TokenRequestReader.OwnerRequest request = reader.readOwnerUpdate(body);
        return OwnerResponse.of(commands.update(caller, id, request.name(), request.meta()));
    }

    @Delete("/{id}")
    @Consumes(MediaType.ALL)
    HttpResponse<Void> delete(Caller caller, @PathVariable String id) {
        commands.delete(caller, id);
        return HttpResponse.noContent();
    }
}
