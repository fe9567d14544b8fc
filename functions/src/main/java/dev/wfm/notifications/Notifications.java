package dev.wfm.notifications;

import dev.wfm.jobs.JobRepository;
import dev.wfm.outbound.OutboundHttp;
import dev.wfm.outbound.SecretHeaders;
import dev.wfm.store.DocumentStore;
import dev.wfm.store.Table;
import java.time.Clock;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sesv2.SesV2Client;

/**
 * Notification rules, wired: their configuration (rules, the email directory), the delivery log,
 * the event consumer that delivers and the scheduler's retries. Building it does no I/O; the SES
 * client is built on the first email.
 */
public final class Notifications {
    public final NotificationRules rules;
    public final EmailDirectory directory;
    public final NotificationLog log;
    public final RulesConsumer consumer;
    public final DeliveryRetries retries;

    public Notifications(Table table, DocumentStore documents, JobRepository jobs, OutboundHttp outbound, SecretHeaders secretHeaders,
                         Supplier<SesV2Client> ses, String fromAddress, Clock clock) {
        rules = new NotificationRules(documents, secretHeaders, clock);
        directory = new EmailDirectory(documents);
        log = new NotificationLog(table, clock);
        var deliveries = new Deliveries(log, new Dispatcher(outbound, secretHeaders, directory, new EmailSender(ses, fromAddress)));
        consumer = new RulesConsumer(rules, jobs, deliveries, clock);
        retries = new DeliveryRetries(log, rules, jobs, deliveries);
    }
}
