/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package io.jxs.osgi.internal;

import io.jxs.AsyncXenStore;
import io.jxs.ConnectionException;
import io.jxs.XenStore;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;

/**
 * Makes the object published as the {@link XenStore} service: a {@link Proxy} that forwards every call
 * to the client of the current connection, and whose {@link XenStore#async()} forwards to that client's
 * asynchronous view. When the configuration changes, the connector moves it to a new client (one with
 * the new endpoint, timeout and attempts), so a consumer that holds the service keeps a working object;
 * between connections its calls fail with {@link ConnectionException} (its futures with it). Transactions
 * and monitors belong to the client they were made on and end with its connection; the connector then
 * registers the service anew, so that its consumers make new ones.
 *
 * <p>The forwarding is generated, not written out method by method: whatever {@link XenStore} and
 * {@link AsyncXenStore} declare is forwarded, as it is declared.
 */
final class SharedXenStore implements InvocationHandler {
    private static final String NOT_CONNECTED = "not connected to the XenStore daemon";

    private volatile XenStore target;
    private final AsyncXenStore async = newProxy(AsyncXenStore.class, this::forwardAsync);
    private final XenStore service = newProxy(XenStore.class, this);

    /**
     * Returns the object to publish.
     *
     * @return the forwarding store, the same object for the life of this one
     */
    XenStore service() {
        return service;
    }

    /**
     * Points the published store at a client, or at nothing.
     *
     * @param client the client of the current connection, or null while disconnected
     */
    void switchTo(XenStore client) {
        this.target = client;
    }

    /** Forwards a call of the published {@link XenStore} to the current client. */
    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return objectMethod(proxy, method, args);
        }
        if (method.getName().equals("async") && method.getParameterCount() == 0) {
            return async;
        }
        XenStore current = target;
        if (current == null) {
            throw new ConnectionException(NOT_CONNECTED);
        }
        return forward(current, method, args);
    }

    /** Forwards a call of the published asynchronous view to the current client's. */
    private Object forwardAsync(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return objectMethod(proxy, method, args);
        }
        XenStore current = target;
        if (current == null) {
            return CompletableFuture.failedFuture(new ConnectionException(NOT_CONNECTED));
        }
        return forward(current.async(), method, args);
    }

    private static Object forward(Object to, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(to, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private Object objectMethod(Object proxy, Method method, Object[] args) {
        return switch (method.getName()) {
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            default -> (proxy == async ? "SharedAsyncXenStore[" : "SharedXenStore[") + target + "]";
        };
    }

    private static <T> T newProxy(Class<T> type, InvocationHandler handler) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
