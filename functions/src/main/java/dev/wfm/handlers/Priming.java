package dev.wfm.handlers;

import dev.wfm.common.Json;
import dev.wfm.common.JsonataTemplates;
import dev.wfm.common.Log;
import dev.wfm.common.Refusal;
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
 * that do not exist, Jackson reading and writing a job event, a JSONata template evaluated.
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
            JobEventJson.read(JobEventJson.write(new JobCreated(NOTHING, Instant.EPOCH)));
            Json.read(Json.write(Json.object().put("primed", true)));
            JsonataTemplates.evaluate("{% $job.priority & '' %}", Map.of("job", Json.object().put("priority", "High")));
        } catch (Exception e) {
            Log.warn("Priming before the snapshot failed; the function starts as if unprimed", e);
        }
    }
}
