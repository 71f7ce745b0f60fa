package org.nativeipc.examples.process;

import org.nativeipc.process.ChildProcess;

/**
 * Seed §2: the first child process. {@code start()} returns at once; the parent goes on while
 * the child prints.
 *
 * <pre>{@code
 * p = Process(target=f, args=('jaychou',)); p.start(); time.sleep(1); print('main continues')
 * }</pre>
 */
public final class FirstChild {
    private FirstChild() {
    }

    static void greet(String name) {
        System.out.println("hello " + name);
        System.out.println("I am the child process");
    }

    public static void main(String[] args) throws Exception {
        String name = "jaychou";
        ChildProcess p = new ChildProcess(() -> greet(name));
        p.start();
        Thread.sleep(1000);
        System.out.println("the main process goes on");
    }
}
