package org.nativeipc.internal.memory;

import static org.nativeipc.internal.memory.RegionHeaderLayout.*;

import java.nio.ByteBuffer;
import java.nio.file.Path;

import org.nativeipc.internal.liveness.Liveness;

/** The checks {@link SharedRegion#attach} makes on a header before trusting a file. */
final class RegionValidation {
    private RegionValidation() {
    }

    static void check(Path path, ByteBuffer header, long actualSize, RegionExpectation expected, long readyWaitNanos,
                      long pollMillis) {
        int magic = header.getInt(MAGIC_OFFSET);
        if (magic != MAGIC && !(magic == 0 && state(header) == STATE_INITIALIZING)) {
            throw new IllegalStateException(path + " is not a native-ipc shared region (no NIPC magic at its start):"
                    + " check the path, or remove the file if it was left by something else");
        }
        awaitReady(path, header, readyWaitNanos, pollMillis);
        RegionHeader fields = RegionHeader.read(header);
        if (fields.headerFormat() != HEADER_FORMAT) {
            throw new IllegalStateException("shared region " + path + " has header format " + fields.headerFormat()
                    + ", this native-ipc reads " + HEADER_FORMAT + ": run the same native-ipc version in every process");
        }
        if (!fields.checksumMatches()) {
            throw new IllegalStateException("shared region " + path + " is corrupted: its header checksum does not match;"
                    + " something other than native-ipc wrote into it. Recreate the object");
        }
        expected.check(path, fields);
        if (fields.fileSize() != actualSize) {
            throw new IllegalStateException("shared region " + path + " is " + actualSize + " bytes but its header says "
                    + fields.fileSize() + ": the file was truncated or damaged. Recreate the object");
        }
    }

    private static int state(ByteBuffer header) {
        return (int) SharedRegion.INTS.getAcquire(header, STATE_OFFSET);
    }

    private static void awaitReady(Path path, ByteBuffer header, long readyWaitNanos, long pollMillis) {
        long deadline = System.nanoTime() + readyWaitNanos;
        while (state(header) != STATE_READY) {
            int state = state(header);
            if (state == STATE_CLOSED) {
                throw new RegionClosedException("no shared region at " + path + ": its creator closed it"
                        + " (keep the creating object open while others use it)");
            }
            if (state != STATE_INITIALIZING) {
                throw new IllegalStateException("shared region " + path + " has an unknown state " + state
                        + " in its header: it is corrupted. Recreate the object");
            }
            long creator = header.getLong(CREATOR_TOKEN_OFFSET);
            if (creator == Liveness.NOBODY) {
                creator = RegionFolder.creatorOf(path); // the header is not written yet: the name says who makes it
            }
            if (creator == Liveness.NOBODY) {
                throw new IllegalStateException(path + " is not a native-ipc shared region (no header, and its name names"
                        + " no creator): check the handle, or remove the file if it was left by something else");
            }
            boolean creatorGone = !Liveness.isAlive(creator);
            if (creatorGone || System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("shared region " + path + " was never finished: its creator (pid "
                        + header.getLong(CREATOR_PID_OFFSET) + ") " + (creatorGone ? "died" : "is still") + " initializing it"
                        + (creatorGone ? "; remove the file and recreate the object" : " after " + readyWaitNanos / 1_000_000 + " ms"));
            }
            try {
                Thread.sleep(pollMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for shared region " + path + " to be initialized", e);
            }
        }
    }
}
