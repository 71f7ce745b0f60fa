package org.nativeipc.examples.pool;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpServer;

/**
 * A small web site on {@code 127.0.0.1} (the JDK's {@code com.sun.net.httpserver}), so that the
 * seed's crawling examples run offline: it serves the given pages, each at its path, and 404
 * elsewhere. {@link #fetch} is what the examples' workers use to download a page.
 */
final class LocalSite implements AutoCloseable {
    private final HttpServer server;

    private LocalSite(HttpServer server) {
        this.server = server;
    }

    /** Serves {@code pages} (path → HTML) on a free port of 127.0.0.1. */
    static LocalSite serve(Map<String, String> pages) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/", exchange -> {
            String page = pages.get(exchange.getRequestURI().getPath());
            byte[] body = (page != null ? page : "not found").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(page != null ? 200 : 404, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
        return new LocalSite(server);
    }

    /** The address of {@code path} on this site. */
    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The addresses of {@code paths}. */
    List<String> urls(List<String> paths) {
        List<String> urls = new ArrayList<>();
        for (String p : paths) {
            urls.add(url(p));
        }
        return urls;
    }

    /** Downloads {@code url}: its HTTP status and body (what {@code requests.get} returns in the seed). */
    static Page fetch(String url) {
        try {
            HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
            int status = connection.getResponseCode();
            try (InputStream body = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                return new Page(url, status, new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot fetch " + url, e);
        }
    }

    /** A downloaded page. A record travels back from a worker as it is (the default codec writes records). */
    record Page(String url, int status, String text) {
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
