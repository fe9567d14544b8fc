package dev.wfm.http;

/** One entry of an error's {@code details}: for example one validation problem of a diagram. */
public record ErrorDetail(String code, String message, String target) {}
