package io.jxs.itests;

import io.jxs.testing.XenStoreDaemon;

/** jxs in Karaf against the C xenstored. */
public class XenstoredIT extends JxsInKarafTestBase {
    static {
        DaemonFixture.startInContainer(XenStoreDaemon.Kind.XENSTORED);
    }
}
