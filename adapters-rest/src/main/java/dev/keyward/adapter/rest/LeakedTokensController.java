package dev.keyward.adapter.rest;

import dev.keyward.domain.check.Caller;
import dev.keyward.domain.leak.LeakReports.Outcome;
import dev.keyward.domain.leak.LeakReports;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.List;
import java.util.Locale;

/**
 * {@code POST /leaked-tokens}: a token with {@code OrganizationAPITokenModify} reports leaked values
 * (a SIEM playbook, a scanner's reporter, a person). The {@link Caller} comes from
 * {@link ApiKeyAuthenticationFilter}. Each live value's token is deleted at once.
 */
@Controller("/leaked-tokens")
@Produces(MediaType.APPLICATION_JSON)
@ExecuteOn(TaskExecutors.BLOCKING)
public class LeakedTokensController {

    private final LeakReports leaks;
    private final LeakReportReader reader;

    LeakedTokensController(LeakReports leaks, LeakReportReader reader) {
        this.leaks = leaks;
        this.reader = reader;
    }

    @Post
    @Consumes(MediaType.APPLICATION_JSON)
    MutableHttpResponse<List<LeakResultResponse>> report(Caller caller, @Nullable @Body byte[] body) {
        List<LeakResultResponse> results = leaks.report(caller, reader.readKeyward(body)).stream()
                .map(result -> new LeakResultResponse(result.token(), wireName(result.outcome()))).toList();
        return HttpResponse.ok(results).header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    /** {@code revoked}, {@code already-dead}, {@code unknown}. */
    static String wireName(Outcome outcome) {
        return outcome.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
