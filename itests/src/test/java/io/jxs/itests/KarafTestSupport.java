package io.jxs.itests;

import static org.ops4j.pax.exam.CoreOptions.maven;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;
import static org.ops4j.pax.exam.CoreOptions.vmOptions;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.configureConsole;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.features;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.karafDistributionConfiguration;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.logLevel;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.replaceConfigurationFile;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.karaf.options.LogLevelOption.LogLevel;

/**
 * Boots a stock Apache Karaf (the distribution of the build's Karaf version) offline, with the jxs
 * feature of this build installed the way a user installs it ({@code feature:repo-add} of the
 * feature repository, {@code feature:install jxs}), remote JMX on free ports and a user {@code karaf}
 * with the admin role.
 */
public abstract class KarafTestSupport {
    /** The remote JMX user. */
    protected static final String JMX_USER = "karaf";
    /** Its password. */
    protected static final String JMX_PASSWORD = "karaf";

    static {
        // The driver resolves the distribution from the local repository only.
        System.setProperty("org.ops4j.pax.url.mvn.repositories", "");
        System.setProperty("org.ops4j.pax.url.mvn.useFallbackRepositories", "false");
        String localRepository = System.getProperty("maven.repo.local");
        if (localRepository != null && !localRepository.isEmpty()) {
            System.setProperty("org.ops4j.pax.url.mvn.localRepository", localRepository);
        }
    }

    /**
     * The container's options.
     *
     * @return the options
     */
    @Configuration
    public Option[] config() {
        String version = property("jxs.version");
        String karafVersion = property("karaf.version");
        File artifacts = new File(property("itest.artifacts"));
        String localRepository = property("maven.repo.local");
        String system = "system/io/jxs/";
        List<Option> options = new ArrayList<>(List.of(
                karafDistributionConfiguration()
                        .frameworkUrl(maven("org.apache.karaf", "apache-karaf").version(karafVersion).type("tar.gz"))
                        .unpackDirectory(new File("target/exam"))
                        .useDeployFolder(false),
                configureConsole().ignoreLocalConsole().ignoreRemoteShell(),
                logLevel(LogLevel.INFO),
                // Offline: everything comes from the build's local repository or the system folder.
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.repositories", ""),
                editConfigurationFilePut("etc/org.ops4j.pax.url.mvn.cfg", "org.ops4j.pax.url.mvn.localRepository",
                        localRepository),
                // This build's artifacts, where a Maven URL finds them.
                replaceConfigurationFile(system + "jxs/" + version + "/jxs-" + version + ".jar",
                        new File(artifacts, "jxs.jar")),
                replaceConfigurationFile(system + "jxs-features/" + version + "/jxs-features-" + version
                        + "-features.xml", new File(artifacts, "jxs-features.xml")),
                // Remote JMX, as jconsole uses it.
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiRegistryPort",
                        Integer.toString(freePort())),
                editConfigurationFilePut("etc/org.apache.karaf.management.cfg", "rmiServerPort",
                        Integer.toString(freePort())),
                editConfigurationFilePut("etc/users.properties", JMX_USER, JMX_PASSWORD + ",_g_:admingroup"),
                editConfigurationFilePut("etc/users.properties", "_g_:admingroup",
                        "group,admin,manager,viewer,systembundles,ssh"),
                // The feature as a user installs it.
                features(maven("io.jxs", "jxs-features").version(version).classifier("features").type("xml"), "jxs"),
                systemProperty("jxs.testing.ci").value(String.valueOf(System.getenv("CI")))));
        options.addAll(java9PlusOptions(karafVersion));
        return options.toArray(Option[]::new);
    }

    /**
     * The JVM flags of Karaf's {@code bin/karaf} for Java 9 and later, which pax-exam does not add.
     */
    private static List<Option> java9PlusOptions(String karafVersion) {
        return List.of(vmOptions(
                "--add-reads=java.xml=java.logging",
                "--add-exports=java.base/org.apache.karaf.specs.locator=java.xml,ALL-UNNAMED",
                "--patch-module", "java.base=lib/endorsed/org.apache.karaf.specs.locator-" + karafVersion + ".jar",
                "--patch-module", "java.xml=lib/endorsed/org.apache.karaf.specs.java.xml-" + karafVersion + ".jar",
                "--add-opens", "java.base/java.security=ALL-UNNAMED",
                "--add-opens", "java.base/java.net=ALL-UNNAMED",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "--add-opens", "java.base/java.util=ALL-UNNAMED",
                "--add-opens", "java.naming/javax.naming.spi=ALL-UNNAMED",
                "--add-opens", "java.rmi/sun.rmi.transport.tcp=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.file=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.ftp=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.http=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.https=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.protocol.jar=ALL-UNNAMED",
                "--add-exports=java.base/sun.net.www.content.text=ALL-UNNAMED",
                "--add-exports=jdk.xml.dom/org.w3c.dom.html=ALL-UNNAMED",
                "--add-exports=jdk.naming.rmi/com.sun.jndi.url.rmi=ALL-UNNAMED",
                "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
                "--add-exports=java.security.sasl/com.sun.security.sasl=ALL-UNNAMED",
                "--add-exports=java.naming/com.sun.jndi.ldap=ALL-UNNAMED",
                "-classpath", "lib/jdk9plus/*" + File.pathSeparator + "lib/boot/*"
                        + File.pathSeparator + "lib/endorsed/*"));
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null) {
            throw new IllegalStateException("system property " + name + " is not set: run the itests with Maven");
        }
        return value;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
