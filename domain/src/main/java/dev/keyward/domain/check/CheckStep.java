package dev.keyward.domain.check;

import dev.keyward.domain.token.SecretHash;

import java.util.Objects;

/**
 * Where a check stands after {@link TokenCheck#start}: answered already (the key was malformed, or the
 * node's cache knew its hash), or pending on the database, carrying the hash it computed so that
 * finishing it neither parses nor hashes the key again.
 */
public sealed interface CheckStep permits CheckStep.Answered, CheckStep.Pending {

    /**
     * The result: at once when answered, else by reading the database on the calling thread.
     *
     * @throws dev.keyward.domain.error.UnavailableException when the node cannot answer safely
     */
    CheckResult finish();

    /** A check answered without any I/O. */
    record Answered(CheckResult result) implements CheckStep {
        public Answered {
            Objects.requireNonNull(result, "result");
        }

        @Override
        public CheckResult finish() {
            return result;
        }
    }

    /** A check whose key's hash only the database can place: {@link #finish} on a thread that may block. */
    final class Pending implements CheckStep {

        /** The rest of a check, once the database has been read. */
        interface Rest {
            CheckResult finish(CheckRequest request, SecretHash hash, long startedNanos);
        }

        private final CheckRequest request;
        private final SecretHash hash;
        private final long startedNanos;
        private final Rest rest;

        Pending(CheckRequest request, SecretHash hash, long startedNanos, Rest rest) {
            this.request = Objects.requireNonNull(request, "request");
            this.hash = Objects.requireNonNull(hash, "hash");
            this.startedNanos = startedNanos;
            this.rest = Objects.requireNonNull(rest, "rest");
        }

        @Override
        public CheckResult finish() {
            return rest.finish(request, hash, startedNanos);
        }

        @Override
        public String toString() {
            return "Pending[" + request + "]";
        }
    }
}
