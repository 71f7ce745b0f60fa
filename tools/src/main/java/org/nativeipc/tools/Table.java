package org.nativeipc.tools;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A plain text table with a header line and columns as wide as their widest cell. */
final class Table {
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};
    private static final double STEP = 1024;

    private final String[] header;
    private final List<String[]> rows = new ArrayList<>();

    Table(String... header) {
        this.header = header;
    }

    void row(String... cells) {
        rows.add(cells);
    }

    int rows() {
        return rows.size();
    }

    void print(PrintWriter out) {
        int[] widths = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            widths[i] = header[i].length();
            for (String[] row : rows) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        line(out, header, widths);
        for (String[] row : rows) {
            line(out, row, widths);
        }
    }

    private static void line(PrintWriter out, String[] cells, int[] widths) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            s.append(i == 0 ? "" : "  ").append(i == cells.length - 1 ? cells[i] : String.format("%-" + widths[i] + "s", cells[i]));
        }
        out.println(s);
    }

    /** "512 B", "64.0 MiB". */
    static String bytes(long bytes) {
        double value = bytes;
        int unit = 0;
        while (value >= STEP && unit < UNITS.length - 1) {
            value /= STEP;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }
}
