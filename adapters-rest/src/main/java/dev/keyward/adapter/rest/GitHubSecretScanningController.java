package dev.keyward.adapter.rest;

import dev.keyward.adapter.rest.LeakReportReader.GitHubItem;
import dev.keyward.domain.leak.LeakReports.LeakReport;
import dev.keyward.domain.leak.LeakReports.LeakResult;
import dev.keyward.domain.leak.LeakReports.Outcome;
import dev.keyward.domain.leak.LeakReports;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code POST /secret-scanning/github}: GitHub's secret-scanning partner endpoint, so GitHub can revoke
 * Keyward tokens pushed to public repositories. GitHub holds no Keyward key, so this path is outside
 * {@link ApiKeyAuthenticationFilter}; GitHub's signature over the raw body authenticates it instead
 * ({@link GitHubSignatures}), checked before the body is even parsed: a bad or missing one is a 401 and
 * revokes nothing. The answer is GitHub's feedback array.
 */
@Controller("/secret-scanning/github")
@Produces(MediaType.APPLICATION_JSON)
@ExecuteOn(TaskExecutors.BLOCKING)
public class GitHubSecretScanningController {

    static final String KEY_IDENTIFIER_HEADER = "GITHUB-PUBLIC-KEY-IDENTIFIER";
    static final String SIGNATURE_HEADER = "GITHUB-PUBLIC-KEY-SIGNATURE";
    /** The actor of the leaked events GitHub's reports cause. */
    static final String SCANNER = "github-secret-scanning";

    private final LeakReports leaks;
    private final LeakReportReader reader;
    private final GitHubSignatures signatures;
    private final RequestCredentials credentials;

    GitHubSecretScanningController(LeakReports leaks, LeakReportReader reader, GitHubSignatures signatures,
                                   RequestCredentials credentials) {
        this.leaks = leaks;
        this.reader = reader;
        this.signatures = signatures;
        this.credentials = credentials;
    }

    /** One feedback item: {@code label} is {@code true_positive} (a Keyward token, now dead) or {@code false_positive}. */
    @Serdeable
    record Feedback(String token_raw, String token_type, String label) {

        @Override
        public String toString() {
            return "Feedback[" + token_type + ", " + label + "]";
        }
    }

    @Post
    @Consumes(MediaType.ALL)
    HttpResponse<?> report(HttpRequest<?> request, @Nullable @Body byte[] body) {
        if (!signatures.isConfigured()) {
            return HttpResponse.notFound(new ErrorResponse(
                    "GitHub secret scanning is not set up here: keyward.leaks.github-public-keys is unset"));
        }
        if (!signatures.verify(request.getHeaders().get(KEY_IDENTIFIER_HEADER), request.getHeaders().get(SIGNATURE_HEADER), body)) {
            return HttpResponse.unauthorized()
                    .header(HttpHeaders.WWW_AUTHENTICATE, "GitHub-Signature header=\"" + SIGNATURE_HEADER + "\"")
                    .body(new ErrorResponse("missing or invalid " + SIGNATURE_HEADER + " for " + KEY_IDENTIFIER_HEADER));
        }
        List<GitHubItem> items = reader.readGitHub(body);
        // The source names GitHub and where it saw the value (e.g. "github-secret-scanning:content").
        List<LeakResult> results = leaks.reportByScanner(SCANNER,
                credentials.clientAddress(request),
                items.stream().map(GitHubItem::report).map(r -> new LeakReport(r.token(), r.location(),
                        r.source() == null ? SCANNER : SCANNER + ":" + r.source())).toList());
        List<Feedback> feedback = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            feedback.add(new Feedback(items.get(i).report().token(), items.get(i).type(),
                    results.get(i).outcome() == Outcome.UNKNOWN ? "false_positive" : "true_positive"));
        }
        return HttpResponse.ok(feedback).header(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
