package dev.keyward.adapter.rest;

import dev.keyward.domain.lifecycle.RotationPolicy;
import dev.keyward.domain.manage.CreateTokenCommand;
import dev.keyward.domain.manage.TokenPage;
import dev.keyward.domain.manage.TokenWithValue;
import dev.keyward.domain.manage.UpdateTokenCommand;
import dev.keyward.domain.token.Actor;
import dev.keyward.domain.token.TokenView;

import java.time.Instant;

/** Translates between the wire records of this adapter and the domain's views and commands. */
final class ApiTokenMapper {

    private ApiTokenMapper() {
    }

    static CreateTokenCommand toCommand(CreateTokenRequest request) {
        return new CreateTokenCommand(request.name(), request.permissions(), request.allowedCIDRBlocks(), request.expiresAt(),
                request.enabled(), request.meta(), request.ownerId());
    }

    static UpdateTokenCommand toCommand(UpdateTokenRequest request) {
        return new UpdateTokenCommand(request.name(), request.permissions(), request.allowedCIDRBlocks(), request.enabled(),
                request.meta(), request.owner());
    }

    static ApiTokenResponse toResponse(TokenView token, RotationPolicy rotation) {
        return toResponse(token, rotation, null);
    }

    /** The one place a token value is put on the wire: create and rotate responses. */
    static ApiTokenResponse toResponse(TokenWithValue issued, RotationPolicy rotation) {
        return toResponse(issued.token(), rotation, issued.value().reveal());
    }

    static ListResponse toResponse(TokenPage page, RotationPolicy rotation) {
        return new ListResponse(page.results().stream().map(token -> toResponse(token, rotation)).toList(), page.next().orElse(null));
    }

    /** {@code rotationDueAt} is computed from the installation's rotation period, never stored. */
    private static ApiTokenResponse toResponse(TokenView token, RotationPolicy rotation, String value) {
        return new ApiTokenResponse(
                token.id().toString(),
                token.name().value(),
                token.permissions().names(),
                token.allowlist().texts(),
                text(token.createdAt()),
                actor(token.createdBy()),
                text(token.updatedAt()),
                actor(token.updatedBy()),
                text(token.expiresAt()),
                text(token.lastUsedAt()),
                token.lastUsedFrom() == null ? null : token.lastUsedFrom().toString(),
                text(token.rotatedAt()),
                text(rotation.dueAt(token)),
                text(token.previousValueExpiresAt()),
                token.enabled(),
                MetaJson.tree(token.meta()),
                token.owner() == null ? null : token.owner().id().toString(),
                value);
    }

    private static ActorResponse actor(Actor actor) {
        return actor == null ? null : new ActorResponse(actor.id(), actor.type().wireName());
    }

    /** RFC 3339 in UTC, e.g. 2030-01-31T12:00:00.123456Z. */
    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }
}
