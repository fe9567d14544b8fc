package dev.wfm.handlers;

import dev.wfm.attachments.Attachments;
import dev.wfm.http.HttpFunction;

/** A job's attachments: files (up to {@link Attachments#MAX_FILE_BYTES}) and links. */
public final class AttachmentsHandler extends HttpFunction {
    public AttachmentsHandler() {
        super(Services.get().attachmentRoutes.routes(), Attachments.MAX_FILE_BYTES);
    }
}
