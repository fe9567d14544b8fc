package dev.wfm.common;

import com.amazonaws.services.lambda.runtime.Context;
import java.lang.reflect.Proxy;

/** Lambda contexts for tests. */
public final class LambdaContexts {
    private LambdaContexts() {}

    /** A context that knows its request id and function name, and nothing else. */
    public static Context of(String requestId, String function) {
        return (Context) Proxy.newProxyInstance(LambdaContexts.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getAwsRequestId" -> requestId;
                    case "getFunctionName" -> function;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
