package org.m3cvc.conformance;

import java.io.BufferedInputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import org.m3cvc.container.M3cFormatException;
import org.m3cvc.container.M3cReader;

/** Child-process entry of {@link HostileInputTest}: reads each file through, printing one line per file. */
public final class BoundedReadMain {
    private BoundedReadMain() {}

    public static void main(String[] args) throws Exception {
        for (String a : args) {
            try (M3cReader r = M3cReader.open(new BufferedInputStream(Files.newInputStream(Path.of(a))), a)) {
                System.out.println("valid " + r.readToEnd());
            } catch (M3cFormatException e) {
                System.out.println("invalid " + e.requirement().id());
            }
        }
    }
}
