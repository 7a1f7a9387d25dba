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

import io.jxs.connection.Op;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The daemon refused a request because a per-domain limit was reached: {@code ENOSPC} (C xenstored),
 * {@code EQUOTA} (oxenstored), or {@code E2BIG} where it means a quota (C: a watch over the watch quota;
 * oxenstored: a value over 2048 bytes). {@link #quotas()} names the quotas that can have caused it: one
 * for most requests, two when the reply cannot tell them apart (C's {@code ENOSPC} to a {@code WRITE} is
 * the node quota or the node size).
 *
 * <p>Not to be confused with {@link InvalidPayloadException}, also {@code E2BIG}, which the client raises
 * itself before sending a packet larger than the protocol allows.
 */
public class QuotaExceededException extends XenStoreException {
    private static final long serialVersionUID = 1L;

    private final Op operation;
    private final String subject;
    private final Set<Quota> quotas;

    /**
     * Creates the exception.
     *
     * @param errorName {@code ENOSPC}, {@code EQUOTA} or {@code E2BIG}, as the daemon sent it
     * @param operation the refused request's type
     * @param subject what it was about: a path, or {@code transaction start}
     * @param quotas the quotas that can have caused the refusal; empty when the reply does not tell
     */
    public QuotaExceededException(String errorName, Op operation, String subject, Set<Quota> quotas) {
        super(errorName, errorName + ": " + operation + " " + subject + ": " + describe(quotas));
        this.operation = operation;
        this.subject = subject;
        this.quotas = Set.copyOf(quotas);
    }

    private static String describe(Set<Quota> quotas) {
        if (quotas.isEmpty()) {
            return "a quota is exhausted";
        }
        return "quota " + quotas.stream().sorted().map(Quota::describe).collect(Collectors.joining(" or "))
                + " exhausted";
    }

    /**
     * Returns the type of the refused request.
     *
     * @return for example {@link Op#WATCH}
     */
    public Op operation() {
        return operation;
    }

    /**
     * Returns what the refused request was about.
     *
     * @return the path, or {@code transaction start}
     */
    public String subject() {
        return subject;
    }

    /**
     * Returns the quotas that can have caused the refusal.
     *
     * @return one or two quotas; empty when the operation and the error word do not tell which
     */
    public Set<Quota> quotas() {
        return quotas;
    }
}
