package dev.wfm.http;

/** One route's behaviour: a request in, a response out; failures are thrown as {@link ApiException}. */
@FunctionalInterface
public interface Route {
    ApiResponse handle(ApiRequest request);
}
