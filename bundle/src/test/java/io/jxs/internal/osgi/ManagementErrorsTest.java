package io.jxs.internal.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jxs.ConnectionException;
import io.jxs.InvalidPathException;
import io.jxs.XenStoreException;
import org.junit.jupiter.api.Test;

/** What a jconsole user sees: JDK exception types, no causes, the daemon's word first. */
class ManagementErrorsTest {

    @Test
    void daemonRefusalsKeepTheDaemonsWord() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ManagementErrors.run(() -> {
            throw new XenStoreException("ENOENT", "ENOENT: /local/domain/9");
        }));
        assertEquals("ENOENT: /local/domain/9", e.getMessage());
        assertNull(e.getCause());
    }

    @Test
    void invalidInputIsAnIllegalArgument() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ManagementErrors.run(() -> {
            throw new InvalidPathException("path '/a b' has a space");
        }));
        assertEquals("EINVAL: path '/a b' has a space", e.getMessage());
        assertNull(e.getCause());
    }

    @Test
    void lostConnectionsNameTheirCondition() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ManagementErrors.call(() -> {
            throw new ConnectionException("not connected");
        }));
        assertEquals("ENOTCONN: not connected", e.getMessage());
    }

    @Test
    void resultsPassThrough() {
        assertEquals("v", ManagementErrors.call(() -> "v"));
    }
}
