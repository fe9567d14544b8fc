package dev.wfm.notifications;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.MessageRejectedException;
import software.amazon.awssdk.services.sesv2.model.SendEmailRequest;
import software.amazon.awssdk.services.sesv2.model.SendEmailResponse;
import software.amazon.awssdk.services.sesv2.model.TooManyRequestsException;

/** Emails through SES v2: at most 50 recipients a message, and which refusals may pass. */
class EmailSenderTest {
    private final List<SendEmailRequest> sent = new ArrayList<>();

    @Test
    void manyRecipientsGoInMessagesOfFiftyWithTheSameContent() {
        List<String> to = IntStream.range(0, 120).mapToObj(i -> "p" + i + "@example.org").toList();

        Attempt attempt = sender(request -> SendEmailResponse.builder().messageId("m").build(), "wfm@example.org")
                .send(new Rendering.Message(to, "Subject", "Body"));

        assertEquals(new Attempt.Delivered("email to 120 recipients"), attempt);
        assertEquals(List.of(50, 50, 20), sent.stream().map(request -> request.destination().toAddresses().size()).toList());
        assertEquals(to, sent.stream().flatMap(request -> request.destination().toAddresses().stream()).toList());
        sent.forEach(request -> {
            assertEquals("wfm@example.org", request.fromEmailAddress());
            assertEquals("Subject", request.content().simple().subject().data());
            assertEquals("Body", request.content().simple().body().text().data());
        });
    }

    @Test
    void throttlingMayPassAndARejectedMessageDoesNot() {
        Rendering.Message message = new Rendering.Message(List.of("amy@example.org"), "s", "b");

        Attempt throttled = sender(request -> {
            throw TooManyRequestsException.builder().statusCode(429)
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("TooManyRequestsException").errorMessage("Slow down").build()).build();
        }, "wfm@example.org").send(message);
        Attempt rejected = sender(request -> {
            throw MessageRejectedException.builder().statusCode(400)
                    .awsErrorDetails(AwsErrorDetails.builder().errorCode("MessageRejected").errorMessage("Email address is not verified").build())
                    .build();
        }, "wfm@example.org").send(message);

        assertEquals(new Attempt.Failed("email to 1 recipient", "Amazon SES did not send the email to 1 recipient: Slow down "
                + "(TooManyRequestsException)", true), throttled);
        assertEquals(new Attempt.Failed("email to 1 recipient", "Amazon SES did not send the email to 1 recipient: Email address is not "
                + "verified (MessageRejected)", false), rejected);
    }

    @Test
    void withoutASenderAddressNoEmailIsSent() {
        Attempt attempt = sender(request -> SendEmailResponse.builder().build(), "").send(new Rendering.Message(List.of("a@b.org"), "s", "b"));

        Attempt.Failed failed = assertInstanceOf(Attempt.Failed.class, attempt);
        assertEquals("No email was sent: the deployment's FromAddress parameter names no sender address", failed.message());
        assertEquals(List.of(), sent);
    }

    private EmailSender sender(Function<SendEmailRequest, SendEmailResponse> answer, String from) {
        SesV2Client ses = new SesV2Client() {
            @Override
            public SendEmailResponse sendEmail(SendEmailRequest request) {
                sent.add(request);
                return answer.apply(request);
            }

            @Override
            public String serviceName() {
                return "ses";
            }

            @Override
            public void close() {}
        };
        return new EmailSender(() -> ses, from);
    }
}
