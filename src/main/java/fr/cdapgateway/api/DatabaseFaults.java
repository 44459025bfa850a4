package fr.cdapgateway.api;

import java.sql.SQLException;

import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;

/** Tells a fault of the gateway's own database (unreachable, pool exhausted, lock timeout) from any other. */
public final class DatabaseFaults {

    private DatabaseFaults() {
    }

    public static boolean in(Throwable caught) {
        for (Throwable t = caught; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DataAccessException || t instanceof SQLException || t instanceof TransactionException) {
                return true;
            }
        }
        return false;
    }
}
