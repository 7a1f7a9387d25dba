package io.jxs.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxs.Client;
import io.jxs.Router;
import io.jxs.connection.UnixSocketConnection;
import io.jxs.testing.RequiredDaemon;
import io.jxs.testing.XenStoreDaemon;
import io.jxs.testing.XenStoreDaemon.Kind;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** inTransaction retries for real: oxenstored's test-eagain makes commits fail with EAGAIN at random. */
class EagainRetryTest {

    @Test
    void inTransactionRetriesCommitsThatTheDaemonRefusesWithEagain() {
        try (XenStoreDaemon daemon = RequiredDaemon.start(Kind.OXENSTORED, Map.of("test-eagain", "true"))) {
            Router router = new Router(new UnixSocketConnection(daemon.socketPath()));
            Client client = new Client(router, Duration.ofSeconds(10), 100);
            client.write("/eagain/n", "0");
            AtomicInteger attempts = new AtomicInteger();
            for (int i = 1; i <= 40; i++) {
                client.inTransaction(tx -> {
                    attempts.incrementAndGet();
                    int n = Integer.parseInt(tx.readString("/eagain/n"));
                    tx.write("/eagain/n", Integer.toString(n + 1));
                    return null;
                });
            }
            assertEquals("40", client.readString("/eagain/n"));
            assertTrue(attempts.get() > 40, "no commit was refused in " + attempts.get() + " attempts");
            router.terminate();
        }
    }
}
