package org.nativeipc.names;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.nativeipc.internal.memory.RegionFolder;
import org.nativeipc.internal.memory.RegionFormat;
import org.nativeipc.internal.memory.RegionKind;
import org.nativeipc.internal.memory.SharedRegion;
import org.nativeipc.internal.object.ObjectHandle;
import org.nativeipc.internal.object.ObjectType;
import org.nativeipc.internal.posix.SharedFolder;
import org.nativeipc.queue.JoinableSharedQueue;
import org.nativeipc.queue.Pipe;
import org.nativeipc.queue.SharedQueue;
import org.nativeipc.sync.SharedBarrier;
import org.nativeipc.sync.SharedEvent;
import org.nativeipc.sync.SharedLock;
import org.nativeipc.sync.SharedReentrantLock;
import org.nativeipc.sync.SharedSemaphore;
import org.nativeipc.testing.TemporaryProperty;
import org.nativeipc.testing.TestNames;

/** Named objects in one process: create, open, openOrCreate, unlink, and every error about names. */
class NamedObjectsTest {
    /** A layout version no native-ipc has written yet. */
    private static final int FUTURE_LAYOUT_VERSION = 99;

    @RegisterExtension
    final TestNames names = new TestNames();

    @Test
    void everyObjectCanBeCreatedOpenedAndUnlinkedByName() throws Exception {
        String lockName = names.next("lock");
        try (SharedLock lock = SharedLock.create(lockName); SharedLock same = SharedLock.open(lockName)) {
            assertSame(lock, same, "one object per name per process");
            lock.lock();
            assertTrue(same.isHeldByCurrentThread());
            lock.unlock();
        }
        assertTrue(SharedLock.unlink(lockName));
        assertFalse(SharedLock.unlink(lockName), "a second unlink finds nothing");

        String rlock = names.next("rlock");
        try (SharedReentrantLock l = SharedReentrantLock.openOrCreate(rlock)) {
            assertSame(l, SharedReentrantLock.open(rlock));
        }
        String semaphore = names.next("semaphore");
        try (SharedSemaphore s = SharedSemaphore.create(semaphore, 3)) {
            assertEquals(3, SharedSemaphore.open(semaphore).availablePermits());
        }
        String bounded = names.next("bounded");
        try (SharedSemaphore s = SharedSemaphore.openOrCreateBounded(bounded, 2)) {
            assertTrue(s.isBounded());
        }
        String event = names.next("event");
        try (SharedEvent e = SharedEvent.create(event)) {
            e.set();
            assertTrue(SharedEvent.open(event).isSet());
        }
        String barrier = names.next("barrier");
        try (SharedBarrier b = SharedBarrier.openOrCreate(barrier, 1)) {
            assertEquals(0, b.await());
        }
        String queue = names.next("queue");
        try (SharedQueue<String> q = SharedQueue.builder().name(queue).capacity(8).build()) {
            q.put("hello");
            assertEquals("hello", SharedQueue.<String>open(queue).take());
        }
        String joinable = names.next("joinable");
        try (JoinableSharedQueue<Integer> q = SharedQueue.builder().name(joinable).capacity(4).openOrCreateJoinable()) {
            q.put(1);
            assertEquals(1, JoinableSharedQueue.<Integer>open(joinable).unfinishedTasks());
        }
        String pipe = names.next("pipe");
        try (Pipe p = Pipe.create(pipe, 4096)) {
            p.right().send("ping");
            assertEquals("ping", Pipe.open(pipe).left().recv());
        }
        for (String n : List.of(rlock, semaphore, bounded, event, barrier, queue, joinable, pipe)) {
            assertTrue(Files.exists(RegionFolder.namedPath(n)), "closing does not remove a named object: " + n);
        }
        assertTrue(SharedQueue.unlink(queue) & JoinableSharedQueue.unlink(joinable) & Pipe.unlink(pipe) & SharedEvent.unlink(event)
                & SharedBarrier.unlink(barrier) & SharedSemaphore.unlink(semaphore) & SharedSemaphore.unlink(bounded)
                & SharedReentrantLock.unlink(rlock));
    }

    @Test
    void aMissingNameSaysWhereItLookedAndHowToCreateIt() {
        String missing = names.next("missing");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> SharedSemaphore.open(missing));
        assertTrue(e.getMessage().contains("'" + missing + "'"), e.getMessage());
        assertTrue(e.getMessage().contains(RegionFolder.folder().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("SharedSemaphore.create(\"" + missing + "\", permits)"), e.getMessage());
        e = assertThrows(IllegalStateException.class, () -> SharedQueue.open(missing));
        assertTrue(e.getMessage().contains("SharedQueue.builder().name(\"" + missing + "\")"), e.getMessage());
    }

    @Test
    void aNameOfAnotherTypeSaysWhichTypeItIs() {
        String jobs = names.next("jobs");
        try (SharedQueue<String> q = SharedQueue.builder().name(jobs).capacity(2).build()) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> SharedLock.open(jobs));
            assertTrue(e.getMessage().contains("is a SharedQueue, not a SharedLock"), e.getMessage());
            e = assertThrows(IllegalStateException.class, () -> SharedLock.openOrCreate(jobs));
            assertTrue(e.getMessage().contains("is a SharedQueue"), e.getMessage());
            e = assertThrows(IllegalStateException.class, () -> SharedLock.unlink(jobs));
            assertTrue(e.getMessage().contains("is a SharedQueue"), e.getMessage());
            e = assertThrows(IllegalStateException.class, () -> JoinableSharedQueue.open(jobs));
            assertTrue(e.getMessage().contains("not a JoinableSharedQueue"), e.getMessage());
            e = assertThrows(IllegalStateException.class, () -> SharedEvent.create(jobs));
            assertTrue(e.getMessage().contains("exists already"), e.getMessage());
            assertTrue(Files.exists(RegionFolder.namedPath(jobs)), "refusals remove nothing");
        }
    }

    @Test
    void aLayoutOfAnotherVersionNamesBothVersionsWhetherOpenedOrSent() throws Exception {
        String future = names.next("future");
        RegionFormat newer = new RegionFormat(RegionKind.LOCK, FUTURE_LAYOUT_VERSION, "SharedLock");
        try (SharedRegion region = SharedRegion.createNamed(RegionFolder.namedPath(future), newer, Long.BYTES, r -> { })) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> SharedLock.open(future));
            assertTrue(e.getMessage().contains("layout version " + FUTURE_LAYOUT_VERSION + ", this native-ipc uses version"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("newer native-ipc"), e.getMessage());

            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(ObjectHandle.of(region, ObjectType.forName("SharedLock"), null));
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                e = assertThrows(IllegalStateException.class, in::readObject, "the sender's layout is checked first");
            }
            assertTrue(e.getMessage().contains("layout LOCK v" + FUTURE_LAYOUT_VERSION + ", but this SharedLock reads LOCK v"),
                    e.getMessage());
        }
    }

    @Test
    void openOrCreateWithOtherArgumentsIsAnError() {
        String slots = names.next("slots");
        try (SharedSemaphore s = SharedSemaphore.openOrCreate(slots, 4)) {
            assertSame(s, SharedSemaphore.openOrCreate(slots, 4), "the same arguments attach");
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> SharedSemaphore.openOrCreate(slots, 5));
            assertTrue(e.getMessage().contains("permits=4") && e.getMessage().contains("permits=5"), e.getMessage());
        }
        String orders = names.next("orders");
        try (SharedQueue<String> q = SharedQueue.builder().name(orders).capacity(1024).openOrCreate()) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> SharedQueue.builder().name(orders).capacity(64).openOrCreate());
            assertTrue(e.getMessage().contains("capacity=1024") && e.getMessage().contains("capacity=64"), e.getMessage());
        }
    }

    @Test
    void unlinkWhileAttachedKeepsTheObjectWorkingAndFreesTheName() throws Exception {
        String name = names.next("unlinked");
        try (SharedQueue<Integer> old = SharedQueue.builder().name(name).capacity(4).build()) {
            old.put(1);
            assertTrue(SharedQueue.unlink(name));
            assertThrows(IllegalStateException.class, () -> SharedQueue.open(name), "the name is gone");
            old.put(2);
            assertEquals(1, old.take(), "attached objects keep working");
            try (SharedQueue<Integer> fresh = SharedQueue.builder().name(name).capacity(4).build()) {
                assertNotSame(old, fresh);
                assertSame(fresh, SharedQueue.open(name), "the name now holds the new object");
                assertEquals(0, fresh.size());
                assertEquals(2, old.take());
            }
        }
    }

    @Test
    void badNamesAreRefusedBeforeAnythingIsCreated() {
        for (String bad : List.of("", "..", "a/b", "-lead", ".hidden", "a..b", "sp ace", "é", "x".repeat(129))) {
            assertThrows(IllegalArgumentException.class, () -> SharedLock.create(bad), bad);
        }
        assertThrows(NullPointerException.class, () -> SharedLock.open(null));
        assertThrows(IllegalArgumentException.class, () -> SharedQueue.builder().name("no/slash"));
    }

    @Test
    void aNamedObjectTravelsAsAHandleToItsOneObject() throws Exception {
        String name = names.next("handle");
        try (SharedEvent event = SharedEvent.create(name)) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(event);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                assertSame(event, in.readObject());
            }
            assertTrue(event.toString().contains("'" + name + "'"), event.toString());
        }
    }

    @Test
    void filesAreOwnerOnlyUnlessGroupAccessIsAsked() throws Exception {
        String owner = names.next("owner");
        String group = names.next("group");
        try (SharedLock a = SharedLock.create(owner)) {
            assertEquals(PosixFilePermissions.fromString("rw-------"), permissions(owner));
        }
        try (TemporaryProperty p = TemporaryProperty.set(SharedFolder.MODE_PROPERTY, "660"); SharedLock b = SharedLock.create(group)) {
            assertEquals(PosixFilePermissions.fromString("rw-rw----"), permissions(group), "exactly 0660, whatever the umask");
        }
        try (TemporaryProperty p = TemporaryProperty.set(SharedFolder.MODE_PROPERTY, "777")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SharedLock.create(names.next("wide")));
            assertTrue(e.getMessage().contains("600") && e.getMessage().contains("660"), e.getMessage());
        }
    }

    private static Set<PosixFilePermission> permissions(String name) throws Exception {
        Path file = RegionFolder.namedPath(name);
        return Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
    }
}
