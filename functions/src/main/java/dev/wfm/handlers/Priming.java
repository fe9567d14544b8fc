package dev.wfm.handlers;

import dev.wfm.common.Json;
import dev.wfm.common.JsonataTemplates;
import dev.wfm.common.Log;
import dev.wfm.common.Refusal;
import dev.wfm.jobs.Job;
import dev.wfm.jobs.JobStore;
import dev.wfm.jobs.JobViews;
import dev.wfm.jobs.events.JobEvent.JobCreated;
import dev.wfm.jobs.events.JobEventJson;
import dev.wfm.security.Identity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.crac.Context;
import org.crac.Core;
import org.crac.Resource;

/**
 * SnapStart priming: before Lambda takes a function's snapshot, the paths every invocation takes
 * are run once, so the snapshot holds their classes loaded and their code warm: a DynamoDB read
 * through the SDK client (its HTTP client, signer, marshallers, retry policy) of an item and a job
 * that do not exist, Jackson reading and writing a job, its answer and a job event, a JSONata template evaluated.
 * Nothing is written: both reads find nothing (a missing item is refused before anyone is
 * recorded as its member). A failure is logged and the snapshot taken anyway: priming only saves
 * time. Where the JVM has no CRaC (the local cloud, tests) the resource is registered and never called.
 */
public final class Priming implements Resource {
    /** Ids no record has: priming reads, and must find nothing. */
    static final String NOTHING = "snapstart-priming";
    private static final Priming INSTANCE = new Priming();
    private static volatile Services primed;

    private Priming() {}

    /** Registers the priming of {@code services} with the JVM's checkpoint hooks (once); answers them. */
    static synchronized Services register(Services services) {
        if (primed == null) {
            primed = services;
            Core.getGlobalContext().register(INSTANCE);
        }
        return services;
    }

    @Override
    public void beforeCheckpoint(Context<? extends Resource> context) {
        prime(primed);
    }

    @Override
    public void afterRestore(Context<? extends Resource> context) {
        // the restored container's clients carry on; connections made before the snapshot are re-opened by the SDK on demand
    }

    /** One read-only pass through the paths every invocation takes. */
    static void prime(Services services) {
        try {
            try {
                services.items.get(new Identity(NOTHING, List.of()), NOTHING);
            } catch (Refusal notFound) {
                // as expected: there is no such item
            }
            services.jobs.find(NOTHING, NOTHING);
            warmJobJson();
            JobEventJson.read(JobEventJson.write(new JobCreated(NOTHING, Instant.EPOCH)));
            Json.read(Json.write(Json.object().put("primed", true)));
            JsonataTemplates.evaluate("{% $job.priority & '' %}", Map.of("job", Json.object().put("priority", "High")));
        } catch (Exception e) {
            Log.warn("Priming before the snapshot failed; the function starts as if unprimed", e);
        }
    }

    /**
     * Starts {@link #warmJobJson} on a thread of its own while the caller builds the function's clients and
     * services: Jackson's first reading of a job (introspecting the record and its parts) is a third of a cold
     * start, and needs nothing they make. A failure is logged: the first request then builds what is missing.
     */
    static void warmJobJsonAside() {
        Thread warming = new Thread(() -> {
            try {
                warmJobJson();
            } catch (RuntimeException e) {
                Log.warn("Warming the JSON mapper for jobs failed; the first request warms it", e);
            }
        }, "job-json-warm-up");
        warming.setDaemon(true);
        warming.start();
    }

    /** A job as its record holds it, at a current step: what nearly every function reads, writes or answers. */
    static final String SAMPLE_JOB = """
            {"itemId":"snapstart-priming","jobId":"snapstart-priming","jobName":"Job","jobTemplateId":"t","diagramId":"d",\
            "diagramVersion":1,"executionSeq":0,"priority":"High","jobStatus":"New","closed":false,"paused":false,\
            "assignedType":"User","assignedTo":"amy","dueDate":"2026-01-02T00:00:00Z","createdBy":"admin",\
            "created":"2026-01-01T00:00:00Z","updated":"2026-01-01T00:00:00Z","revision":1,\
            "currentSteps":[{"stepId":"s","stepName":"s","stepType":"manual","status":"Ready","assignedType":"User",\
            "assignedTo":"amy","since":"2026-01-01T00:00:00Z"}],"holds":[],"owedCalls":[],"resumeSteps":[],"dependencies":[],\
            "extendedProperties":{},"propertiesRevision":1,"outputs":{}}""";

    /** Jackson's reader and writer of a job and of its answer, built as a request would build them, reading and writing nothing stored. */
    static void warmJobJson() {
        Job job = JobStore.fromDoc(SAMPLE_JOB);
        Json.write(job);
        Json.write(JobViews.job(job, true, Instant.EPOCH));
    }
}
