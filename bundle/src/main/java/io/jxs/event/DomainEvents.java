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
package io.jxs.event;

/**
 * The EventAdmin side of domain life cycles: the topics on which the jxs recipes bundle posts a domain
 * introduced to or released by the XenStore daemon, and the property that carries its id.
 *
 * <pre>{@code
 * @Component(property = EventConstants.EVENT_TOPIC + "=" + DomainEvents.TOPIC_ALL)
 * public class DomainWatcher implements EventHandler {
 *     public void handleEvent(Event event) {
 *         int domid = (Integer) event.getProperty(DomainEvents.DOMID);
 *         boolean gone = event.getTopic().equals(DomainEvents.RELEASED);
 *     }
 * }
 * }</pre>
 */
public final class DomainEvents {
    /** A domain was introduced (or was there when the tracker started): {@value}. */
    public static final String INTRODUCED = "io/jxs/xenstore/domain/INTRODUCED";

    /** A domain was released: {@value}. */
    public static final String RELEASED = "io/jxs/xenstore/domain/RELEASED";

    /** Both topics, for a handler's {@code event.topics}: {@value}. */
    public static final String TOPIC_ALL = "io/jxs/xenstore/domain/*";

    /** Event property: the domain id, an {@link Integer}. */
    public static final String DOMID = "domid";

    private DomainEvents() {
    }
}
