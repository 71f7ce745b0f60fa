package org.nativeipc.internal.memory;

import static org.nativeipc.internal.memory.RegionHeaderLayout.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.CRC32;

import org.nativeipc.internal.posix.LockableFile;

/**
 * The fields of a region's {@linkplain RegionHeaderLayout header}, read once: what validation,
 * error messages and the {@code nipc} tool look at. Writing a header is here too, so the
 * layout is read and written in one place.
 *
 * @param magic the magic word ({@link RegionHeaderLayout#MAGIC} in a region)
 * @param headerFormat the header's own format
 * @param kindCode the kind's code ({@link RegionKind#fromCode})
 * @param layoutVersion the structure's layout version
 * @param fileSize the file size the creator recorded
 * @param creatorPid the creator's pid, in its PID namespace (for display)
 * @param creatorToken the creator's liveness token
 * @param createdAtMillis when it was created, epoch milliseconds
 * @param typeName the public object type, empty if none
 * @param state {@link RegionHeaderLayout#STATE_INITIALIZING} or {@link RegionHeaderLayout#STATE_READY}
 * @param checksumMatches whether the recorded checksum matches the fields
 */
public record RegionHeader(int magic, int headerFormat, int kindCode, int layoutVersion, long fileSize, long creatorPid,
                           long creatorToken, long createdAtMillis, String typeName, int state, boolean checksumMatches) {

    /** The kind, or null if this native-ipc knows no kind of that code. */
    public RegionKind kind() {
        return RegionKind.fromCode(kindCode);
    }

    /** True if the file starts with the region magic and a ready state. */
    public boolean isReady() {
        return magic == MAGIC && state == STATE_READY;
    }

    /** The type name, or else the kind: what to call the object in a message. */
    public String displayType() {
        RegionKind kind = kind();
        return !typeName.isEmpty() ? typeName : kind != null ? kind.toString() : "kind #" + kindCode;
    }

    /** Reads the header at the start of {@code buffer} (native order; a mapping's state with acquire semantics). */
    static RegionHeader read(ByteBuffer buffer) {
        ByteBuffer header = buffer.duplicate().order(ByteOrder.nativeOrder());
        return new RegionHeader(header.getInt(MAGIC_OFFSET), header.getInt(HEADER_FORMAT_OFFSET), header.getInt(KIND_OFFSET),
                header.getInt(LAYOUT_VERSION_OFFSET), header.getLong(FILE_SIZE_OFFSET), header.getLong(CREATOR_PID_OFFSET),
                header.getLong(CREATOR_TOKEN_OFFSET), header.getLong(CREATED_AT_OFFSET), typeName(header),
                state(header), header.getInt(CHECKSUM_OFFSET) == checksum(header));
    }

    /** The state word: with acquire semantics from a mapping; plainly from a copy (JDK 25 refuses atomic access to heap buffers). */
    private static int state(ByteBuffer header) {
        return header.isDirect() ? (int) SharedRegion.INTS.getAcquire(header, STATE_OFFSET) : header.getInt(STATE_OFFSET);
    }

    /**
     * Reads the header of the file at {@code path} without mapping or locking it (never through
     * a symbolic link), for listing.
     *
     * @return the header, or null if the file is shorter than a header
     * @throws RuntimeException if the file cannot be opened
     */
    public static RegionHeader readFile(Path path) {
        try (LockableFile file = LockableFile.open(path, false)) {
            byte[] bytes = file.read(HEADER_BYTES);
            return bytes.length < HEADER_BYTES ? null : read(ByteBuffer.wrap(bytes));
        }
    }

    private static String typeName(ByteBuffer header) {
        byte[] bytes = new byte[TYPE_NAME_BYTES];
        header.get(TYPE_NAME_OFFSET, bytes);
        int length = 0;
        while (length < bytes.length && bytes[length] != 0) {
            length++;
        }
        return new String(bytes, 0, length, StandardCharsets.US_ASCII);
    }

    /** Writes every field but {@code state} (which stays {@link RegionHeaderLayout#STATE_INITIALIZING}). */
    static void write(ByteBuffer header, RegionFormat format, long fileBytes, long creator) {
        header.putInt(MAGIC_OFFSET, MAGIC);
        header.putInt(HEADER_FORMAT_OFFSET, HEADER_FORMAT);
        header.putInt(KIND_OFFSET, format.kind().code());
        header.putInt(LAYOUT_VERSION_OFFSET, format.layoutVersion());
        header.putLong(FILE_SIZE_OFFSET, fileBytes);
        header.putLong(CREATOR_PID_OFFSET, ProcessHandle.current().pid());
        header.putLong(CREATOR_TOKEN_OFFSET, creator);
        header.putLong(CREATED_AT_OFFSET, System.currentTimeMillis());
        header.put(TYPE_NAME_OFFSET, format.typeName().getBytes(StandardCharsets.US_ASCII));
        header.putInt(CHECKSUM_OFFSET, checksum(header));
    }

    /** CRC32 of the header bytes before {@code state}. */
    static int checksum(ByteBuffer header) {
        CRC32 crc = new CRC32();
        crc.update(header.duplicate().position(0).limit(CHECKSUMMED_BYTES));
        return (int) crc.getValue();
    }
}
