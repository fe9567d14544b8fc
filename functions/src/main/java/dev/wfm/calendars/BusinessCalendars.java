package dev.wfm.calendars;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import dev.wfm.common.JsonFields;
import dev.wfm.common.Refusal;
import dev.wfm.store.DocumentStore;
import java.util.Optional;

/**
 * A workflow item's business calendar, one per item (a document of kind {@code CALENDAR}): jobs
 * created while it is set count their template's {@code dueDays} in its working days, and their
 * SLA clock counts only its business time. A job keeps the calendar it was created under, so a
 * change applies to the jobs created after it: a due date once given does not move.
 */
public final class BusinessCalendars {
    static final String KIND = "CALENDAR";
    private static final String ID = "business";

    private final DocumentStore documents;

    public BusinessCalendars(DocumentStore documents) {
        this.documents = documents;
    }

    /** The item's calendar, if it has one. */
    public Optional<BusinessCalendar> find(String itemId) {
        return documents.get(itemId, KIND, ID).map(document -> read(document.body()));
    }

    /** The calendar as the API shows it, with its revision; NOT_FOUND when the item has none. */
    public ObjectNode get(String itemId) {
        DocumentStore.Document document = documents.get(itemId, KIND, ID)
                .orElseThrow(() -> Refusal.notFound("Workflow item '" + itemId + "' has no business calendar", "itemId"));
        return view(document);
    }

    /**
     * Sets the item's calendar (a PUT replaces it whole); {@code revision}, when given, must be the
     * current one (0: none yet). Answers the calendar as stored.
     */
    public ObjectNode put(String itemId, JsonNode body) {
        BusinessCalendar calendar = BusinessCalendar.read(body);
        Long revision = JsonFields.optionalLong(body, "revision", 0, Long.MAX_VALUE);
        long current = documents.revision(itemId, KIND, ID);
        long expected = revision != null ? revision : current;
        boolean written = expected == 0
                ? documents.create(itemId, KIND, ID, calendar.view())
                : documents.replace(itemId, KIND, ID, expected, calendar.view());
        if (!written) {
            throw Refusal.conflict("The business calendar of workflow item '" + itemId + "' changed since revision " + expected
                    + "; read it again and reapply your change", "revision");
        }
        return get(itemId);
    }

    public void delete(String itemId) {
        get(itemId);
        documents.delete(itemId, KIND, ID);
    }

    private static ObjectNode view(DocumentStore.Document document) {
        return document.body().deepCopy().put("revision", document.revision());
    }

    /** A stored (checked) calendar. */
    private static BusinessCalendar read(ObjectNode stored) {
        return Json.MAPPER.convertValue(stored, BusinessCalendar.class);
    }
}
