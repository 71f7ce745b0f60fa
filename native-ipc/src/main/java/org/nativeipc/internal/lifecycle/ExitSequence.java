package org.nativeipc.internal.lifecycle;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What native-ipc does when the JVM exits normally, in one shutdown hook and in a fixed order
 * (separate hooks would run concurrently, in no order):
 * <ol>
 * <li>{@link Step#CLOSE_CREATED}: the shared objects this process created are closed, which
 *     wakes every thread of every process blocked on them (it gets an exception instead of
 *     waiting for something this process will never do);</li>
 * <li>{@link Step#END_CHILDREN}: as in Python, daemon children are terminated and the other
 *     children joined — which cannot deadlock on this process's own objects any more;</li>
 * <li>{@link Step#RELEASE_ATTACHED}: this process lets go of the regions it attached (the last
 *     user of a region whose creator died removes its file).</li>
 * </ol>
 * Each action runs once; one that throws does not stop the others.
 */
public final class ExitSequence {
    private static final System.Logger LOG = System.getLogger(ExitSequence.class.getPackageName());

    /** The steps, in the order they run. */
    public enum Step {
        /** Close the shared objects this process created. */
        CLOSE_CREATED,
        /** Terminate daemon children, join the others. */
        END_CHILDREN,
        /** Let go of the regions this process attached. */
        RELEASE_ATTACHED
    }

    private static final Map<Step, List<Runnable>> ACTIONS = new EnumMap<>(Step.class);
    private static boolean hookInstalled;

    private ExitSequence() {
    }

    /** Adds {@code action} to {@code step} (call once per action, e.g. from a static initializer). */
    public static synchronized void add(Step step, Runnable action) {
        if (!hookInstalled) {
            Runtime.getRuntime().addShutdownHook(new Thread(ExitSequence::run, "nativeipc-exit"));
            hookInstalled = true;
        }
        ACTIONS.computeIfAbsent(step, s -> new ArrayList<>()).add(action);
    }

    private static void run() {
        for (Step step : Step.values()) {
            List<Runnable> actions;
            synchronized (ExitSequence.class) {
                actions = List.copyOf(ACTIONS.getOrDefault(step, List.of()));
            }
            for (Runnable action : actions) {
                try {
                    action.run();
                } catch (RuntimeException | Error e) {
                    LOG.log(System.Logger.Level.WARNING, "native-ipc exit step " + step + " failed: " + e, e);
                }
            }
        }
    }
}
