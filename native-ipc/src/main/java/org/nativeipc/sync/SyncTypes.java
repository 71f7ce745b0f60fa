package org.nativeipc.sync;

import java.util.Map;

import org.nativeipc.internal.memory.RegionKind;
import org.nativeipc.internal.memory.SharedRegion;
import org.nativeipc.internal.object.ObjectType;
import org.nativeipc.internal.object.Recipe;
import org.nativeipc.internal.sync.RobustMutex;

/**
 * This package's objects as the one lifecycle of shared objects knows them
 * ({@link ObjectType}): their region layouts, how a region becomes the object, how each is made
 * ({@link Recipe}) and with which arguments, their live state ({@link SyncStates}) and how code
 * creates one by name (for error messages).
 */
final class SyncTypes {
    static final ObjectType<SharedLock> LOCK = lock(SharedLock.class, RegionKind.LOCK, SharedLock::new);
    static final ObjectType<SharedReentrantLock> REENTRANT_LOCK =
            lock(SharedReentrantLock.class, RegionKind.REENTRANT_LOCK, SharedReentrantLock::new);
    static final ObjectType<SharedSemaphore> SEMAPHORE = ObjectType.builder("SharedSemaphore", SharedSemaphore.class)
            .layout(RegionKind.SEMAPHORE, SharedSemaphoreLayout.VERSION)
            .attacher((region, context) -> new SharedSemaphore(region))
            .parameters(region -> {
                PermitLedger ledger = SharedSemaphore.ledgerOf(region);
                return semaphoreArguments((int) ledger.initial(), ledger.bounded());
            })
            .state(SyncStates::of)
            .creation("SharedSemaphore.create(\"%s\", permits)")
            .build();
    static final ObjectType<SharedEvent> EVENT = ObjectType.builder("SharedEvent", SharedEvent.class)
            .layout(RegionKind.EVENT, SharedEventLayout.VERSION)
            .attacher((region, context) -> new SharedEvent(region))
            .state(SyncStates::of)
            .creation("SharedEvent.create(\"%s\")")
            .build();
    static final ObjectType<SharedBarrier> BARRIER = ObjectType.builder("SharedBarrier", SharedBarrier.class)
            .layout(RegionKind.BARRIER, SharedBarrierLayout.VERSION)
            .attacher((region, context) -> new SharedBarrier(region))
            .parameters(region -> Recipe.arguments("parties", (int) region.getLong(SharedBarrierLayout.PARTIES_OFFSET)))
            .state(SyncStates::of)
            .creation("SharedBarrier.create(\"%s\", parties)")
            .build();
    /** A condition travels with its lock; one that arrives without it is refused. */
    static final ObjectType<SharedCondition> CONDITION = ObjectType.builder("SharedCondition", SharedCondition.class)
            .layout(RegionKind.CONDITION, SharedConditionLayout.VERSION)
            .attacher(SharedCondition::attach)
            .state(SyncStates::of)
            .creation("lock.newCondition()")
            .build();

    private SyncTypes() {
    }

    private static <T extends AbstractSharedLock> ObjectType<T> lock(Class<T> type, RegionKind kind,
                                                                      java.util.function.Function<SharedRegion, T> wrap) {
        String name = type.getSimpleName();
        return ObjectType.builder(name, type).layout(kind, SharedLockLayout.VERSION)
                .attacher((region, context) -> wrap.apply(region))
                .state(SyncStates::of)
                .creation(name + ".create(\"%s\")")
                .build();
    }

    /** How to make a lock region of {@code kind}: one unlocked robust mutex. */
    static Recipe lockRecipe(RegionKind kind) {
        return Recipe.of(kind, SharedLockLayout.VERSION, SharedLockLayout.PAYLOAD_BYTES,
                region -> RobustMutex.initialize(region, SharedLockLayout.MUTEX_OFFSET));
    }

    /** How to make a semaphore of {@code permits} permits, bounded or not. */
    static Recipe semaphoreRecipe(int permits, boolean bounded) {
        if (permits < 0) {
            throw new IllegalArgumentException("permits " + permits + " is negative: give 0 or more initial permits");
        }
        int slots = SharedSemaphore.DEFAULT_MAX_HOLDER_PROCESSES;
        return new Recipe(RegionKind.SEMAPHORE, SharedSemaphoreLayout.VERSION, SharedSemaphoreLayout.payloadBytes(slots),
                region -> {
                    RobustMutex.initialize(region, SharedSemaphoreLayout.MUTEX_OFFSET);
                    PermitLedger.initialize(region, permits, bounded, slots);
                }, semaphoreArguments(permits, bounded));
    }

    private static Map<String, Object> semaphoreArguments(int permits, boolean bounded) {
        return Recipe.arguments("permits", permits, "bounded", bounded);
    }

    /** How to make an event, initially not set. */
    static Recipe eventRecipe() {
        return Recipe.of(RegionKind.EVENT, SharedEventLayout.VERSION, SharedEventLayout.PAYLOAD_BYTES, region -> { });
    }

    /** How to make a barrier of {@code parties} parties. */
    static Recipe barrierRecipe(int parties) {
        SyncArguments.positive(parties, "parties");
        int slots = SharedBarrier.MAX_TRACKED_PARTICIPANTS;
        return new Recipe(RegionKind.BARRIER, SharedBarrierLayout.VERSION, SharedBarrierLayout.payloadBytes(slots), region -> {
            RobustMutex.initialize(region, SharedBarrierLayout.MUTEX_OFFSET);
            region.putLong(SharedBarrierLayout.PARTIES_OFFSET, parties);
            region.putLong(SharedBarrierLayout.PARTICIPANT_SLOTS_OFFSET, slots);
        }, Recipe.arguments("parties", parties));
    }

    /** How to make a condition that {@code maxWaiters} threads can await at once. */
    static Recipe conditionRecipe(int maxWaiters) {
        return Recipe.of(RegionKind.CONDITION, SharedConditionLayout.VERSION, SharedConditionLayout.payloadBytes(maxWaiters),
                region -> region.putInt(SharedConditionLayout.SLOT_COUNT_OFFSET, maxWaiters));
    }
}
