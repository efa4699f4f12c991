package dev.keyward.adapter.rest;

import io.micronaut.http.annotation.FilterMatcher;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a server filter: run it only for a request that no route matched. A filter carrying a
 * {@link FilterMatcher} runs for a matched route only when the route carries the same annotation, and
 * no route carries this one, so Micronaut leaves the filter out of every routed request.
 */
@FilterMatcher
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@interface NoRouteMatched {
}
