package org.nativeipc.tools;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.nativeipc.internal.object.Inventory;
import org.nativeipc.internal.posix.SharedFolder;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code nipc}: native-ipc's {@code ipcs} and {@code ipcrm}. Lists the shared objects in the
 * shared folder, shows one object's live state, unlinks names, and removes what dead processes
 * left behind.
 *
 * <pre>
 * java -jar tools/target/nipc.jar list
 * java -jar tools/target/nipc.jar inspect orders
 * java -jar tools/target/nipc.jar rm orders
 * java -jar tools/target/nipc.jar clean
 * </pre>
 */
@Command(name = "nipc", synopsisSubcommandLabel = "COMMAND",
        description = "Lists, inspects and removes native-ipc shared objects (queues, locks, pipes, ...) in the shared"
                + " folder (/dev/shm on Linux), like ipcs and ipcrm.",
        subcommands = {Nipc.ListCommand.class, Nipc.InspectCommand.class, Nipc.RemoveCommand.class, Nipc.CleanCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "1:no such object (inspect, rm)", "2:wrong arguments", "3:failed (cannot read the folder, not"
                + " allowed to remove, ...)"})
public final class Nipc implements Runnable {
    /** Exit code: done. */
    public static final int OK = 0;
    /** Exit code: {@code inspect} or {@code rm} found no such object. */
    public static final int NOT_FOUND = 1;
    /** Exit code: wrong arguments (picocli's usage error). */
    public static final int USAGE = 2;
    /** Exit code: the command failed (I/O, permissions). */
    public static final int FAILED = 3;

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT, description = "Show this help and exit.")
    boolean help;

    /**
     * {@code --dir}: the shared folder to look in, for objects made with {@code -Dnativeipc.shm.dir}.
     *
     * @param dir the folder
     */
    @Option(names = "--dir", scope = ScopeType.INHERIT, paramLabel = "FOLDER",
            description = "The shared folder (default: /dev/shm on Linux, or -Dnativeipc.shm.dir).")
    void dir(Path dir) {
        System.setProperty(SharedFolder.PROPERTY, dir.toString());
    }

    /**
     * Runs {@code nipc} and exits with its exit code.
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(run(args));
    }

    /**
     * Runs {@code nipc} and returns its exit code.
     *
     * @param args the command line
     * @return the exit code
     */
    public static int run(String... args) {
        return new CommandLine(new Nipc())
                .setExecutionExceptionHandler((e, commandLine, parsed) -> {
                    commandLine.getErr().println("nipc: " + e.getMessage());
                    return FAILED;
                })
                .execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "list", description = "List the shared objects: name (or an anonymous object's file name), type, size,"
            + " state, creator pid, whether the creator still runs, and how many processes use it.")
    static final class ListCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = {"-n", "--named"}, description = "Only named objects.")
        boolean namedOnly;

        @Override
        public Integer call() throws Exception {
            List<Inventory.Entry> entries = Inventory.list();
            PrintWriter out = spec.commandLine().getOut();
            Table table = new Table("NAME", "TYPE", "SIZE", "STATE", "CREATOR", "ALIVE", "USERS");
            for (Inventory.Entry e : entries) {
                if (namedOnly && e.name() == null) {
                    continue;
                }
                table.row(e.id(), e.type(), Table.bytes(e.sizeBytes()), e.state(), e.creatorPid() < 0 ? "?" : "pid " + e.creatorPid(),
                        e.creatorAlive() ? "yes" : "no", e.users().map(p -> Integer.toString(p.size())).orElse("?"));
            }
            table.print(out);
            out.println(table.rows() + (table.rows() == 1 ? " object in " : " objects in ") + Inventory.folder());
            out.flush();
            return OK;
        }
    }

    @Command(name = "inspect", description = "Show one object's facts, creation arguments and live state (a queue's"
            + " messages and processes, a lock's holder and waiters, a semaphore's permits, ...).")
    static final class InspectCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", description = "A name, or an anonymous object's file name as nipc list shows it.")
        String name;

        @Override
        public Integer call() {
            Optional<Inventory.Entry> entry = Inventory.find(name);
            if (entry.isEmpty()) {
                return notFound(spec, name);
            }
            Map<String, Object> facts = Inventory.describe(entry.get());
            int width = facts.keySet().stream().mapToInt(String::length).max().orElse(0) + 1;
            PrintWriter out = spec.commandLine().getOut();
            facts.forEach((label, value) -> out.printf("%-" + width + "s %s%n", label + ":", value));
            out.flush();
            return OK;
        }
    }

    @Command(name = "rm", description = "Unlink named objects: no process can open them any more; processes that have"
            + " them keep using them, and their memory goes when the last one lets go.")
    static final class RemoveCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "NAME", arity = "1..*", description = "Names to unlink.")
        List<String> names;

        @Override
        public Integer call() {
            int code = OK;
            for (String name : names) {
                if (Inventory.remove(name)) {
                    spec.commandLine().getOut().println("removed " + name);
                } else {
                    code = notFound(spec, name);
                }
            }
            spec.commandLine().getOut().flush();
            return code;
        }
    }

    @Command(name = "clean", description = "Remove the anonymous objects of processes that died and that nobody uses any"
            + " more, and dead processes' records. Never touches an object whose creator runs, nor a named object"
            + " (nipc rm removes those).")
    static final class CleanCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            int removed = Inventory.clean();
            PrintWriter out = spec.commandLine().getOut();
            out.println("removed " + removed + (removed == 1 ? " object" : " objects") + " of dead processes from "
                    + Inventory.folder());
            out.flush();
            return OK;
        }
    }

    private static int notFound(CommandSpec spec, String name) {
        spec.commandLine().getErr().println("nipc: no shared object named '" + name + "' in " + Inventory.folder()
                + " (nipc list shows what there is)");
        return NOT_FOUND;
    }
}
