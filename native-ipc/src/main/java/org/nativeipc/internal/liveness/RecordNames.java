package org.nativeipc.internal.liveness;

import org.nativeipc.internal.posix.SharedFolder;

/**
 * How liveness records are named in the {@linkplain SharedFolder shared folder}: a process's
 * record is {@code nipc-proc-<token as 16 hex digits>}; while it is being made it is called
 * {@code nipc-proc-<token>.new}. A token is a random, non-zero 64-bit number, unique among the
 * records in the folder (a record is created under a new name or not at all), so a name is
 * never used twice.
 */
final class RecordNames {
    /** Prefix of every record's name. */
    static final String PREFIX = SharedFolder.FILE_PREFIX + "proc-";
    /** Suffix of a record being made (renamed into place once locked). */
    static final String NEW_SUFFIX = ".new";
    private static final int HEX_DIGITS = 16;
    private static final int HEX = 16;

    private RecordNames() {
    }

    /** The name of the record of {@code token}. */
    static String of(long token) {
        String hex = Long.toHexString(token);
        return PREFIX + "0".repeat(HEX_DIGITS - hex.length()) + hex;
    }

    /** The name a record of {@code token} has while it is being made. */
    static String ofNew(long token) {
        return of(token) + NEW_SUFFIX;
    }

    /** True for the name of a record, finished or being made. */
    static boolean isRecord(String name) {
        return tokenOf(name) != 0;
    }

    /** The token a record's name (finished or being made) names, or 0 if it names none. */
    static long tokenOf(String name) {
        if (!name.startsWith(PREFIX)) {
            return 0;
        }
        String rest = name.substring(PREFIX.length());
        if (rest.endsWith(NEW_SUFFIX)) {
            rest = rest.substring(0, rest.length() - NEW_SUFFIX.length());
        }
        if (rest.length() != HEX_DIGITS) {
            return 0;
        }
        try {
            return Long.parseUnsignedLong(rest, HEX);
        } catch (NumberFormatException notARecord) {
            return 0;
        }
    }
}
