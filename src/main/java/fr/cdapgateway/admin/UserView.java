package fr.cdapgateway.admin;

import java.time.Instant;

import fr.cdapgateway.admin.store.UserStore.UserRecord;

/** An account as the admin API answers it and the console shows it (never its password's hash). */
public record UserView(String login, String nom, String prenom, String email, String fonction, String type,
                       String role, String convention, String numeroInstructeur, String statut,
                       boolean doitChangerMotDePasse, Instant derniereConnexion, Instant creeLe, Instant activeLe) {

    static UserView of(UserRecord u) {
        return new UserView(u.login(), u.nom(), u.prenom(), u.email(), u.fonction(), u.type(), u.role(),
                u.convention(), u.numeroInstructeur(), u.statut(), u.mustChangePassword(), u.lastLogin(),
                u.createdAt(), u.activatedAt());
    }
}
