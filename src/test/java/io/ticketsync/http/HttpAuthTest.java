package io.ticketsync.http;

import io.ticketsync.testing.HttpProbe;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** http.auth.token: /tickets and /metrics need it when set, the probes never do; unset, nothing does. */
class HttpAuthTest {

    private static final String TOKEN = "s3cr3t-token-for-tests-0123456789";

    @Test
    void shouldAnswer401WithAChallengeWhenTheTokenIsMissingOrWrong() throws Exception {
        try (ApiUnderTest api = withToken()) {
            final HttpProbe http = api.http();
            for (final String path : new String[] {"/tickets/T-1", "/metrics"}) {
                final HttpResponse<String> missing = http.get(path);
                assertThat(missing.statusCode()).as(path).isEqualTo(401);
                assertThat(missing.headers().firstValue("WWW-Authenticate")).as(path).hasValueSatisfying(
                        value -> assertThat(value).startsWith("Bearer"));
                assertThat(missing.body()).doesNotContain(TOKEN);
                assertThat(http.get(path, "Authorization", "Bearer " + TOKEN + "x").statusCode()).as(path).isEqualTo(401);
                assertThat(http.get(path, "Authorization", "Basic " + TOKEN).statusCode()).as(path).isEqualTo(401);
            }
        }
    }

    @Test
    void shouldAnswerWhenTheTokenIsRight() throws Exception {
        try (ApiUnderTest api = withToken()) {
            final HttpProbe http = api.http();

            assertThat(http.get("/tickets/T-1", "Authorization", "Bearer " + TOKEN).statusCode()).isEqualTo(200);
            assertThat(http.get("/metrics", "Authorization", "bearer " + TOKEN).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void shouldKeepTheProbesOpenWhenTheTokenIsSet() throws Exception {
        try (ApiUnderTest api = withToken()) {
            assertThat(api.http().get("/health/live").statusCode()).isEqualTo(200);
            assertThat(api.http().get("/health/ready").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void shouldNeedNoTokenWhenNoneIsSet() throws Exception {
        try (ApiUnderTest api = ApiUnderTest.local()) {
            assertThat(api.http().get("/tickets/T-1").statusCode()).isEqualTo(200);
            assertThat(api.http().get("/metrics").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void shouldNeverShowTheTokenWhenSettingsArePrinted() {
        final HttpSettings settings = new HttpSettings("0.0.0.0", 8080, Optional.of(TOKEN), HttpLimits.DEFAULTS);

        assertThat(settings.toString()).doesNotContain(TOKEN).contains("[hidden]");
    }

    private static ApiUnderTest withToken() {
        return ApiUnderTest.start(ApiUnderTest.FAST, Optional.of(TOKEN), id -> new TicketLookup.Local());
    }
}
