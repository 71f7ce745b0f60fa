package org.nativeipc.examples.pool;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.nativeipc.pool.ProcessPool;

/**
 * Seed §13, the crawler: a worker downloads a film board page and returns it with the regular
 * expression to apply; the callback, in the parent, applies it and prints one entry per film.
 * A compiled {@link Pattern} travels to the worker and back as the seed's does: it is
 * {@code Serializable}, and the pool is told to allow its package ({@code java.util.regex}) —
 * values crossing a pool obey an allow-list, as queues' do, and the JDK's defaults on it are
 * narrow. The board is served by the example itself on 127.0.0.1 (the seed crawls a public site).
 */
public final class PoolCrawler {
    /** The seed's expression: rank, title, stars and release time of each film. */
    static final String REGEX = "<dd>.*?<.*?class=\"board-index.*?>(\\d+)</i>.*?title=\"(.*?)\".*?class=\"movie-item-info\".*?"
            + "<p class=\"star\">(.*?)</p>.*?<p class=\"releasetime\">(.*?)</p>";
    private static final String[][] FILMS = {
        {"Farewell My Concubine", "Leslie Cheung, Zhang Fengyi, Gong Li", "1993-01-01"},
        {"The Shawshank Redemption", "Tim Robbins, Morgan Freeman, Bob Gunton", "1994-09-10"},
        {"Roman Holiday", "Gregory Peck, Audrey Hepburn, Eddie Albert", "1953-09-02"},
        {"Leon", "Jean Reno, Gary Oldman, Natalie Portman", "1994-09-14"},
        {"Titanic", "Leonardo DiCaprio, Kate Winslet, Billy Zane", "1998-04-03"},
    };

    private PoolCrawler() {
    }

    /** A page and the pattern to parse it with (the seed's {@code (pattern, response)} tuple). */
    record Fetched(Pattern pattern, String content) {
    }

    /** Runs in a worker. */
    static Fetched getPage(String url, Pattern pattern) {
        return new Fetched(pattern, LocalSite.fetch(url).text());
    }

    /** Runs in the parent: one line per film found. */
    static void parsePage(Fetched info) {
        Matcher m = info.pattern().matcher(info.content());
        while (m.find()) {
            Map<String, String> film = new LinkedHashMap<>();
            film.put("index", m.group(1).strip());
            film.put("title", m.group(2).strip());
            film.put("actor", m.group(3).strip());
            film.put("time", m.group(4).strip());
            System.out.println(film);
        }
    }

    static String boardPage() {
        StringBuilder html = new StringBuilder("<html><body><dl class=\"board-wrapper\">\n");
        for (int i = 0; i < FILMS.length; i++) {
            html.append("<dd>\n  <i class=\"board-index board-index-").append(i + 1).append("\">").append(i + 1).append("</i>\n")
                    .append("  <a href=\"/films/").append(i + 1).append("\" title=\"").append(FILMS[i][0]).append("\" class=\"image-link\">")
                    .append("</a>\n  <div class=\"movie-item-info\">\n    <p class=\"star\">\n      starring: ").append(FILMS[i][1])
                    .append("\n    </p>\n    <p class=\"releasetime\">released: ").append(FILMS[i][2]).append("</p>\n  </div>\n</dd>\n");
        }
        return html.append("</dl></body></html>").toString();
    }

    public static void main(String[] args) throws Exception {
        Pattern pattern = Pattern.compile(REGEX, Pattern.DOTALL); // Python's re.S
        try (LocalSite site = LocalSite.serve(Map.of("/board/7", boardPage()))) {
            Map<String, Pattern> urls = Map.of(site.url("/board/7"), pattern);
            ProcessPool pool = ProcessPool.builder().allowPackage("java.util.regex").build(); // Pool(): a worker per processor
            List<CompletableFuture<Fetched>> results = new ArrayList<>();
            for (Map.Entry<String, Pattern> e : urls.entrySet()) {
                String url = e.getKey();
                Pattern p = e.getValue();
                results.add(pool.applyAsync(() -> getPage(url, p), PoolCrawler::parsePage, Throwable::printStackTrace));
            }
            for (CompletableFuture<Fetched> result : results) {
                result.get(); // completes after its callback has run
            }
            pool.close();
            pool.join();
        }
    }
}
