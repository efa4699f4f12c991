package dev.keyward.adapter.rest;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.HttpServerConfiguration;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * The headers Micronaut adds to an answer that came from a route ({@code Date}, and {@code Server} when
 * one is configured), for the filters that answer without one: the verify door, route misses, health
 * probes. The same request gets the same headers whichever way it is answered.
 */
@Singleton
public final class AnswerHeaders {

    private static final ZoneId GMT = ZoneId.of("GMT");
    /** The header name as Micronaut writes it on a routed answer (Netty's lower-case name). */
    private static final String DATE = "date";

    private final HttpServerConfiguration server;
    /** The Date header of the current second, as Micronaut writes it (RFC 1123, GMT): formatting it was a tenth of a miss. */
    private volatile Dated date = new Dated(Long.MIN_VALUE, "");

    private record Dated(long second, String value) {
    }

    AnswerHeaders(HttpServerConfiguration server) {
        this.server = server;
    }

    /** @return {@code response}, with the headers a routed answer would carry */
    public <R extends MutableHttpResponse<?>> R addTo(R response) {
        if (server.isDateHeader()) {
            response.getHeaders().set(DATE, currentDate());
        }
        server.getServerHeader().ifPresent(header -> response.getHeaders().set(HttpHeaders.SERVER, header));
        return response;
    }

    private String currentDate() {
        long second = System.currentTimeMillis() / 1000;
        Dated seen = date;
        if (seen.second() != second) {
            seen = new Dated(second, Instant.ofEpochSecond(second).atZone(GMT).format(DateTimeFormatter.RFC_1123_DATE_TIME));
            date = seen;
        }
        return seen.value();
    }
}
