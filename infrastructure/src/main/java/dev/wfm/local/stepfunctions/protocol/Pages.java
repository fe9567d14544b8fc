package dev.wfm.local.stepfunctions.protocol;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wfm.local.stepfunctions.definition.JsonValues;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/** maxResults/nextToken paging over a list computed per call; the token is the next offset. */
final class Pages {

    private static final int MAX_RESULTS = 1000;
    private static final String TOKEN_PREFIX = "offset:";

    private Pages() {}

    static <T> ObjectNode page(Request request, List<T> items, int defaultSize, String member,
            Function<T, ObjectNode> toJson) {
        Integer maxResults = request.optionalInt("maxResults");
        if (maxResults != null && (maxResults < 0 || maxResults > MAX_RESULTS)) {
            throw SfnApiException.constraint("maxResults", maxResults, "Member must have value between 0 and " + MAX_RESULTS);
        }
        int size = maxResults == null || maxResults == 0 ? defaultSize : maxResults;
        int from = offset(request.optional("nextToken"), items.size());
        int to = Math.min(items.size(), from + size);
        ObjectNode response = JsonValues.object();
        ArrayNode array = response.putArray(member);
        items.subList(from, to).forEach(item -> array.add(toJson.apply(item)));
        if (to < items.size()) {
            response.put("nextToken", Base64.getUrlEncoder().encodeToString((TOKEN_PREFIX + to).getBytes(StandardCharsets.UTF_8)));
        }
        return response;
    }

    private static int offset(String token, int size) {
        if (token == null) {
            return 0;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            if (decoded.startsWith(TOKEN_PREFIX)) {
                int offset = Integer.parseInt(decoded.substring(TOKEN_PREFIX.length()));
                if (offset >= 0 && offset <= size) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new SfnApiException(ApiError.INVALID_TOKEN, "Invalid Token: 'Invalid nextToken'");
    }
}
