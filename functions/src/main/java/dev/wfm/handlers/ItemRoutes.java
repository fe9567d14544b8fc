package dev.wfm.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.common.Json;
import dev.wfm.common.JsonFields;
import dev.wfm.common.Refusal;
import dev.wfm.http.ApiRequest;
import dev.wfm.http.ApiResponse;
import dev.wfm.http.Paging;
import dev.wfm.http.Route;
import dev.wfm.items.DeletionStore;
import dev.wfm.items.ItemDeletion;
import dev.wfm.items.ItemService;
import dev.wfm.items.ItemStore;
import dev.wfm.items.WorkflowItem;
import dev.wfm.security.Identity;
import dev.wfm.security.Privilege;
import dev.wfm.security.Role;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@code /items} routes: JSON in and out of {@link ItemService}. */
public final class ItemRoutes {
    private final ItemService items;
    private final ItemDeletion deletion;

    public ItemRoutes(ItemService items, ItemDeletion deletion) {
        this.items = items;
        this.deletion = deletion;
    }

    public Map<String, Route> routes() {
        return Map.of(
                "POST /items", this::create,
                "GET /items", this::list,
                "GET /items/{itemId}", this::get,
                "PUT /items/{itemId}", this::update,
                "DELETE /items/{itemId}", request -> ApiResponse.accepted(report(deletion.delete(request.identity(), itemId(request)))),
                "GET /items/{itemId}/deletion", request -> ApiResponse.ok(report(deletion.report(request.identity(), itemId(request)))),
                "GET /items/{itemId}/members", this::members,
                "GET /items/{itemId}/privileges", request -> ApiResponse.ok(privileges(items.get(request.identity(), itemId(request)))),
                "PUT /items/{itemId}/privileges", this::updatePrivileges);
    }

    /** Every privilege with the roles that hold it here, and whether that is its default. */
    private static ObjectNode privileges(WorkflowItem item) {
        ObjectNode answer = Json.object().put("itemId", item.itemId()).put("revision", item.revision());
        ArrayNode list = answer.putArray("privileges");
        for (Privilege privilege : Privilege.values()) {
            ObjectNode entry = list.addObject().put("privilege", privilege.key()).put("description", privilege.description());
            item.rolesHolding(privilege).stream().map(Role::key).sorted().forEach(entry.putArray("roles")::add);
            entry.put("default", !item.privileges().containsKey(privilege));
        }
        return answer;
    }

    /** {@code {revision, privileges: {closeJobs: ["manager", "worker"], ...}}}: the privileges named get those roles, the others their defaults. */
    private ApiResponse updatePrivileges(ApiRequest request) {
        JsonNode body = request.jsonBody();
        JsonFields.refuseUnknown(body, "", "revision", "privileges");
        Long revision = JsonFields.optionalLong(body, "revision", 1, Long.MAX_VALUE);
        if (revision == null) {
            throw Refusal.invalid("Field 'revision' (the item's revision you read) is required", "revision");
        }
        JsonNode mapped = body.path("privileges");
        if (!mapped.isObject()) {
            throw Refusal.invalid("privileges must be an object mapping privilege names to lists of roles (admin, manager, worker)", "privileges");
        }
        Map<Privilege, Set<Role>> mapping = new EnumMap<>(Privilege.class);
        for (Iterator<Map.Entry<String, JsonNode>> it = mapped.fields(); it.hasNext(); ) {
            var entry = it.next();
            String at = "privileges." + entry.getKey();
            Privilege privilege = Privilege.fromKey(entry.getKey()).orElseThrow(() -> Refusal.invalid("Unknown privilege '" + entry.getKey()
                    + "'; the privileges are " + Arrays.stream(Privilege.values()).map(Privilege::key).toList(), at));
            Set<Role> roles = EnumSet.noneOf(Role.class);
            for (String role : JsonFields.stringList(entry.getValue(), at)) {
                roles.add(Role.fromKey(role).orElseThrow(() -> Refusal.invalid("Unknown role '" + role + "'; expected admin, manager or worker", at)));
            }
            mapping.put(privilege, roles);
        }
        return ApiResponse.ok(privileges(items.updatePrivileges(request.identity(), itemId(request), mapping, revision)));
    }

    private static String itemId(ApiRequest request) {
        return request.pathParameter("itemId");
    }

    /** A deletion as its admins read it: running until {@code finished}, with what it removed so far. */
    private static ObjectNode report(DeletionStore.Report report) {
        ObjectNode answer = Json.object().put("itemId", report.itemId()).put("status", report.finished() == null ? "deleting" : "deleted")
                .put("requestedBy", report.requestedBy()).put("started", report.started());
        if (report.finished() != null) {
            answer.put("finished", report.finished());
        }
        answer.putObject("deleted").put("jobs", report.jobsDeleted()).put("stateMachines", report.stateMachinesDeleted())
                .put("schedulesTasksAndWebhooks", report.sourcesDeleted()).put("otherRecords", report.recordsDeleted());
        return answer.put("steps", report.steps());
    }

    /** Replaces name, description and role mappings; what a GET answered is accepted back (itemId must match). */
    private ApiResponse update(ApiRequest request) {
        JsonNode body = request.jsonBody();
        String itemId = request.pathParameter("itemId");
        JsonFields.refuseUnknown(body, "", "name", "description", "roles", "revision", "itemId", "createdBy", "created");
        String sent = JsonFields.optionalString(body, "itemId", JsonFields.MAX_ID_LENGTH);
        if (sent != null && !sent.equals(itemId)) {
            throw Refusal.invalid("The body names item '" + sent + "', not '" + itemId + "'", "itemId");
        }
        Long revision = JsonFields.optionalLong(body, "revision", 1, Long.MAX_VALUE);
        if (revision == null) {
            throw Refusal.invalid("Field 'revision' (the item's revision you read) is required", "revision");
        }
        WorkflowItem updated = items.update(request.identity(), itemId, new ItemService.ItemUpdate(
                JsonFields.requiredString(body, "name", ItemService.MAX_NAME_LENGTH),
                JsonFields.optionalString(body, "description", 4000), roleGroups(body.get("roles")), revision));
        return ApiResponse.ok(toJson(updated));
    }

    /** Everyone seen using the item, with their groups as last seen and the roles the item's mappings give them now. */
    private ApiResponse members(ApiRequest request) {
        String itemId = request.pathParameter("itemId");
        List<ItemStore.Member> members = items.members(request.identity(), itemId);
        WorkflowItem item = items.get(request.identity(), itemId);
        List<ObjectNode> listed = members.stream().map(member -> {
            ObjectNode entry = Json.object().put("user", member.user());
            member.groups().forEach(entry.putArray("groups")::add);
            ArrayNode roles = entry.putArray("roles");
            item.rolesOf(new Identity(member.user(), member.groups())).stream().map(Role::key).sorted().forEach(roles::add);
            return entry.put("lastSeen", member.lastSeen().toString());
        }).toList();
        return ApiResponse.ok(Paging.listed(request, "members", listed, member -> member.path("user").asText()));
    }

    private ApiResponse create(ApiRequest request) {
        JsonNode body = request.jsonBody();
        JsonFields.refuseUnknown(body, "", "name", "description", "roles");
        var newItem = new ItemService.NewItem(
                JsonFields.requiredString(body, "name", ItemService.MAX_NAME_LENGTH),
                JsonFields.optionalString(body, "description", 4000),
                roleGroups(body.get("roles")));
        WorkflowItem item = items.create(request.identity(), newItem);
        ObjectNode answer = Json.object().put("itemId", item.itemId());
        return ApiResponse.created(answer);
    }

    private ApiResponse list(ApiRequest request) {
        List<ObjectNode> visible = items.visibleTo(request.identity()).stream().map(ItemRoutes::toJson).toList();
        return ApiResponse.ok(Paging.listed(request, "items", visible, item -> item.path("itemId").asText()));
    }

    private ApiResponse get(ApiRequest request) {
        return ApiResponse.ok(toJson(items.get(request.identity(), request.pathParameter("itemId"))));
    }

    private static Map<Role, List<String>> roleGroups(JsonNode roles) {
        Map<Role, List<String>> result = new EnumMap<>(Role.class);
        if (roles == null || roles.isNull()) {
            return result;
        }
        if (!roles.isObject()) {
            throw Refusal.invalid("Field 'roles' must be an object mapping role names (admin, manager, worker) to group lists", "roles");
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = roles.fields(); it.hasNext(); ) {
            var entry = it.next();
            Role role = Role.fromKey(entry.getKey()).orElseThrow(() -> Refusal.invalid(
                    "Unknown role '" + entry.getKey() + "'; expected admin, manager or worker", "roles." + entry.getKey()));
            result.put(role, Identity.groupNames(entry.getValue(), "roles." + entry.getKey()));
        }
        return result;
    }

    static ObjectNode toJson(WorkflowItem item) {
        ObjectNode node = Json.object();
        node.put("itemId", item.itemId());
        node.put("name", item.name());
        if (item.description() != null) {
            node.put("description", item.description());
        }
        ObjectNode roles = node.putObject("roles");
        item.roleGroups().entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(entry -> entry.getValue().forEach(roles.withArray(entry.getKey().key())::add));
        node.put("createdBy", item.createdBy());
        node.put("created", item.created().toString());
        node.put("revision", item.revision());
        return node;
    }
}
