package fr.cdapgateway.habilitation;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import fr.cdapgateway.api.Account;
import fr.cdapgateway.api.Profile;
import fr.cdapgateway.config.CafCalendar;
import fr.cdapgateway.throttle.Throttle;

/** {@code GET /api/v1/moi}: the authenticated user, their convention and their habilitations. */
@Component("whoAmI")
public class WhoAmI {

    private final HabilitationDirectory directory;
    private final ProfileCatalog catalog;
    private final CafCalendar calendar;
    private final Throttle throttle;

    WhoAmI(HabilitationDirectory directory, ProfileCatalog catalog, CafCalendar calendar, Throttle throttle) {
        this.directory = directory;
        this.catalog = catalog;
        this.calendar = calendar;
        this.throttle = throttle;
    }

    /** {@code GET /api/v1/moi}: the account, its convention, its active habilitations and what is left of its limits. */
    public Map<String, Object> describe(Account account) {
        LocalDate today = calendar.today();
        Map<String, Object> me = new LinkedHashMap<>();
        me.put("login", account.login());
        me.put("nom", account.nom());
        me.put("prenom", account.prenom());
        me.put("role", account.role());
        me.put("caf", account.caf());
        me.put("convention", directory.convention(account.convention()).map(WhoAmI::convention).orElse(null));
        me.put("doitChangerMotDePasse", account.mustChangePassword());
        List<Map<String, Object>> habilitations = directory.habilitationsOf(account.id()).stream()
                .filter(h -> h.activeOn(today))
                .map(this::habilitation)
                .toList();
        me.put("habilitations", habilitations);
        me.put("quotas", throttle.remaining(account));
        return me;
    }

    private static Map<String, Object> convention(Convention convention) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("numero", convention.numero());
        view.put("partenaire", convention.partenaireNom());
        view.put("mode", convention.mode());
        view.put("motifs", convention.motifs());
        return view;
    }

    private Map<String, Object> habilitation(Habilitation habilitation) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", habilitation.id());
        view.put("service", habilitation.service());
        view.put("profil", habilitation.profil());
        view.put("libelle", catalog.find(habilitation.profil()).map(Profile::libelle).orElse(null));
        view.put("dateDebut", habilitation.dateDebut());
        view.put("dateFin", habilitation.dateFin());
        return view;
    }
}
