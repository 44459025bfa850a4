package fr.cdapgateway.backend;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;

import org.apache.hc.core5.http.io.EofSensorInputStream;

/**
 * The backend's answer as a stream that cannot exceed a size nor a deadline: past {@code maxBytes} it fails with
 * {@link TooLarge}, past the deadline with a {@link SocketTimeoutException} (a backend that drips a byte a second
 * never resets a per-read timeout, so the whole answer has one). Either way the connection is aborted, not drained,
 * so the rest of a 50 MB or endless answer is never read.
 */
final class BoundedAnswer extends FilterInputStream {

    /** The answer went over the size the gateway accepts from the backend. */
    static final class TooLarge extends IOException {
        TooLarge(long maxBytes) {
            super("backend answer over " + maxBytes + " bytes");
        }
    }

    private final long maxBytes;
    private final long deadlineNanos;
    private long read;
    private boolean ended;

    BoundedAnswer(InputStream in, long maxBytes, long deadlineNanos) {
        super(in);
        this.maxBytes = maxBytes;
        this.deadlineNanos = deadlineNanos;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        if (System.nanoTime() - deadlineNanos > 0) {
            throw abort(new SocketTimeoutException("backend answer not complete before its deadline"));
        }
        int n = super.read(buffer, offset, (int) Math.min(length, maxBytes + 1 - read));
        if (n < 0) {
            ended = true;
        }
        if (n > 0) {
            read += n;
            if (read > maxBytes) {
                throw abort(new TooLarge(maxBytes));
            }
        }
        return n;
    }

    /**
     * Read to its end, the connection goes back to the pool; otherwise it is aborted: closing the client's stream
     * would read the rest of the answer first, however long or slow.
     */
    @Override
    public void close() throws IOException {
        if (!ended && read <= maxBytes && System.nanoTime() - deadlineNanos < 0) {
            // a parser may stop right after the document: one more read tells whether the answer is over
            ended = in.read() < 0;
        }
        if (ended) {
            in.close();
        } else {
            abort(null);
        }
    }

    private IOException abort(IOException why) {
        try {
            if (in instanceof EofSensorInputStream sensor) {
                sensor.abort();
            } else {
                in.close();
            }
        } catch (IOException ignored) {
            // the connection is being thrown away anyway
        }
        return why;
    }
}
