package dev.wfm.notifications;

import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sesv2.SesV2Client;
import software.amazon.awssdk.services.sesv2.model.Body;
import software.amazon.awssdk.services.sesv2.model.Content;
import software.amazon.awssdk.services.sesv2.model.Destination;
import software.amazon.awssdk.services.sesv2.model.EmailContent;
import software.amazon.awssdk.services.sesv2.model.Message;
import software.amazon.awssdk.services.sesv2.model.SesV2Exception;

/**
 * Sends rules' emails through Amazon SES v2 ({@code SendEmail}, a simple text message) from the
 * deployment's {@code FromAddress} (function variable {@code FROM_ADDRESS}), which SES must have
 * verified. The client comes from the SDK's default chain (its endpoint from
 * {@code AWS_ENDPOINT_URL_SESV2} / {@code aws.endpointUrlSesV2}) and is built on first use. SES
 * takes at most {@value #MAX_RECIPIENTS} recipients a message, so more go in several messages.
 * Throttling, SES's own errors (5xx) and an unreachable SES may pass and are tried again (all the
 * messages of the email: a recipient may get one twice); a message SES refuses is not.
 */
final class EmailSender {
    private static final String CHARSET = "UTF-8";
    static final int MAX_RECIPIENTS = 50;

    private final Supplier<SesV2Client> ses;
    private final String fromAddress;

    EmailSender(Supplier<SesV2Client> ses, String fromAddress) {
        this.ses = ses;
        this.fromAddress = fromAddress == null || fromAddress.isBlank() ? null : fromAddress;
    }

    Attempt send(Rendering.Message message) {
        String target = "email to " + message.to().size() + (message.to().size() == 1 ? " recipient" : " recipients");
        if (fromAddress == null) {
            return new Attempt.Failed(target, "No email was sent: the deployment's FromAddress parameter names no sender address", false);
        }
        EmailContent content = EmailContent.builder().simple(Message.builder()
                .subject(Content.builder().data(message.subject()).charset(CHARSET).build())
                .body(Body.builder().text(Content.builder().data(message.body()).charset(CHARSET).build()).build())
                .build()).build();
        try {
            for (int i = 0; i < message.to().size(); i += MAX_RECIPIENTS) {
                List<String> to = message.to().subList(i, Math.min(message.to().size(), i + MAX_RECIPIENTS));
                ses.get().sendEmail(request -> request.fromEmailAddress(fromAddress)
                        .destination(Destination.builder().toAddresses(to).build()).content(content));
            }
            return new Attempt.Delivered(target);
        } catch (SesV2Exception e) {
            String reason = e.awsErrorDetails() == null ? e.getMessage()
                    : e.awsErrorDetails().errorMessage() + " (" + e.awsErrorDetails().errorCode() + ")";
            boolean passing = e.statusCode() >= 500 || e.statusCode() == 429 || e.isThrottlingException();
            return new Attempt.Failed(target, "Amazon SES did not send the " + target + ": " + reason, passing);
        } catch (SdkClientException e) {
            return new Attempt.Failed(target, "Amazon SES could not be reached to send the " + target + ": " + e.getMessage(), true);
        }
    }
}
