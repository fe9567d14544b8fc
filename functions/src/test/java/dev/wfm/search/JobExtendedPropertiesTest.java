package dev.wfm.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import dev.wfm.jobs.Job;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobExtendedPropertiesTest {
    private static Job withPermit() {
        ObjectNode values = Json.object();
        values.putObject("permit").put("number", "P-17").put("fee", 12.5).put("expires", "2027-01-31T00:00:00Z");
        return Jobs.job("j1", "High", "Open", false, "User", "amy", null, null).with(b -> {
            b.extendedProperties = values;
            return b;
        });
    }

    @Test
    void conditionsSeeExtendedPropertiesUnderJob() {
        assertEquals("P-17", withPermit().properties().path("extendedProperties").path("permit").path("number").asText());
        assertTrue(Jobs.job("j2", "Low", "New", false, null, null, null, null).properties().path("extendedProperties").isObject());
    }

    @Test
    void extendedPropertiesSurviveStorageAndStoredJobsWithoutThemReadAsEmpty() throws Exception {
        Job read = Json.MAPPER.readValue(Json.write(withPermit()), Job.class);
        assertEquals(withPermit().extendedProperties(), read.extendedProperties());
        ObjectNode old = (ObjectNode) Json.MAPPER.valueToTree(Jobs.job("j3", "Low", "New", false, null, null, null, null));
        old.remove("extendedProperties");
        assertEquals(0, Json.MAPPER.treeToValue(old, Job.class).extendedProperties().size());
    }

    @Test
    void extendedFieldsAreTypedForTheLanguage() {
        Map<String, FieldType> types = ExtendedFields.types(Map.of("permit.number", "string", "permit.fee", "double", "permit.expires", "date"));
        var condition = Condition.compile(QueryParser.parse("permit.fee >= 12.5 AND permit.expires < DATE '2028-01-01' AND permit.number LIKE 'p-%'",
                ExtendedFields.catalog(types), Instant.EPOCH));
        Job job = withPermit();
        assertTrue(condition.test(name -> JobField.named(name).map(field -> field.valueOf(job, Instant.EPOCH))
                .orElseGet(() -> ExtendedFields.value(job, name, types.get(name)))));
    }
}
