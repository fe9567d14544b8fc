package dev.wfm.handlers;

import dev.wfm.http.HttpFunction;

/** Job search (query language, free text) and statistics over an item's jobs; reads only. */
public final class SearchHandler extends HttpFunction {
    public SearchHandler() {
        super(Services.get().searchRoutes.routes());
    }
}
