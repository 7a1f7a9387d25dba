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
package io.jxs.recipes.osgi.internal;

import io.jxs.XenStore;
import io.jxs.XenStoreException;
import io.jxs.event.DomainEvents;
import io.jxs.recipes.Domain;
import io.jxs.recipes.DomainListener;
import io.jxs.recipes.DomainTracker;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * Posts the {@link DomainTracker}'s events to EventAdmin on {@link DomainEvents#INTRODUCED} and
 * {@link DomainEvents#RELEASED}, for as long as the {@link XenStore} service is published. The tracker
 * is started and stopped on a thread of the component's own, so a slow daemon never holds up DS.
 */
@Component(service = {}, immediate = true)
public final class DomainEventsComponent {
    private static final System.Logger LOG = System.getLogger(DomainEventsComponent.class.getName());
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final EventAdmin eventAdmin;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "jxs-domain-events");
        thread.setDaemon(true);
        return thread;
    });
    private DomainTracker tracker; // confined to the worker

    /**
     * Creates the component.
     *
     * @param eventAdmin where the events go
     */
    @Activate
    public DomainEventsComponent(@Reference EventAdmin eventAdmin) {
        this.eventAdmin = eventAdmin;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "unbindStore")
    void bindStore(XenStore store) {
        onWorker(() -> {
            stopTracker();
            DomainTracker started = new DomainTracker(store).addListener(new DomainListener() {
                @Override
                public void introduced(Domain domain) {
                    post(DomainEvents.INTRODUCED, domain);
                }

                @Override
                public void released(Domain domain) {
                    post(DomainEvents.RELEASED, domain);
                }
            });
            try {
                started.start(START_TIMEOUT);
                tracker = started;
            } catch (XenStoreException e) {
                LOG.log(Level.WARNING, "jxs: cannot track domains: {0}", e.getMessage());
                started.close();
            } catch (InterruptedException e) {
                started.close();
                Thread.currentThread().interrupt();
            }
        });
    }

    void unbindStore(XenStore store) {
        onWorker(this::stopTracker);
    }

    @Deactivate
    void deactivate() {
        onWorker(this::stopTracker);
        worker.shutdown();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        worker.shutdownNow();
    }

    private void post(String topic, Domain domain) {
        eventAdmin.postEvent(new Event(topic, Map.of(DomainEvents.DOMID, domain.domid())));
    }

    private void stopTracker() {
        if (tracker != null) {
            tracker.close();
            tracker = null;
        }
    }

    private void onWorker(Runnable task) {
        try {
            worker.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "jxs: domain events: " + e.getMessage(), e);
                }
            });
        } catch (RejectedExecutionException deactivated) {
            // nothing more to do
        }
    }
}
