package org.m3cvc.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import org.m3cvc.container.header.FileHeader;

import picocli.CommandLine.IVersionProvider;

/** The tool's version, from {@code version.properties} that the build fills in. */
public final class Version implements IVersionProvider {
    private static final String VERSION = load();

    /** The m3cvc version, e.g. {@code 0.1.0-SNAPSHOT}; {@code unknown} when run from unfiltered classes. */
    public static String get() { return VERSION; }

    private static String load() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            if (in == null) return "unknown";
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version", "unknown");
            return v.startsWith("${") ? "unknown" : v;
        } catch (IOException e) {
            return "unknown";
        }
    }

    @Override
    public String[] getVersion() {
        return new String[] {"m3cvc " + VERSION + " (reads .m3c read_version " + FileHeader.VERSION + ")"};
    }
}
