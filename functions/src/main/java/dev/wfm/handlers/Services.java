package dev.wfm.handlers;

import dev.wfm.activity.ActivityCounts;
import dev.wfm.attachments.AttachmentFiles;
import dev.wfm.attachments.Attachments;
import dev.wfm.calendars.BusinessCalendars;
import dev.wfm.common.Settings;
import dev.wfm.config.ConfigTransfer;
import dev.wfm.config.Diagrams;
import dev.wfm.config.ExtendedPropertyTables;
import dev.wfm.config.JobTemplates;
import dev.wfm.config.LookupUsers;
import dev.wfm.config.LookupTables;
import dev.wfm.config.Lookups;
import dev.wfm.config.StateMachines;
import dev.wfm.config.TemplateUsers;
import dev.wfm.diagrams.CompileTargets;
import dev.wfm.diagrams.layout.Layouts;
import dev.wfm.events.EventConsumer;
import dev.wfm.geo.LocationStore;
import dev.wfm.items.DeletionStore;
import dev.wfm.items.ItemDeletion;
import dev.wfm.items.ItemService;
import dev.wfm.items.ItemStore;
import dev.wfm.jobs.DiagramCatalog;
import dev.wfm.jobs.ExtendedProperties;
import dev.wfm.jobs.JobCreation;
import dev.wfm.jobs.JobStore;
import dev.wfm.jobs.JobUnitOfWork;
import dev.wfm.jobs.OwedCalls;
import dev.wfm.jobs.WorkQueue;
import dev.wfm.jobs.actions.StepActions;
import dev.wfm.jobs.batches.BatchStore;
import dev.wfm.jobs.batches.JobBatches;
import dev.wfm.jobs.dependencies.Dependencies;
import dev.wfm.jobs.lifecycle.JobLifecycle;
import dev.wfm.jobs.lifecycle.JobUpdates;
import dev.wfm.jobs.lifecycle.ParentAutoClose;
import dev.wfm.jobs.runtime.ParentJobs;
import dev.wfm.jobs.runtime.StepActivation;
import dev.wfm.notifications.Notifications;
import dev.wfm.outbound.OutboundHttp;
import dev.wfm.outbound.OutboundPolicy;
import dev.wfm.outbound.SecretHeaders;
import dev.wfm.scheduling.Scheduling;
import dev.wfm.search.CountsBackfill;
import dev.wfm.search.JobCounts;
import dev.wfm.search.JobSearch;
import dev.wfm.search.SavedSearches;
import dev.wfm.security.TokenVerifier;
import dev.wfm.sockets.Connections;
import dev.wfm.sockets.ManagementApiPoster;
import dev.wfm.sockets.SocketPush;
import dev.wfm.sockets.Subscriptions;
import dev.wfm.store.AwsClients;
import dev.wfm.store.DocumentStore;
import dev.wfm.store.Table;
import dev.wfm.webhooks.DeliveryLog;
import dev.wfm.webhooks.DeliveryVerifier;
import dev.wfm.webhooks.WebhookDelivery;
import dev.wfm.webhooks.WebhookRegistry;
import dev.wfm.webhooks.WebhookSecrets;
import dev.wfm.webhooks.WebhookStore;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * The object graph of the functions, wired by hand from the function's environment once per
 * container (no framework: constructors are the wiring). Building it does no I/O, so a function
 * pays only for the parts it uses.
 */
public final class Services {
    public final ItemService items;
    public final JobCounts jobCounts;
    public final CountsBackfill countsBackfill;
    public final Lookups lookups;
    public final JobTemplates templates;
    public final ExtendedPropertyTables propertyTables;
    public final LookupTables lookupTables;
    public final Diagrams diagrams;
    public final ConfigTransfer transfer;
    public final JobStore jobs;
    public final JobUnitOfWork unitOfWork;
    public final DiagramCatalog catalog;
    public final JobCreation creation;
    public final ParentJobs parentJobs;
    public final JobLifecycle lifecycle;
    public final Dependencies dependencies;
    public final StepActions stepActions;
    public final StepActivation activation;
    public final JobRoutes jobRoutes;
    public final JobBatches batches;
    public final BatchRoutes batchRoutes;
    public final ItemDeletion itemDeletion;
    public final Scheduling scheduling;
    public final LocationRoutes locationRoutes;
    public final JobDiagramRoutes jobDiagramRoutes;
    public final WebhookRoutes webhookRoutes;
    public final SearchRoutes searchRoutes;
    public final SavedSearchRoutes savedSearchRoutes;
    public final AttachmentRoutes attachmentRoutes;
    public final OutboundHttp outbound;
    public final SecretHeaders secretHeaders;
    public final BusinessCalendars calendars;
    public final SocketRoutes socketRoutes;
    public final ArcGisRoutes arcGisRoutes;
    public final Notifications notifications;
    /** What the event fan-out hands every streamed job event to, in order. */
    public final List<EventConsumer> eventConsumers;

    /** The graph over the given clients; handlers use {@link #get()}, tests may build their own. */
    public Services(Table table, Supplier<SfnClient> sfn, Clock clock) {
        var documents = new DocumentStore(table);
        var itemStore = new ItemStore(table);
        jobCounts = new JobCounts(table);
        var connections = new Connections(table);
        items = new ItemService(itemStore, Settings.optional("SYSTEM_ADMIN_GROUP", "admins"), clock, itemId -> {
            jobCounts.startCounting(itemId);
            connections.noneOpenYet(itemId);
        });
        jobs = new JobStore(table);
        countsBackfill = new CountsBackfill(table, jobs, jobCounts);
        var webhooks = new WebhookStore(table, documents);
        lookups = new Lookups(documents, LookupUsers.all(List.of(Scheduling.lookupUsers(table), webhooks::usingLookup,
                jobs::openJobsUsing)));
        templates = new JobTemplates(documents, lookups,
                TemplateUsers.all(List.of(Scheduling.templateUsers(table), webhooks::usingTemplate)));
        propertyTables = new ExtendedPropertyTables(documents);
        lookupTables = new LookupTables(documents);
        var stateMachines = new StateMachines(sfn, Settings.optional("STATE_MACHINE_PREFIX", ""), Settings.optional("STATES_ROLE_ARN", null));
        String activationArn = Settings.optional("STEP_ACTIVATION_FUNCTION_ARN", null);
        String workerArn = Settings.optional("STEP_WORKER_FUNCTION_ARN", null);
        CompileTargets targets = activationArn == null || workerArn == null ? null : new CompileTargets(activationArn, workerArn);
        var webhookSecrets = new WebhookSecrets(Settings.optional("WEBHOOK_SECRET_KEY", null));
        secretHeaders = new SecretHeaders(webhookSecrets);
        outbound = new OutboundHttp(OutboundPolicy.fromEnvironment());
        diagrams = new Diagrams(documents, stateMachines, targets, templates, jobs::jobsOfDiagram, secretHeaders, clock);
        transfer = new ConfigTransfer(diagrams, templates, lookups, propertyTables);
        var calls = new OwedCalls(sfn);
        unitOfWork = new JobUnitOfWork(jobs, calls, clock);
        catalog = new DiagramCatalog(diagrams::published);
        var extendedProperties = new ExtendedProperties(templates, propertyTables);
        calendars = new BusinessCalendars(documents);
        creation = new JobCreation(unitOfWork, jobs, templates, catalog, lookups, extendedProperties, documents, calls, calendars, clock);
        parentJobs = new ParentJobs(unitOfWork, jobs);
        var locations = new LocationStore(table);
        var attachments = new Attachments(documents, new AttachmentFiles(AwsClients::s3, AwsClients::s3Presigner,
                Settings.optional("ATTACHMENTS_BUCKET", null)), unitOfWork, clock);
        dependencies = new Dependencies(unitOfWork, catalog, jobs);
        lifecycle = new JobLifecycle(unitOfWork, jobs, catalog, lookups, calls, parentJobs,
                List.of(attachments, locations::remove, dependencies::releaseDependentsOfDeleted));
        stepActions = new StepActions(unitOfWork, catalog, dependencies, calls);
        activation = new StepActivation(unitOfWork, catalog, parentJobs);
        var jobUpdates = new JobUpdates(unitOfWork, jobs, lookups, extendedProperties);
        jobRoutes = new JobRoutes(items, unitOfWork, jobs, creation, lifecycle, jobUpdates, stepActions, dependencies);
        scheduling = new Scheduling(table, templates, creation, outbound, secretHeaders, clock);
        locationRoutes = new LocationRoutes(items, jobs, locations);
        jobDiagramRoutes = new JobDiagramRoutes(items, jobs, catalog, new Layouts());
        var webhookDelivery = new WebhookDelivery(webhooks, new DeliveryLog(table, clock), new DeliveryVerifier(webhookSecrets, clock),
                creation, locations, clock);
        webhookRoutes = new WebhookRoutes(items, new WebhookRegistry(webhooks, templates, webhookSecrets, clock), webhookDelivery);
        var jobSearch = new JobSearch(table, jobCounts, Integer.parseInt(Settings.optional("SEARCH_MAX_JOBS_READ",
                Integer.toString(JobSearch.DEFAULT_MAX_READ))), JobSearch.DEFAULT_READ_TIME);
        batches = new JobBatches(new BatchStore(table), jobs, lifecycle, jobUpdates,
                (itemId, q, max) -> jobSearch.jobIds(itemId, q, () -> extendedProperties.fieldTypes(itemId), max, clock.instant()), clock);
        batchRoutes = new BatchRoutes(items, batches);
        itemDeletion = new ItemDeletion(items, new DeletionStore(table), jobs, lifecycle, diagrams, scheduling, webhooks, clock);
        var workQueue = new WorkQueue(table, itemId -> lookups.lookup(itemId, Lookups.PRIORITIES).valueList());
        searchRoutes = new SearchRoutes(items, jobSearch, jobCounts, workQueue, extendedProperties::fieldTypes, clock);
        attachmentRoutes = new AttachmentRoutes(items, jobs, attachments);
        savedSearchRoutes = new SavedSearchRoutes(items, new SavedSearches(documents, clock, extendedProperties::fieldTypes), jobSearch);
        notifications = new Notifications(table, documents, jobs, outbound, secretHeaders, AwsClients::sesV2,
                Settings.optional("FROM_ADDRESS", null), clock);
        var poster = new ManagementApiPoster(AwsClients::apiGatewayManagement);
        socketRoutes = new SocketRoutes(items, new Subscriptions(connections, jobs, clock), stepActions, TokenHolder::verifier, poster);
        arcGisRoutes = new ArcGisRoutes(Settings.optional("ORGANIZATION_ID", "workflow"), TokenHolder::verifier, items, unitOfWork, jobs,
                templates, diagrams, jobUpdates, lifecycle, stepActions, jobSearch,
                locationRoutes.withLocations(jobRoutes.creationRoutes()).get("POST /items/{itemId}/jobs"),
                searchRoutes.routes().get("POST /items/{itemId}/jobs/statistics"), webhookDelivery, extendedProperties::fieldTypes, clock);
        eventConsumers = List.of(new ActivityCounts(table, clock), notifications.consumer,
                new SocketPush(connections, itemStore, jobs, catalog, poster, clock), new ParentAutoClose(jobs, templates, lifecycle));
    }

    /** The issuer's keys are fetched once per container, when the first token comes. */
    private static final class TokenHolder {
        static final TokenVerifier VERIFIER = TokenVerifier.fromEnvironment();

        static TokenVerifier verifier() {
            return VERIFIER;
        }
    }

    private static final class Holder {
        static final Services INSTANCE = build();

        private static Services build() {
            Priming.warmJobJsonAside();
            return Priming.register(new Services(Table.fromEnvironment(), AwsClients::stepFunctions, Clock.systemUTC()));
        }
    }

    /** The container's services, built on first use (and primed before a SnapStart snapshot: {@link Priming}). */
    public static Services get() {
        return Holder.INSTANCE;
    }
}
