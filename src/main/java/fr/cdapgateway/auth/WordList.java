package fr.cdapgateway.auth;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;

/**
 * A fixed list of words, held compactly: their UTF-8 bytes one after the other in sorted order, and where each
 * starts. A hundred thousand words take about 1.2 MB this way instead of about 8 MB as a set of strings — memory the
 * gateway keeps for its whole life to check the few passwords that change.
 */
final class WordList {

    private final byte[] bytes;
    private final int[] starts; // one more than the words: the last is the end of the last word

    private WordList(byte[][] sortedDistinct) {
        starts = new int[sortedDistinct.length + 1];
        int length = 0;
        for (int i = 0; i < sortedDistinct.length; i++) {
            starts[i] = length;
            length += sortedDistinct[i].length;
        }
        starts[sortedDistinct.length] = length;
        bytes = new byte[length];
        for (int i = 0; i < sortedDistinct.length; i++) {
            System.arraycopy(sortedDistinct[i], 0, bytes, starts[i], sortedDistinct[i].length);
        }
    }

    /** The words of the given list, in lower case, of at least {@code minLength} characters. */
    static WordList of(Collection<String> words, int minLength) {
        return new WordList(words.stream().map(word -> word.trim().toLowerCase(Locale.ROOT))
                .filter(word -> word.length() >= minLength).distinct().map(WordList::utf8)
                .sorted(Arrays::compareUnsigned).toArray(byte[][]::new));
    }

    /** The words of a resource on the classpath, one per line. */
    static WordList load(String resource, int minLength) {
        try (InputStream stream = WordList.class.getResourceAsStream(resource)) {
            if (stream == null) {
                throw new IllegalStateException("word list " + resource + " missing from the classpath");
            }
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                return of(reader.lines().toList(), minLength);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    int size() {
        return starts.length - 1;
    }

    /** Whether the word is in the list, exactly (the list is lower case). */
    boolean contains(String word) {
        byte[] key = utf8(word);
        int low = 0;
        int high = size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int order = Arrays.compareUnsigned(bytes, starts[middle], starts[middle + 1], key, 0, key.length);
            if (order < 0) {
                low = middle + 1;
            } else if (order > 0) {
                high = middle - 1;
            } else {
                return true;
            }
        }
        return false;
    }

    private static byte[] utf8(String word) {
        return word.getBytes(StandardCharsets.UTF_8);
    }
}
