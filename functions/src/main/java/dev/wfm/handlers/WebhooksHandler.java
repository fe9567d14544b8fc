package dev.wfm.handlers;

import dev.wfm.http.HttpFunction;

/** Webhook registration and management, and verified, deduplicated deliveries from form apps. */
public final class WebhooksHandler extends HttpFunction {
    public WebhooksHandler() {
        super(Services.get().webhookRoutes.routes());
    }
}
