package dev.wfm.http;

/** One route's behaviour: a request in, a response out; failures are thrown as {@link dev.wfm.common.Refusal}. */
@FunctionalInterface
public interface Route {
    ApiResponse handle(ApiRequest request);
}
