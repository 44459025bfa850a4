package fr.cdapgateway.alert;

/** What a rule that detects something needs of the alerts: one more occurrence of one kind. */
@FunctionalInterface
public interface AlertRaiser {

    /** @return whether this occurrence opened a new alert */
    boolean raise(AlertType type, String caf, String convention, String login);
}
