package org.nativeipc.examples.pool;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.nativeipc.examples.pool.LocalSite.Page;
import org.nativeipc.pool.ProcessPool;
import org.nativeipc.process.CurrentProcess;

/**
 * Seed §13, callbacks: workers download pages (the slow, waiting part), and a callback parses
 * each page <em>in the parent</em> as soon as it arrives, appending a line per page to a file.
 * Downloads print the workers' pids; every parse prints the parent's. Callbacks run one at a
 * time, so they may append to one file without a lock. The seed fetches five public sites; this
 * example serves five pages itself on 127.0.0.1, so it runs offline.
 *
 * <p>Usage: {@code PoolCallbacks [db file, default a new temporary file]}.
 */
public final class PoolCallbacks {
    private static final Map<String, String> PAGES = Map.of(
            "/baidu", "<html><title>baidu</title>" + "search ".repeat(40) + "</html>",
            "/python", "<html><title>python</title>" + "batteries included ".repeat(90) + "</html>",
            "/openstack", "<html><title>openstack</title>" + "cloud ".repeat(70) + "</html>",
            "/github-help", "<html><title>help</title>" + "docs ".repeat(20) + "</html>",
            "/sina", "<html><title>sina</title>" + "news ".repeat(120) + "</html>");

    private PoolCallbacks() {
    }

    /** Runs in a worker: downloads the page. */
    static Page getPage(String url) {
        System.out.println("<process " + CurrentProcess.pid() + "> get " + url);
        Page page = LocalSite.fetch(url);
        return page.status() == 200 ? page : null;
    }

    /** Runs in the parent, on the pool's callback thread: "parses" the page into a line of the db file. */
    static void parsePage(Page page, Path db) {
        System.out.println("<process " + CurrentProcess.pid() + "> parse " + page.url());
        String line = "url:<" + page.url() + "> size:[" + page.text().length() + "]\n";
        try {
            Files.writeString(db, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static void main(String[] args) throws Exception {
        Path db = args.length > 0 ? Path.of(args[0]) : Files.createTempFile("db", ".txt");
        System.out.println("parent " + CurrentProcess.pid() + ", db " + db);
        try (LocalSite site = LocalSite.serve(PAGES)) {
            ProcessPool pool = ProcessPool.create(3);
            List<CompletableFuture<Page>> results = new ArrayList<>();
            for (String url : site.urls(List.of("/baidu", "/python", "/openstack", "/github-help", "/sina"))) {
                results.add(pool.applyAsync(() -> getPage(url), page -> parsePage(page, db), Throwable::printStackTrace));
            }
            pool.close();
            pool.join(); // every download done and every callback run
            for (CompletableFuture<Page> result : results) {
                // the seed prints these too, noting that the callback already had them
                System.out.println("result " + result.get().url() + " " + result.get().text().length() + " chars");
            }
        }
    }
}
