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
 * The EventAdmin side of XenStore watches: the topic the jxs bundle posts watch events to, the
 * properties of those events, and the service property with which an {@code EventHandler} asks for
 * paths to be watched.
 *
 * <pre>{@code
 * @Component(property = {
 *     EventConstants.EVENT_TOPIC + "=" + WatchEvents.TOPIC,
 *     EventConstants.EVENT_FILTER + "=(watch=/local/domain/0/backend)",
 *     WatchEvents.WATCH_PROPERTY + "=/local/domain/0/backend"})
 * public class BackendWatcher implements EventHandler {
 *     public void handleEvent(Event event) {
 *         String changed = (String) event.getProperty(WatchEvents.PATH);
 *     }
 * }
 * }</pre>
 */
public final class WatchEvents {
    /** The topic of every watch event: {@value}. */
    public static final String TOPIC = "io/jxs/xenstore/WATCH";

    /** Event property: the node that changed (or {@code @introduceDomain}/{@code @releaseDomain}). */
    public static final String PATH = "path";

    /** Event property: the watched path whose watch fired (the changed node or one of its parents). */
    public static final String WATCH = "watch";

    /**
     * Service property of an {@code EventHandler}: a path, or an array or collection of paths, that
     * the jxs bundle watches for as long as the handler is registered.
     */
    public static final String WATCH_PROPERTY = "io.jxs.watch";

    private WatchEvents() {
    }
}
