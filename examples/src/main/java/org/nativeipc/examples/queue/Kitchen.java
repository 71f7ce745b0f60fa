package org.nativeipc.examples.queue;

import java.util.concurrent.ThreadLocalRandom;

import org.nativeipc.process.CurrentProcess;

/**
 * The seed's producer–consumer cast (§10, §11): cooks who make dishes with a random delay,
 * eaters who eat them with a random delay, and what they print. Delays are 1 to 3 seconds, as
 * in the seed, times a scale given on the command line (tests use a small one).
 */
final class Kitchen {
    private Kitchen() {
    }

    /** The delay scale from {@code args[index]}, 1.0 if absent. */
    static double scale(String[] args, int index) {
        return args.length > index ? Double.parseDouble(args[index]) : 1.0;
    }

    static int intArg(String[] args, int index, int fallback) {
        return args.length > index ? Integer.parseInt(args[index]) : fallback;
    }

    /** Python's {@code time.sleep(random.randint(1, 3))}, scaled. */
    static void pause(double scale) throws InterruptedException {
        Thread.sleep(Math.round(ThreadLocalRandom.current().nextInt(1, 4) * 1000 * scale));
    }

    static String cook(String dish, int i, double scale) throws InterruptedException {
        pause(scale);
        String food = dish + i;
        System.out.println(CurrentProcess.pid() + " produced " + food);
        return food;
    }

    static void eat(Object food, double scale) throws InterruptedException {
        pause(scale);
        System.out.println(CurrentProcess.pid() + " ate " + food);
    }
}
