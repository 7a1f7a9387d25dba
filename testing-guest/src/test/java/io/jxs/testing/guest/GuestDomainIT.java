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
package io.jxs.testing.guest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jxs.XenStore;
import io.jxs.XenStoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The guest fixture and its injection, against both real daemons and the embedded store. */
class GuestDomainIT {

    @GuestTest
    void aGuestWritesAndReadsItsHome(@Guest(5) XenStore guest, XenStore dom0) {
        guest.write("/local/domain/5/data/x", "hello");
        assertEquals("hello", guest.readString("/local/domain/5/data/x"));
        assertEquals("hello", dom0.readString("/local/domain/5/data/x"));
    }

    @GuestTest
    void relativePathsAreRelativeToTheGuestsHome(@Guest(5) XenStore guest, XenStore dom0) {
        guest.write("data/y", "rel");
        assertEquals("rel", dom0.readString("/local/domain/5/data/y"));
        assertEquals("rel", guest.readString("data/y"));
        assertEquals(List.of("y"), guest.list("data"));
    }

    @GuestTest
    void getDomainPathAnswersTheGuest(@Guest(5) XenStore guest) {
        assertEquals("/local/domain/5", guest.getDomainPath(5));
        assertEquals("/local/domain/7", guest.getDomainPath(7));
    }

    @GuestTest
    void twoGuestsCannotReadEachOthersHome(@Guest(5) XenStore five, @Guest(6) XenStore six) {
        six.write("data/secret", "6");
        XenStoreException refused = assertThrows(XenStoreException.class, () -> five.read("/local/domain/6/data/secret"));
        assertEquals("EACCES", refused.errorName());
    }

    @GuestTest
    void parametersNamingOneDomainShareIt(@Guest(5) GuestDomain domain, @Guest(5) XenStore guest) {
        assertTrue(domain.client() == guest);
        assertEquals(5, domain.domid());
    }

    @GuestTest
    void closeReleasesTheDomainRemovesItsHomeAndDeletesItsTransport(GuestStore store, StoreKind kind) {
        XenStore dom0 = store.dom0();
        GuestDomain domain = store.start(12);
        Path transport = kind.isDaemon() ? domain.ring().ringFile() : store.embedded().domainSocketPath(12);
        assertTrue(Files.exists(transport), transport::toString);
        assertTrue(dom0.isDomainIntroduced(12), kind::displayName);
        domain.close();
        assertFalse(dom0.isDomainIntroduced(12));
        assertFalse(dom0.exists("/local/domain/12"));
        assertFalse(Files.exists(transport));
        domain.close(); // idempotent
    }

    @GuestTest(StoreKind.EMBEDDED)
    void anEmbeddedGuestHasNoRing(@Guest(5) GuestDomain domain) {
        IllegalStateException e = assertThrows(IllegalStateException.class, domain::ring);
        assertTrue(e.getMessage().contains("socket"), e::getMessage);
    }
}
