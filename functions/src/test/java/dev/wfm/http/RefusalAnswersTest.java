package dev.wfm.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import dev.wfm.common.Json;
import dev.wfm.common.Refusal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The one place a refusal becomes an HTTP answer: its kind's status, in the contract's error model. */
class RefusalAnswersTest {
    private static final class Refusing extends HttpFunction {
        Refusing(RuntimeException refusal) {
            super(Map.of("GET /x", request -> {
                throw refusal;
            }));
        }
    }

    private static APIGatewayV2HTTPResponse answer(RuntimeException refusal) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRouteKey("GET /x");
        return new Refusing(refusal).handleRequest(event, null);
    }

    @Test
    void aDomainRefusalIsAnsweredInTheErrorModelWithItsDetailsAndMeta() throws Exception {
        Refusal refusal = new Refusal(Refusal.Kind.CONFLICT, "Expected it to be free.", "revision",
                List.of(new Refusal.Detail("STALE_REVISION", "Read it again.", "job-1")), Map.of("jobId", "job-1"));

        APIGatewayV2HTTPResponse response = answer(refusal);

        assertEquals(409, response.getStatusCode());
        assertEquals(Json.read("{\"code\": \"CONFLICT\", \"message\": \"Expected it to be free.\", \"target\": \"revision\", "
                + "\"details\": [{\"code\": \"STALE_REVISION\", \"message\": \"Read it again.\", \"target\": \"job-1\"}], "
                + "\"meta\": {\"jobId\": \"job-1\"}}"), Json.read(response.getBody()));
    }

    @ParameterizedTest
    @EnumSource(Refusal.Kind.class)
    void everyKindIsAnsweredWithTheContractCodeOfItsNameAndThatCodesStatus(Refusal.Kind kind) throws Exception {
        ErrorCode code = ErrorCode.valueOf(kind.name());

        APIGatewayV2HTTPResponse answer = answer(new Refusal(kind, "No.", null, List.of(), Map.of()));

        assertEquals(code.status(), answer.getStatusCode());
        assertEquals(kind.name(), Json.read(answer.getBody()).path("code").asText());
    }
}
