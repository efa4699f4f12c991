package dev.keyward.adapter.persistence.store;

import dev.keyward.adapter.persistence.Columns;
import dev.keyward.adapter.persistence.Statements;
import dev.keyward.domain.audit.AuditOutboxCommits;
import dev.keyward.domain.token.AuditEvent;
import dev.keyward.domain.token.AuditOutbox;
import dev.keyward.domain.token.OwnerEvent;
import dev.keyward.domain.token.TokenEvent;
import io.micronaut.context.BeanProvider;
import io.micronaut.data.connection.ConnectionOperations;
import io.micronaut.serde.ObjectMapper;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.util.UUID;

/**
 * {@link AuditOutbox} as rows of {@code audit_outbox}, inserted on the caller's transaction so an
 * event commits (or rolls back) with the change it describes; a relay publishes them later in
 * {@code seq} order. The payload is {@link AuditPayload}: never a secret. A
 * security observation concerns no token: its {@code token_id} is null. An insert that loses a race
 * (e.g. a deadlock) fails as {@link dev.keyward.domain.error.ConcurrentChangeException}, via {@link Statements}.
 * Once the caller's transaction commits, {@link AuditOutboxCommits} hears of it, so this node's relay
 * publishes without waiting for its next poll.
 */
@Singleton
public final class JdbcAuditOutbox implements AuditOutbox {

    private final Statements statements;
    private final ObjectMapper json;
    private final TransactionOperations<Connection> transactions;
    /** Looked up at the first commit: the relay loop is built on the domain, which is built on this outbox. */
    private final BeanProvider<AuditOutboxCommits> listeners;

    public JdbcAuditOutbox(ConnectionOperations<Connection> connections, ObjectMapper json,
                           TransactionOperations<Connection> transactions, BeanProvider<AuditOutboxCommits> listeners) {
        this.statements = new Statements(connections);
        this.json = json;
        this.transactions = transactions;
        this.listeners = listeners;
    }

    @Override
    public void append(AuditEvent event) {
        String payload = write(event);
        statements.run("INSERT INTO audit_outbox (event_id, token_id, event_type, occurred_at, payload) "
                + "VALUES (?, ?, ?, ?, ?)", ps -> {
                    ps.setString(1, UUID.randomUUID().toString());
                    ps.setString(2, keyOf(event));
                    ps.setString(3, AuditPayload.typeOf(event));
                    Columns.bindInstant(ps, 4, event.occurredAt());
                    ps.setString(5, payload);
                    return ps.executeUpdate();
                });
        transactions.findTransactionStatus().ifPresent(status -> status.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                if (listeners.isPresent()) {
                    listeners.get().committed();
                }
            }
        }));
    }

    /** The row's token_id: the token's id, or an owner event's owner id (both keep their events in order); else null. */
    private static String keyOf(AuditEvent event) {
        if (event instanceof TokenEvent tokenEvent) {
            return tokenEvent.token().id().toString();
        }
        if (event instanceof OwnerEvent ownerEvent) {
            return ownerEvent.owner().id().toString();
        }
        return null;
    }

    private String write(AuditEvent event) {
        try {
            return AuditPayload.write(json, event);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the audit payload of a " + event.type().wireName() + " event", e);
        }
    }
}
