package fr.cdapgateway.mail;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The demo's mail relay (SPEC §14.1): an embedded GreenMail SMTP server on 127.0.0.1 receives every mail the gateway
 * sends when no relay is named, so a newcomer can follow an activation link from the console's demo mailbox. Never
 * in production (GatewayModes turns it off with the prod profile or MAIL_HOST). The tests read it too: the mails they
 * check went over real SMTP.
 */
@Component
@ConditionalOnProperty(name = "gateway.mail.demo-server", havingValue = "true")
public class DemoMailServer implements DisposableBean {

    /** A mail as received, as a person would read it. */
    public record ReceivedMail(Instant recuLe, String destinataire, String sujet, String texte, String html) {
    }

    private final GreenMail greenMail;

    DemoMailServer(MailProperties properties) {
        greenMail = new GreenMail(new ServerSetup(properties.demoPort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
    }

    /** Every mail received, newest first. */
    public List<ReceivedMail> received() {
        List<ReceivedMail> mails = new ArrayList<>();
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            mails.add(read(message));
        }
        mails.sort(Comparator.comparing(ReceivedMail::recuLe).reversed());
        return mails;
    }

    /** The mails received by one address, oldest first. */
    public List<ReceivedMail> receivedBy(String address) {
        return received().stream().filter(m -> m.destinataire().equalsIgnoreCase(address))
                .sorted(Comparator.comparing(ReceivedMail::recuLe)).toList();
    }

    /** Stops accepting connections (an SMTP outage, for the tests); {@link #start()} brings it back. */
    public void stop() {
        greenMail.stop();
    }

    public void start() {
        greenMail.start();
    }

    @Override
    public void destroy() {
        greenMail.stop();
    }

    private static ReceivedMail read(MimeMessage message) {
        try {
            Instant at = message.getReceivedDate() != null ? message.getReceivedDate().toInstant()
                    : message.getSentDate() != null ? message.getSentDate().toInstant() : Instant.EPOCH;
            String[] to = message.getHeader("To");
            String[] bodies = new String[2];
            collect(message, bodies);
            return new ReceivedMail(at, to == null ? "" : to[0], message.getSubject(), bodies[0], bodies[1]);
        } catch (MessagingException | IOException e) {
            return new ReceivedMail(Instant.EPOCH, "", "(illisible)", "", "");
        }
    }

    private static void collect(Part part, String[] bodies) throws MessagingException, IOException {
        if (part.isMimeType("text/plain") && bodies[0] == null) {
            bodies[0] = (String) part.getContent();
        } else if (part.isMimeType("text/html") && bodies[1] == null) {
            bodies[1] = (String) part.getContent();
        } else if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                collect(body, bodies);
            }
        }
    }
}
