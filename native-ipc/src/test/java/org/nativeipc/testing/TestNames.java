package org.nativeipc.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.nativeipc.internal.memory.RegionFolder;

/**
 * Names for named shared objects that no other test, run or helper on this machine uses, and
 * their removal after the test: {@code names.next("orders")} gives {@code test-orders-<random>};
 * after each test (register it with {@code @RegisterExtension}) it removes whatever still has one of them.
 */
public final class TestNames implements AfterEachCallback {
    private final List<String> given = new ArrayList<>();

    /** A fresh name that says what it is for. */
    public String next(String what) {
        String name = "test-" + what + "-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
        given.add(name);
        return name;
    }

    /** Unlinks every name given out that still exists. */
    @Override
    public void afterEach(ExtensionContext context) {
        for (String name : given) {
            try {
                Files.deleteIfExists(RegionFolder.namedPath(name));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove the test's object " + name, e);
            }
        }
        given.clear();
    }
}
