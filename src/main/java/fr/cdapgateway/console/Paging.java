package fr.cdapgateway.console;

import java.util.List;

/** One page of a long list, numbered from 1, and what the page's navigation needs. */
record Paging<T>(List<T> lignes, int page, int pages, int total) {

    static <T> Paging<T> of(List<T> all, int requested, int size) {
        int pages = Math.max(1, (all.size() + size - 1) / size);
        int page = Math.min(Math.max(1, requested), pages);
        int from = (page - 1) * size;
        return new Paging<>(all.subList(from, Math.min(all.size(), from + size)), page, pages, all.size());
    }

    public boolean hasPrevious() {
        return page > 1;
    }

    public boolean hasNext() {
        return page < pages;
    }
}
