package org.nativeipc.internal.object;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.nativeipc.internal.liveness.Liveness;
import org.nativeipc.internal.memory.RegionFolder;
import org.nativeipc.internal.memory.RegionHeader;
import org.nativeipc.internal.memory.RegionHeaderLayout;
import org.nativeipc.internal.memory.SharedRegion;
import org.nativeipc.internal.memory.SideFiles;
import org.nativeipc.internal.posix.FileLocks;
import org.nativeipc.internal.posix.SharedFolder;

/**
 * What the shared folder holds, for the {@code nipc} tool: every region file with its name (or
 * anonymous id), type, size, creator and users ({@link #list}); one object's arguments and live
 * state ({@link #describe}); and the two ways files go ({@link #remove}, {@link #clean}).
 * Listing reads headers only (no mapping, no lock); describing attaches as any process would,
 * but never to a region whose creator is dead (letting go of it could remove it).
 */
public final class Inventory {
    private Inventory() {
    }

    /**
     * One region file.
     *
     * @param file the file
     * @param name its name, or null for an anonymous region
     * @param header its header, or null if it is too short to hold one
     * @param sizeBytes the file's size
     * @param users pids of the processes using it (holding its lock), if this system tells
     */
    public record Entry(Path file, String name, RegionHeader header, long sizeBytes, Optional<List<Long>> users) {
        /** The name, or for an anonymous region its file name: what {@code nipc} commands take. */
        public String id() {
            return name != null ? name : file.getFileName().toString();
        }

        /**
         * The object type, the kind for a region of no public type, {@value Inventory#ELEMENT_TYPE} for a
         * large element's side file, or "?" for a file that is no region.
         */
        public String type() {
            if (sideFile() != null) {
                return ELEMENT_TYPE;
            }
            return header == null || header.magic() != RegionHeaderLayout.MAGIC ? "?" : header.displayType();
        }

        /** The creator's pid (in its PID namespace; for a side file, its writer's or reader's, for a spare its queue creator's), or -1 if unknown. */
        public long creatorPid() {
            SideFiles.Owners side = sideFile();
            if (side != null) {
                return Liveness.pidOf(side.process());
            }
            return header == null ? -1 : header.creatorPid();
        }

        /** Whether the creator (of a side file: as {@link #creatorPid}) still runs (dead only on proof); false if the file names none. */
        public boolean creatorAlive() {
            SideFiles.Owners side = sideFile();
            long creator = side != null ? side.process() : header != null ? header.creatorToken() : Liveness.NOBODY;
            return creator != Liveness.NOBODY && Liveness.isAlive(creator);
        }

        /** "ready", "initializing", "closed" or "damaged"; for a side file "queued", "being written", "being read" or "spare". */
        public String state() {
            SideFiles.Owners side = sideFile();
            if (side != null) {
                return side.state();
            }
            if (header == null || header.magic() != RegionHeaderLayout.MAGIC) {
                return "damaged";
            }
            switch (header.state()) {
                case RegionHeaderLayout.STATE_READY:
                    return header.checksumMatches() ? "ready" : "damaged";
                case RegionHeaderLayout.STATE_INITIALIZING:
                    return "initializing";
                case RegionHeaderLayout.STATE_CLOSED:
                    return "closed";
                default:
                    return "damaged";
            }
        }

        private SideFiles.Owners sideFile() {
            return name == null ? SideFiles.ownersOf(file.getFileName().toString()) : null;
        }
    }

    /** The type {@code nipc list} shows for a large element on its way through a queue or pipe. */
    public static final String ELEMENT_TYPE = "element in a side file";

    /** The folder looked at: the shared folder ({@code -Dnativeipc.shm.dir}). */
    public static Path folder() {
        return RegionFolder.folder();
    }

    /**
     * Every region file in the folder (not the processes' liveness records): named ones first,
     * by name, then anonymous ones by file name.
     *
     * @return the entries
     * @throws IOException if the folder cannot be read
     */
    public static List<Entry> list() throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(folder(), SharedFolder.FILE_PREFIX + "*")) {
            for (Path file : files) {
                String fileName = file.getFileName().toString();
                if (!Liveness.isRecordName(fileName) && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    entry(file).ifPresent(entries::add);
                }
            }
        }
        entries.sort(Comparator.comparing((Entry e) -> e.name() == null).thenComparing(Entry::id));
        return entries;
    }

    /**
     * The region named {@code nameOrId}, or whose file is called so.
     *
     * @param nameOrId a name, or an anonymous region's file name ({@code nipc-...})
     * @return the entry, or empty if there is none
     */
    public static Optional<Entry> find(String nameOrId) {
        if (ObjectNames.isValid(nameOrId)) {
            Optional<Entry> named = entry(RegionFolder.namedPath(nameOrId));
            if (named.isPresent()) {
                return named;
            }
        }
        if (SharedFolder.isOwnFileName(nameOrId) && !Liveness.isRecordName(nameOrId)) {
            return entry(folder().resolve(nameOrId));
        }
        return Optional.empty();
    }

    /**
     * What {@code nipc inspect} shows: the entry's facts, the object's creation arguments and its
     * live state, by label, in order.
     *
     * @param entry the region
     * @return labels and values
     */
    public static Map<String, Object> describe(Entry entry) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", entry.name() != null ? entry.name() : "(anonymous)");
        out.put("file", entry.file());
        out.put("type", entry.type());
        out.put("state", entry.state());
        out.put("size", entry.sizeBytes() + " bytes");
        RegionHeader h = entry.header();
        if (h == null || !"ready".equals(entry.state())) {
            return out;
        }
        out.put("layout", h.kind() + " v" + h.layoutVersion());
        out.put("creator", "pid " + h.creatorPid() + (entry.creatorAlive() ? " (alive)" : " (dead)"));
        out.put("created", Instant.ofEpochMilli(h.createdAtMillis()));
        out.put("used by", entry.users().map(Inventory::users).orElse("unknown on this system"));
        if (!ObjectType.isKnown(h.typeName())) {
            return out;
        }
        if (entry.name() == null && !entry.creatorAlive()) {
            out.put("live state", "not read: its creator is dead (nipc clean removes it once nobody uses it)");
            return out;
        }
        liveState(ObjectType.forName(h.typeName()), entry.file(), out);
        return out;
    }

    private static <T> void liveState(ObjectType<T> type, Path file, Map<String, Object> out) {
        SharedRegion region = SharedRegion.attachIfPresent(file, type.expectation());
        if (region == null) {
            out.put("live state", "gone: the file was removed meanwhile");
            return;
        }
        try {
            out.putAll(type.parametersOf(region));
            out.putAll(type.stateOf(type.wrap(region, null)));
        } catch (RuntimeException e) {
            out.put("live state", "not available: " + e.getMessage());
        } finally {
            region.close();
        }
    }

    /**
     * Unlinks the name {@code name}, whatever it holds ({@code nipc rm}).
     *
     * @param name the name
     * @return true if it was removed, false if there was none
     */
    public static boolean remove(String name) {
        return SharedObjects.unlinkAny(name);
    }

    /**
     * Removes the anonymous regions of dead creators that nobody uses any more, and dead
     * processes' liveness records ({@code nipc clean}); never a live creator's region, never a
     * named one (those go by {@link #remove}).
     *
     * @return how many region files were removed
     */
    public static int clean() {
        return RegionFolder.removeOrphans();
    }

    private static Optional<Entry> entry(Path file) {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException | RuntimeException gone) {
            return Optional.empty();
        }
        RegionHeader header;
        try {
            header = RegionHeader.readFile(file);
        } catch (RuntimeException unreadable) {
            header = null; // no permission, or removed meanwhile: listed as "?"
        }
        return Optional.of(new Entry(file, RegionFolder.nameOf(file), header, size, FileLocks.holders(file)));
    }

    /** "no process", "1 process (pid 42)", "2 processes (pids 42, 43)". */
    private static String users(List<Long> pids) {
        if (pids.isEmpty()) {
            return "no process";
        }
        StringBuilder s = new StringBuilder();
        for (long pid : pids) {
            s.append(s.length() == 0 ? "" : ", ").append(pid);
        }
        return pids.size() == 1 ? "1 process (pid " + s + ")" : pids.size() + " processes (pids " + s + ")";
    }
}
