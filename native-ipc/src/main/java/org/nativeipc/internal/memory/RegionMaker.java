package org.nativeipc.internal.memory;

import static org.nativeipc.internal.memory.RegionHeaderLayout.*;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import org.nativeipc.internal.liveness.Liveness;
import org.nativeipc.internal.posix.SharedFolder;

/**
 * How a {@link SharedRegion} comes to be in this process: created (anonymous, or published under
 * a name) or mapped from an existing file after its header was checked. The creation steps and
 * their failure paths live here; the region itself is the mapping and its accessors.
 */
final class RegionMaker {
    /** How long attach waits for a creator that is still initializing the region. */
    private static final long READY_WAIT_NANOS = 2_000_000_000L;
    private static final long READY_POLL_MILLIS = 1;

    private RegionMaker() {
    }

    /** See {@link SharedRegion#create(RegionFormat, long, Consumer)}. */
    static SharedRegion create(RegionFormat format, long payloadBytes, Consumer<SharedRegion> initializer) {
        SharedRegion region = createAnonymous(format, payloadBytes);
        try {
            initializer.accept(region);
        } catch (RuntimeException | Error e) {
            region.close();
            throw e;
        }
        region.markReady();
        return region;
    }

    /** See {@link SharedRegion#createNamed}: made complete under an anonymous name, then linked to {@code name}. */
    static SharedRegion createNamed(Path name, RegionFormat format, long payloadBytes, Consumer<SharedRegion> initializer) {
        if (RegionFolder.nameOf(name) == null) {
            throw new IllegalArgumentException(name + " is not the path of a named region (see RegionFolder.namedPath)");
        }
        SharedRegion region = create(format, payloadBytes, initializer);
        Path anonymous = region.path();
        try {
            Files.createLink(name, anonymous);
        } catch (FileAlreadyExistsException taken) {
            region.close();
            return null;
        } catch (IOException | RuntimeException e) {
            region.close();
            throw new UncheckedIOException("cannot publish a " + format.displayType() + " as " + name + ": " + e.getMessage()
                    + " (is the folder writable? point -D" + SharedFolder.PROPERTY + " at another folder)",
                    e instanceof IOException io ? io : new IOException(e));
        }
        region.publishedAs(name);
        RegionFolder.deleteQuietly(anonymous);
        return region;
    }

    private static SharedRegion createAnonymous(RegionFormat format, long payloadBytes) {
        if (payloadBytes < 0 || payloadBytes > SharedRegion.MAX_FILE_BYTES - HEADER_BYTES) {
            throw new IllegalArgumentException("a " + format.displayType() + " region cannot hold " + payloadBytes
                    + " bytes: the payload must be between 0 and " + (SharedRegion.MAX_FILE_BYTES - HEADER_BYTES) + " bytes");
        }
        long me = Liveness.self();
        RegionFolder.removeOrphansOnce();
        Path path = RegionFolder.newPath(format.kind(), me);
        long fileBytes = HEADER_BYTES + payloadBytes;
        RegionFile hold;
        MappedByteBuffer mapping;
        try {
            hold = RegionFile.createNew(path, fileBytes);
            try {
                mapping = hold.map(fileBytes);
            } catch (IOException e) {
                hold.release();
                RegionFolder.deleteQuietly(path);
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a " + format.displayType() + " region of " + fileBytes + " bytes at "
                    + path + ": " + e.getMessage() + " (free space there, or point -D" + SharedFolder.PROPERTY
                    + " at another folder)", e);
        }
        RegionHeader.write(mapping.order(ByteOrder.nativeOrder()), format, fileBytes, me);
        SharedRegion region = new SharedRegion(path, format, true, hold, mapping);
        hold.keep(region, me);
        SharedRegion.registerOwned(region);
        return region;
    }

    /** Maps the file {@code hold} holds, after checking its size and header; releases the hold on failure. */
    static SharedRegion map(Path path, RegionFile hold, RegionExpectation expected) {
        try {
            MappedByteBuffer mapping;
            try {
                long size = hold.size();
                if (size < HEADER_BYTES) {
                    throw new IllegalStateException("shared region " + path + " is truncated: " + size + " bytes, less than its "
                            + HEADER_BYTES + "-byte header; the file was damaged or is not a region");
                }
                if (size > SharedRegion.MAX_FILE_BYTES) {
                    throw new IllegalStateException("file " + path + " is " + size + " bytes, larger than any region; it is not a region");
                }
                mapping = hold.map(size);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot map shared region " + path + ": " + e.getMessage(), e);
            }
            ByteBuffer header = mapping.duplicate().order(ByteOrder.nativeOrder());
            RegionValidation.check(path, header, mapping.capacity(), expected, READY_WAIT_NANOS, READY_POLL_MILLIS);
            RegionHeader fields = RegionHeader.read(header);
            RegionFormat format = new RegionFormat(fields.kind(), fields.layoutVersion(), fields.typeName());
            SharedRegion region = new SharedRegion(path, format, false, hold, mapping);
            // A named region outlives its creator: releasing it never removes it.
            hold.keep(region, RegionFolder.nameOf(path) != null ? Liveness.NOBODY : region.creatorToken());
            return region;
        } catch (RuntimeException | Error e) {
            hold.release();
            throw e;
        }
    }
}
