package org.nativeipc.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The AOT cache folder's housekeeping and the cache's key (any JDK: no child JVM needed). */
class AotCacheHousekeepingTest {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");

    @TempDir
    Path dir;

    private Path file(String name, Duration age) throws Exception {
        Path file = Files.writeString(dir.resolve(name), name);
        Files.setLastModifiedTime(file, FileTime.from(NOW.minus(age)));
        return file;
    }

    @Test
    void cleaningDeletesStaleTrainingLeftoversAndCachesUnusedForAWeek() throws Exception {
        Duration minute = Duration.ofMinutes(1);
        Path stalePartial = file("child-aaa.aot.123.partial", AotCache.STALE_PARTIAL.plus(minute));
        Path staleConfig = file("child-aaa.aot.123.partial.config", AotCache.STALE_PARTIAL.plus(minute));
        Path freshPartial = file("child-bbb.aot.456.partial", AotCache.STALE_PARTIAL.minus(minute));
        Path unusedCache = file("child-ccc.aot", AotCache.UNUSED.plus(minute));
        Path usedCache = file("child-ddd.aot", AotCache.UNUSED.minus(minute));
        Path foreign = file("notes.partial", AotCache.UNUSED.multipliedBy(2));
        AotCache.clean(dir, NOW);
        assertFalse(Files.exists(stalePartial), "a training's partial file older than an hour is a leftover");
        assertFalse(Files.exists(staleConfig), "so is its .config companion");
        assertTrue(Files.exists(freshPartial), "a training of the last hour may still run");
        assertFalse(Files.exists(unusedCache), "a cache unused for a week goes");
        assertTrue(Files.exists(usedCache), "a cache used within the week stays");
        assertTrue(Files.exists(foreign), "files not named as the cache names them are left alone");
    }

    @Test
    void aCacheInUseIsRenewedOnceADay() throws Exception {
        Path recent = file("child-eee.aot", AotCache.RENEW_AFTER.minusHours(1));
        Path old = file("child-fff.aot", AotCache.RENEW_AFTER.plusHours(1));
        FileTime recentTime = Files.getLastModifiedTime(recent);
        AotCache.renewIfOld(recent, NOW);
        AotCache.renewIfOld(old, NOW);
        assertEquals(recentTime, Files.getLastModifiedTime(recent), "renewed at most once a day");
        assertEquals(FileTime.from(NOW), Files.getLastModifiedTime(old));
    }

    @Test
    void theKeyIgnoresTheSparePropertiesOnly() throws Exception {
        String jar = Files.writeString(dir.resolve("app.jar"), "not really a jar").toString();
        List<String> spare = List.of("java", "-Xshare:auto", "-D" + SpareJvm.PROPERTY + "=true", "-cp", jar, "Main");
        List<String> cold = List.of("java", "-Xshare:auto", "-D" + SpareJvm.PROPERTY + "=false",
                "-D" + SpareJvm.MAX_PROPERTY + "=4", "-cp", jar, "Main");
        List<String> plain = List.of("java", "-Xshare:auto", "-cp", jar, "Main");
        List<String> other = List.of("java", "-Xshare:auto", "-Dnativeipc.shm.dir=/tmp/x", "-cp", jar, "Main");
        assertEquals(AotCache.key(plain), AotCache.key(spare), "spares on: the same classes load");
        assertEquals(AotCache.key(plain), AotCache.key(cold), "spares off: the same classes load");
        assertNotEquals(AotCache.key(plain), AotCache.key(other), "any other option makes a cache of its own");
    }
}
