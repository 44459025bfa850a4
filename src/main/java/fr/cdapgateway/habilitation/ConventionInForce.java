package fr.cdapgateway.habilitation;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

import org.springframework.stereotype.Component;

import fr.cdapgateway.api.Account;
import fr.cdapgateway.api.GatewayRequest;
import fr.cdapgateway.api.Problem;
import fr.cdapgateway.api.ProblemException;
import fr.cdapgateway.config.CafCalendar;

/**
 * A partner acts only while its convention is in force (SPEC §8): before its start or after its end (a
 * resiliation), every consultation and partner admin call is refused. CAF admins are not bound to a convention.
 */
@Component("conventionInForce")
public class ConventionInForce {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/yyyy");

    private final HabilitationDirectory directory;
    private final CafCalendar calendar;

    ConventionInForce(HabilitationDirectory directory, CafCalendar calendar) {
        this.directory = directory;
        this.calendar = calendar;
    }

    /** After authentication: the caller's convention must be in force. */
    public void check(GatewayRequest request) {
        Account account = request.account();
        if (account != null) {
            require(account);
        }
    }

    /** The rule for an account: a partner's convention must be in force; a CAF admin has none. */
    public void require(Account account) {
        if (account.convention() != null) {
            directory.convention(account.convention()).ifPresent(this::require);
        }
    }

    /** The rule itself, for every path that acts for a partner (API routes and console alike). */
    public void require(Convention convention) {
        if (convention.inForceOn(calendar.today())) {
            return;
        }
        LocalDate today = calendar.today();
        String detail;
        if (convention.dateFin() != null && today.isAfter(convention.dateFin())) {
            detail = "La convention " + convention.numero() + " a pris fin le " + convention.dateFin().format(DAY)
                    + " : plus aucune consultation ni gestion n'est possible.";
        } else if (convention.dateDebut() != null && today.isBefore(convention.dateDebut())) {
            detail = "La convention " + convention.numero() + " n'entre en vigueur que le "
                    + convention.dateDebut().format(DAY) + ".";
        } else {
            detail = "L'accès de la convention " + convention.numero() + " n'est pas encore ouvert : la CAF l'ouvre "
                    + "une fois les interlocuteurs obligatoires de l'annexe 1 renseignés.";
        }
        throw new ProblemException(Problem.CONVENTION_INACTIVE, detail);
    }
}
