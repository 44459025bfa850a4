package fr.cdapgateway.console;

import java.util.ArrayList;
import java.util.List;

/**
 * Bar charts drawn on the server as SVG (the bilan's page, SPEC §14.7): no script, nothing fetched, printable, and
 * each chart named for assistive technologies (its figures are also in a table on the page). Plain geometry.
 */
final class Charts {

    /** One bar: its label and value, the rectangle, and where its label and value are written. */
    record Bar(String label, String shown, int x, int y, int w, int h, int labelX, int labelY, int valueX,
               int valueY) {
    }

    /** A chart: its size, its bars, and the axis line. */
    record Chart(String id, String title, String description, int width, int height, List<Bar> bars, int axisX1,
                 int axisY1, int axisX2, int axisY2) {

        public boolean empty() {
            return bars.stream().allMatch(b -> b.w() == 0 || b.h() == 0);
        }
    }

    /** A figure to draw: label, value, and what is written beside it. */
    record Figure(String label, long value, String shown) {

        Figure(String label, long value) {
            this(label, value, String.valueOf(value));
        }
    }

    private static final int COLUMNS_WIDTH = 760;
    private static final int COLUMNS_HEIGHT = 280;
    private static final int ROW = 30;
    private static final int LABELS = 300;
    private static final int BARS = 380;

    private Charts() {
    }

    /** Vertical columns, one per figure (the months of a year), scaled to the largest. */
    static Chart columns(String id, String title, String description, List<Figure> figures) {
        int left = 20;
        int bottom = COLUMNS_HEIGHT - 40;
        int top = 24;
        int slot = figures.isEmpty() ? 0 : (COLUMNS_WIDTH - 2 * left) / figures.size();
        int barWidth = Math.max(4, slot * 7 / 10);
        long max = Math.max(1, figures.stream().mapToLong(Figure::value).max().orElse(1));
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < figures.size(); i++) {
            Figure f = figures.get(i);
            int h = (int) Math.round((double) f.value() * (bottom - top) / max);
            int x = left + i * slot + (slot - barWidth) / 2;
            bars.add(new Bar(f.label(), f.shown(), x, bottom - h, barWidth, h, x + barWidth / 2, bottom + 18,
                    x + barWidth / 2, bottom - h - 6));
        }
        return new Chart(id, title, description, COLUMNS_WIDTH, COLUMNS_HEIGHT, bars, left, bottom,
                COLUMNS_WIDTH - left, bottom);
    }

    /** Horizontal bars, one row per figure, scaled to {@code scale} (the largest value when 0). */
    static Chart rows(String id, String title, String description, List<Figure> figures, long scale) {
        long max = scale > 0 ? scale : Math.max(1, figures.stream().mapToLong(Figure::value).max().orElse(1));
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < figures.size(); i++) {
            Figure f = figures.get(i);
            int y = 10 + i * ROW;
            int w = (int) Math.round((double) Math.min(f.value(), max) * BARS / max);
            bars.add(new Bar(f.label(), f.shown(), LABELS, y, w, ROW - 10, LABELS - 8, y + ROW / 2, LABELS + w + 6,
                    y + ROW / 2));
        }
        int height = 20 + figures.size() * ROW;
        return new Chart(id, title, description, LABELS + BARS + 80, height, bars, LABELS, 4, LABELS, height - 4);
    }
}
