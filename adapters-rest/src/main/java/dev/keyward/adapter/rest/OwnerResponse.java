package dev.keyward.adapter.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.keyward.domain.token.OwnerView;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** An owner as the API shows it; {@code name} is null when none was given, {@code meta} {@code {}} when none. */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record OwnerResponse(String id, String externalId, String name, JsonNode meta, String createdAt, String updatedAt) {

    static OwnerResponse of(OwnerView owner) {
        return new OwnerResponse(owner.id().toString(), owner.externalId(), owner.name(), MetaJson.tree(owner.meta()),
                owner.createdAt().toString(), owner.updatedAt().toString());
    }

    /** One page of owners; {@code next} is absent on the last. */
    @Serdeable
    public record Page(@JsonInclude(JsonInclude.Include.ALWAYS) List<OwnerResponse> results,
                       @JsonInclude(JsonInclude.Include.NON_NULL) String next) {
    }
}
