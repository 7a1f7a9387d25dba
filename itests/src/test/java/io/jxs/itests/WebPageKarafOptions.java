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
package io.jxs.itests;

import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.features;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.replaceConfigurationFile;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import org.ops4j.pax.exam.Option;

/**
 * The container of the page's browser tests: the itests' Karaf ({@link JxsInKarafSupport#config()}: offline, the
 * jxs feature, the users {@code karaf} (admin) and {@code viewer}) with the {@code jxs-web} feature of this build,
 * pax-web on 127.0.0.1 at a given port, and {@code io.jxs} pointed at a daemon's socket
 * in {@code etc/io.jxs.cfg} before the first boot (the feature keeps an existing file). Only its options are used:
 * the browser tests run in the test driver, next to the browser, and never in the container.
 */
final class WebPageKarafOptions extends JxsInKarafSupport {
    private final String socketPath;
    private final int httpPort;

    /**
     * Binds the options to a daemon and ports.
     *
     * @param socketPath the daemon's socket
     * @param httpPort the port of the page
     */
    WebPageKarafOptions(String socketPath, int httpPort) {
        this.socketPath = socketPath;
        this.httpPort = httpPort;
    }

    /**
     * The itests' options, then this class's, whose port replaces Karaf's random one (a later put of a key wins).
     *
     * @return the options
     */
    @Override
    public Option[] config() {
        String version = System.getProperty("jxs.version");
        File artifacts = new File(System.getProperty("itest.artifacts"));
        List<Option> options = new ArrayList<>(List.of(super.config()));
        options.addAll(List.of(
                replaceConfigurationFile("system/io/jxs/jxs-web/" + version + "/jxs-web-" + version + ".jar",
                        new File(artifacts, "jxs-web.jar")),
                features(maven("io.jxs", "jxs-features").version(version).classifier("features").type("xml"),
                        "jxs-web"),
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port",
                        String.valueOf(httpPort)),
                editConfigurationFilePut("etc/org.ops4j.pax.web.cfg", "org.ops4j.pax.web.listening.addresses",
                        "127.0.0.1"),
                editConfigurationFilePut("etc/io.jxs.cfg", "transport", "socket"),
                editConfigurationFilePut("etc/io.jxs.cfg", "socketPath", socketPath),
                editConfigurationFilePut("etc/io.jxs.cfg", "reconnectMaxDelay", "1000")));
        return options.toArray(Option[]::new);
    }
}
