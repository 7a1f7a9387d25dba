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
package io.jxs;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The requests in flight on one router: each gets a request id unique among them and the connection
 * generation it may be written on, and stays here until its reply comes or it ends unwritten.
 *
 * <p>Invariants: a request is found here under its id from its registration until its reply is taken,
 * or until it ended without being written; a written request stays until its reply, whoever gave up on
 * it, because its reply gives back its charge in the {@link WriteWindow}. The generation changes only
 * through {@link #nextGeneration()}, which the router calls with the write path's lock held, so a writer
 * that checked a request's generation under that lock writes it on that generation's connection.
 */
final class InFlight {
    private final Map<Integer, Request<?>> requests = new ConcurrentHashMap<>();
    private final AtomicInteger lastRqId = new AtomicInteger();
    private volatile int generation;

    /**
     * Gives the request a fresh id and the current generation, and records it.
     *
     * @param request a request not registered before
     */
    void register(Request<?> request) {
        int id;
        do {
            id = lastRqId.incrementAndGet();
        } while (id == 0 || requests.containsKey(id));
        request.register(id, generation);
        requests.put(id, request);
    }

    /**
     * Takes the request a reply answers.
     *
     * @param rqId the reply's request id
     * @return the request, or null when none has that id (its caller gave up before it was written)
     */
    Request<?> answered(int rqId) {
        return requests.remove(rqId);
    }

    /**
     * Forgets a request that ended before it was written; a written one stays until its reply.
     *
     * @param request the request
     */
    void forgetUnwritten(Request<?> request) {
        if (!request.isWritten()) {
            requests.remove(request.rqId(), request);
        }
    }

    /**
     * Forgets a request whatever its stage: its write failed, so no reply will come.
     *
     * @param request the request
     */
    void forget(Request<?> request) {
        requests.remove(request.rqId(), request);
    }

    /**
     * Fails every request whose deadline has passed.
     *
     * @param now {@link System#nanoTime()}
     */
    void expireOverdue(long now) {
        for (Request<?> request : requests.values()) {
            if (!request.isDone() && request.isOverdue(now)) {
                request.expire();
                forgetUnwritten(request);
            }
        }
    }

    /**
     * Fails and forgets every request registered so far. A request registered meanwhile belongs to the
     * generation that was lost as well and is refused by the write path ({@link #generation()}).
     *
     * @param cause the failure
     */
    void failAll(ConnectionException cause) {
        for (Request<?> request : requests.values()) {
            requests.remove(request.rqId(), request);
            request.fail(cause);
        }
    }

    /** Tells whether no request is in flight. */
    boolean isEmpty() {
        return requests.isEmpty();
    }

    /** Returns the generation of the current connection: 0 for the first, one more at each reconnection. */
    int generation() {
        return generation;
    }

    /** Starts the next generation, for a new connection; called with the write path's lock held. */
    void nextGeneration() {
        generation++;
    }
}
