package fr.cdapgateway.admin;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

import fr.cdapgateway.api.ProblemException;
import fr.cdapgateway.auth.PasswordHasher;
import fr.cdapgateway.auth.PasswordPolicy;
import fr.cdapgateway.config.CommandContext;
import fr.cdapgateway.config.SqlTime;
import fr.cdapgateway.trace.TraceRecorder;

/**
 * {@code java -jar cdap-gateway.jar create-caf-admin --login L --caf 791 --nom N --prenom P --email E}: creates
 * the first CAF administrator of an empty production database (SPEC §3). The password is read from
 * {@code GATEWAY_ADMIN_PASSWORD} or standard input, never from the command line (it would show in `ps`).
 * Starts the application without its servers and routes; exits 0 on success, 1 on refusal, 2 on bad usage.
 */
public final class CafAdminCommand {

    public static final String NAME = "create-caf-admin";
    private static final String USAGE = "usage: create-caf-admin --login L --caf 791 --nom N --prenom P --email E"
            + "  (password from GATEWAY_ADMIN_PASSWORD or standard input)";

    private CafAdminCommand() {
    }

    public static int run(CommandContext contexts, String[] args, Map<String, Object> properties,
                          String passwordFromEnvironment, InputStream stdin, PrintStream out) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                break;
            }
            options.put(args[i].substring(2), args[i + 1]);
        }
        for (String required : new String[] {"login", "caf", "nom", "prenom", "email"}) {
            if (options.get(required) == null) {
                out.println(USAGE);
                return 2;
            }
        }
        if (!options.get("caf").matches("[0-9]{3}")) {
            out.println("--caf: the 3-digit number of the CAF (791 for the Deux-Sèvres)");
            return 2;
        }
        String password = passwordFromEnvironment != null ? passwordFromEnvironment : readPassword(stdin, out);
        if (password == null || password.isEmpty()) {
            out.println("no password: set GATEWAY_ADMIN_PASSWORD or type it on standard input");
            return 2;
        }
        try (ConfigurableApplicationContext context = contexts.start(properties)) {
            return create(context, options, password, out);
        }
    }

    private static int create(ConfigurableApplicationContext context, Map<String, String> o, String password,
                              PrintStream out) {
        JdbcClient jdbc = context.getBean(JdbcClient.class);
        try {
            String login = IdentityRules.login(o.get("login"));
            String nom = IdentityRules.name(o.get("nom"), "nom");
            String prenom = IdentityRules.name(o.get("prenom"), "prenom");
            String email = IdentityRules.email(o.get("email"));
            context.getBean(PasswordPolicy.class).refusal(login, password).ifPresent(reason -> {
                throw new IllegalArgumentException(reason);
            });
            boolean taken = jdbc.sql("select count(*) from utilisateur where lower(login) = lower(:login)")
                    .param("login", login).query(Integer.class).single() > 0;
            if (taken) {
                out.println("refused: the login " + login + " is taken");
                return 1;
            }
            var now = SqlTime.utc(context.getBean(Clock.class).instant());
            jdbc.sql("""
                    insert into utilisateur (login, caf, convention, nom, prenom, email, type, role, mot_de_passe_hash,
                                             mot_de_passe_change_le, doit_changer_mot_de_passe, cree_le, cree_par,
                                             active_le)
                    values (:login, :caf, null, :nom, :prenom, :email, 'PERSONNE', 'CAF_ADMIN', :hash, :now, false,
                            :now, 'create-caf-admin', :now)""")
                    .param("login", login).param("caf", o.get("caf")).param("nom", nom).param("prenom", prenom)
                    .param("email", email).param("hash", context.getBean(PasswordHasher.class).hash(password))
                    .param("now", now)
                    .update();
            context.getBean(HistoryLog.class).record("create-caf-admin", null, HistoryLog.Kind.UTILISATEUR, login,
                    "CREATION", "role CAF_ADMIN, caf " + o.get("caf"));
            context.getBean(TraceRecorder.class).recordInternal("CREATION_ADMIN_CAF", "utilisateur:" + login);
            out.println("created CAF administrator " + login + " (CAF " + o.get("caf") + ")");
            return 0;
        } catch (ProblemException | IllegalArgumentException e) {
            out.println("refused: " + e.getMessage());
            return 1;
        }
    }

    private static String readPassword(InputStream stdin, PrintStream out) {
        Console console = System.console();
        if (console != null && stdin == System.in) {
            char[] typed = console.readPassword("password of the new CAF administrator: ");
            return typed == null ? null : new String(typed);
        }
        try {
            return new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
        } catch (IOException e) {
            out.println("cannot read the password: " + e.getMessage());
            return null;
        }
    }
}
