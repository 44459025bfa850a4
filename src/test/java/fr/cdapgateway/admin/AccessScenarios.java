package fr.cdapgateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import fr.cdapgateway.support.Api.Reply;

/** Who may see and change what: role × resource × own convention, other convention, other CAF. Run by {@link AdminH2IT} and {@link AdminPostgresIT}. */
interface AccessScenarios extends AdminSteps {

    // ---- access control: role x resource x own convention / other convention / other CAF ------------------

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
        // the CAF admin of the Deux-Sèvres sees everything of its CAF
        "caf79.admin     | GET | /conventions/79-2017-19                | 200",
        "caf79.admin     | GET | /conventions/79-2017-19/utilisateurs   | 200",
        "caf79.admin     | GET | /utilisateurs/niort.agent2             | 200",
        "caf79.admin     | GET | /conventions/79-2017-19/habilitations  | 200",
        "caf79.admin     | GET | /conventions/79-2017-19/groupes        | 200",
        "caf79.admin     | GET | /conventions/79-2017-19/demandes       | 200",
        "caf79.admin     | GET | /conventions/79-2017-19/revue          | 200",
        "caf79.admin     | GET | /revues                                | 200",
        // ...and nothing of another CAF's: it does not exist for it
        "caf79.admin     | GET | /conventions/2024-12                   | 404",
        "caf79.admin     | GET | /utilisateurs/cherbourg.agent1         | 404",
        "caf50.admin     | GET | /conventions/79-2017-19                | 404",
        "caf50.admin     | GET | /conventions/79-2017-19/utilisateurs   | 404",
        "caf50.admin     | GET | /utilisateurs/niort.agent2             | 404",
        "caf50.admin     | GET | /conventions/79-2017-19/habilitations  | 404",
        "caf50.admin     | GET | /conventions/2024-12                   | 200",
        // the convention's administrators read all of their convention, not the CAF's overview
        "niort.admin     | GET | /conventions/79-2017-19                | 200",
        "niort.admin     | GET | /conventions/79-2017-19/utilisateurs   | 200",
        "niort.admin     | GET | /utilisateurs/niort.agent2             | 200",
        "niort.admin     | GET | /conventions/79-2017-19/habilitations  | 200",
        "niort.admin     | GET | /conventions/79-2017-19/revue          | 200",
        "niort.admin     | GET | /revues                                | 403",
        "niort.suppleant | GET | /conventions/79-2017-19/revue          | 200",
        "niort.suppleant | GET | /conventions/79-2017-19/demandes       | 200",
        // a delegated manager manages accounts and habilitations, not the review
        "niort.gestion   | GET | /conventions/79-2017-19/utilisateurs   | 200",
        "niort.gestion   | GET | /conventions/79-2017-19/habilitations  | 200",
        "niort.gestion   | GET | /conventions/79-2017-19/groupes        | 200",
        "niort.gestion   | GET | /conventions/79-2017-19/revue          | 403",
        "niort.gestion   | GET | /revues                                | 403",
        // another convention, same CAF or not: 404, never 403
        "niort.gestion   | GET | /conventions/79-DEMO-RSA               | 404",
        "niort.gestion   | GET | /utilisateurs/dep79.social             | 404",
        "dep79.admin     | GET | /conventions/79-2017-19                | 404",
        "dep79.admin     | GET | /conventions/79-2017-19/utilisateurs   | 404",
        "dep79.admin     | GET | /utilisateurs/niort.agent2             | 404",
        "cherbourg.admin | GET | /conventions/79-2017-19                | 404",
        "cherbourg.admin | GET | /conventions/79-2017-19/habilitations  | 404",
        "cherbourg.admin | GET | /utilisateurs/niort.agent2             | 404",
        "cherbourg.admin | GET | /conventions/79-2017-19/revue          | 404",
        // a plain user has no admin rights at all, even on its own convention
        "niort.agent1    | GET | /conventions/79-2017-19                | 403",
        "niort.agent1    | GET | /conventions                           | 403",
        "niort.agent1    | GET | /utilisateurs/niort.agent1             | 403",
        "niort.agent1    | GET | /revues                                | 403",
    })
    default void whoSeesWhat(String caller, String method, String path, int expected) {
        Reply reply = api().call(method, ADMIN + path, null).as(caller, DEMO).send();

        assertThat(reply.status()).as(reply.toString()).isEqualTo(expected);
        if (expected >= 400) {
            assertThat(reply.code()).isEqualTo(expected == 404 ? "not-found" : "forbidden");
        }
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {4}")
    @CsvSource(delimiter = '|', value = {
        // only the CAF changes a convention, only within its CAF
        "niort.admin     | PATCH  | /conventions/79-2017-19                  | {\"mode\":\"CENTRALISE\"}           | 403",
        "niort.gestion   | PATCH  | /conventions/79-2017-19                  | {\"services\":{\"CDAP\":{\"T2\":99}}} | 403",
        "caf50.admin     | PATCH  | /conventions/79-2017-19                  | {\"mode\":\"CENTRALISE\"}           | 404",
        "niort.admin     | POST   | /conventions                             | {\"numero\":\"X-1\",\"caf\":\"791\",\"partenaire\":{\"nom\":\"X\"}} | 403",
        "caf79.admin     | POST   | /conventions                             | {\"numero\":\"X-2\",\"caf\":\"501\",\"partenaire\":{\"nom\":\"X\"}} | 403",
        // managers never create administrators; only the CAF does
        "niort.gestion   | POST   | /conventions/79-2017-19/utilisateurs     | {\"login\":\"x.admin1\",\"nom\":\"X\",\"prenom\":\"Y\",\"email\":\"x.y@niort.example\",\"role\":\"ADMIN_PRINCIPAL\",\"motDePasseInitial\":\"Initial-Niort-2026-x\"} | 403",
        "niort.gestion   | POST   | /conventions/79-2017-19/utilisateurs     | {\"login\":\"x.gest1\",\"nom\":\"X\",\"prenom\":\"Y\",\"email\":\"x.y@niort.example\",\"role\":\"GESTIONNAIRE\",\"motDePasseInitial\":\"Initial-Niort-2026-x\"} | 403",
        "niort.admin     | POST   | /conventions/79-2017-19/utilisateurs     | {\"login\":\"x.admin2\",\"nom\":\"X\",\"prenom\":\"Y\",\"email\":\"x.y@niort.example\",\"role\":\"ADMIN_SUPPLEANT\",\"motDePasseInitial\":\"Initial-Niort-2026-x\"} | 403",
        "niort.admin     | POST   | /conventions/79-2017-19/utilisateurs     | {\"login\":\"x.caf1\",\"nom\":\"X\",\"prenom\":\"Y\",\"email\":\"x.y@niort.example\",\"role\":\"CAF_ADMIN\",\"motDePasseInitial\":\"Initial-Niort-2026-x\"} | 403",
        "cherbourg.admin | POST   | /conventions/79-2017-19/utilisateurs     | {\"login\":\"x.u1\",\"nom\":\"X\",\"prenom\":\"Y\",\"email\":\"x.y@niort.example\",\"motDePasseInitial\":\"Initial-Niort-2026-x\"} | 404",
        // nobody raises their own rights or manages their own rank
        "niort.gestion   | PATCH  | /utilisateurs/niort.gestion              | {\"role\":\"ADMIN_PRINCIPAL\"}      | 403",
        "niort.suppleant | PATCH  | /utilisateurs/niort.admin                | {\"nom\":\"AUTRE\"}                  | 403",
        "niort.gestion   | DELETE | /utilisateurs/niort.admin                |                                   | 403",
        "niort.gestion   | POST   | /utilisateurs/niort.agent2/suspension    |                                   | 403",
        "niort.agent1    | POST   | /utilisateurs/niort.agent2/suspension    |                                   | 403",
        "cherbourg.admin | POST   | /utilisateurs/niort.agent2/suspension    |                                   | 404",
        "dep79.admin     | POST   | /utilisateurs/niort.agent2/deverrouillage |                                  | 404",
        "cherbourg.admin | DELETE | /utilisateurs/niort.agent2               |                                   | 404",
        "niort.admin     | POST   | /utilisateurs/caf79.admin/suspension     |                                   | 404",
        // habilitations and requests
        "cherbourg.admin | POST   | /conventions/79-2017-19/habilitations    | {\"utilisateur\":\"niort.agent2\",\"profil\":\"T2\"} | 404",
        "niort.gestion   | POST   | /conventions/79-2017-19/habilitations    | {\"utilisateur\":\"niort.agent2\",\"profil\":\"T1\"} | 403",
        "niort.gestion   | POST   | /habilitations/1/suspension              |                                   | 403",
        "cherbourg.admin | DELETE | /habilitations/1                         |                                   | 404",
        "niort.agent1    | DELETE | /habilitations/1                         |                                   | 403",
        "niort.admin     | POST   | /conventions/79-2017-19/revue            | {\"decisions\":[{\"habilitation\":999999,\"decision\":\"RETIRER\"}]} | 400",
        "niort.gestion   | POST   | /conventions/79-2017-19/revue            | {\"decisions\":[]}                   | 403",
        "caf79.admin     | POST   | /conventions/79-2017-19/revue            | {\"decisions\":[]}                   | 403",
    })
    default void whoChangesWhat(String caller, String method, String path, String body, int expected) {
        String id = "adm-" + UUID.randomUUID();
        Reply reply = api().call(method, ADMIN + path, body).as(caller, DEMO).requestId(id).send();

        assertThat(reply.status()).as(reply.toString()).isEqualTo(expected);
        Map<String, Object> trace = trace(id);
        assertThat(trace).containsEntry("utilisateur", caller).containsEntry("statut", expected);
        assertThat((String) trace.get("action")).startsWith("ADMIN_");
    }
}
