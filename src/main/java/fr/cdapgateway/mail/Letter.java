package fr.cdapgateway.mail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import fr.cdapgateway.mail.Recipients.Recipient;

/**
 * One mail to write to the outbox: to whom, about what, and what it says (SPEC §14.1).
 *
 * @param to         one person's address
 * @param subject    the subject line, in French
 * @param cause      why it is sent (ACTIVATION, VERROUILLAGE, ALERTE, MAINTENANCE...): listed to the CAF, never the body
 * @param caf        the CAF whose admins may list it
 * @param convention the convention it concerns, if any
 * @param template   {@code mail/<template>.txt} and {@code .html}
 * @param model      what the templates read; never a password, never an allocataire's data
 */
public record Letter(String to, String subject, String cause, String caf, String convention, String template,
                     Map<String, Object> model) {

    /** A letter of the house template: a greeting, paragraphs, at most one link, paragraphs after it. */
    public static Builder to(Recipient recipient) {
        return new Builder(recipient.email(), recipient.name().isBlank() ? null : recipient.name());
    }

    public static final class Builder {

        private final String to;
        private final String name;
        private String subject;
        private String cause;
        private String caf;
        private String convention;
        private final List<String> paragraphs = new ArrayList<>();
        private final List<String> after = new ArrayList<>();
        private String link;
        private String linkText;

        private Builder(String to, String name) {
            this.to = to;
            this.name = name;
        }

        public Builder about(String subjectLine, String why) {
            this.subject = subjectLine;
            this.cause = why;
            return this;
        }

        public Builder of(String cafCode, String conventionNumero) {
            this.caf = cafCode;
            this.convention = conventionNumero;
            return this;
        }

        public Builder says(String... text) {
            (link == null ? paragraphs : after).addAll(List.of(text));
            return this;
        }

        public Builder link(String url, String text) {
            this.link = url;
            this.linkText = text;
            return this;
        }

        public Letter build() {
            Map<String, Object> model = new HashMap<>();
            model.put("destinataire", name);
            model.put("paragraphes", List.copyOf(paragraphs));
            model.put("apres", List.copyOf(after));
            model.put("lien", link);
            model.put("lienTexte", linkText);
            return new Letter(to, subject, cause, caf, convention, "message", model);
        }
    }
}
