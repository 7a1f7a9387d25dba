package io.jxs.internal.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void doublesUpToTheMaximumAndStartsAgainAfterReset() {
        Backoff backoff = new Backoff(100, 500);
        assertEquals(100, backoff.next());
        assertEquals(200, backoff.next());
        assertEquals(400, backoff.next());
        assertEquals(500, backoff.next());
        assertEquals(500, backoff.next());
        backoff.reset();
        assertEquals(100, backoff.next());
    }

    @Test
    void maximumBelowTheFirstDelayMeansAFixedDelay() {
        Backoff backoff = new Backoff(300, 10);
        assertEquals(300, backoff.next());
        assertEquals(300, backoff.next());
    }
}
