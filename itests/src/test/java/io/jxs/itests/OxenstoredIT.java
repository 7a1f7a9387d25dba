package io.jxs.itests;

import io.jxs.testing.XenStoreDaemon;

/** jxs in Karaf against the OCaml oxenstored. */
public class OxenstoredIT extends JxsInKarafTestBase {
    static {
        DaemonFixture.startInContainer(XenStoreDaemon.Kind.OXENSTORED);
    }
}
