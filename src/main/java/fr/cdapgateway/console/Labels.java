package fr.cdapgateway.console;

import java.util.Locale;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/** The words a person reads for the codes the services use (messages.properties), from Java as the pages do. */
@Component
class Labels {

    private final MessageSource messages;

    Labels(MessageSource messages) {
        this.messages = messages;
    }

    /** The label of {@code prefix.code}, or the code itself when none is written. */
    String of(String prefix, Object code) {
        if (code == null) {
            return "—";
        }
        return messages.getMessage(prefix + "." + code, null, String.valueOf(code), Locale.FRANCE);
    }
}
