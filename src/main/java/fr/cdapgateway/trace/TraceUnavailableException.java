package fr.cdapgateway.trace;

/** The trace could not be committed: the request must not be answered with data (SPEC §9, fail closed). */
public class TraceUnavailableException extends RuntimeException {

    public TraceUnavailableException(String message) {
        super(message, null, false, false);
    }
}
