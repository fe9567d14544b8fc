package dev.wfm.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code Content-Disposition: attachment} for a file name from a user (RFC 6266): a plain ASCII
 * fallback with quotes, backslashes and control characters replaced, and the exact name as
 * UTF-8 in {@code filename*}, so no name can break out of the header.
 */
public final class ContentDisposition {
    private ContentDisposition() {}

    public static String attachment(String fileName) {
        StringBuilder ascii = new StringBuilder();
        for (char c : fileName.toCharArray()) {
            ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? c : '_');
        }
        String encoded = URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
