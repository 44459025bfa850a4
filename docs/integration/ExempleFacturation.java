/*
 * Exemple d'intégration d'un logiciel de facturation avec cdap-gateway, en Java 11 sans aucune bibliothèque :
 * le quotient familial d'une famille, puis un lot de rentrée. Voir docs/integration.md.
 *
 * Lancer contre la démo (mvn spring-boot:run) :
 *   java docs/integration/ExempleFacturation.java http://localhost:8080 niort.agent1 'Demo-Cdap-2026!'
 *
 * L'application envoie l'identifiant et le mot de passe PERSONNELS de l'agent qui facture, jamais un compte
 * partagé ou technique (refusé : 403 automation-without-user-identity). Le mot de passe vient de l'agent (saisie,
 * coffre de l'application), jamais d'un fichier de configuration commun.
 */
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class ExempleFacturation {

    private static final int MAX_TENTATIVES = 3;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;
    private final String authorization;

    ExempleFacturation(String base, String identifiant, String motDePasse) {
        this.base = base;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((identifiant + ":" + motDePasse).getBytes(StandardCharsets.UTF_8));
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            System.err.println("usage : java ExempleFacturation.java <url> <identifiant> <mot de passe>");
            System.exit(2);
        }
        ExempleFacturation client = new ExempleFacturation(args[0], args[1], args[2]);

        // 1. Une famille, pour le tarif de la cantine : le quotient familial du mois courant
        Reponse une = client.appeler("GET", "/api/v1/dossiers/1000042/quotient-familial", null);
        if (une.statut == 200) {
            System.out.println("QF 1000042 : " + champ(une.corps, "valeur") + " (" + champ(une.corps, "statut") + ")");
        } else {
            client.expliquer(une);
        }

        // 2. Le lot de rentrée : 100 numéros au plus par appel, un résultat par numéro
        String lot = "{\"numerosAllocataires\":[\"1000042\",\"1000043\",\"9999001\",\"1234567\"]}";
        Reponse rentree = client.appeler("POST", "/api/v1/quotients-familiaux", lot);
        if (rentree.statut == 200) {
            Matcher resultat = Pattern.compile("\\{\"numeroAllocataire\":\"([0-9]{7})\",\"statut\":([0-9]{3})")
                    .matcher(rentree.corps);
            while (resultat.find()) {
                System.out.println("lot " + resultat.group(1) + " : " + resultat.group(2));
            }
        } else {
            client.expliquer(rentree);
        }
    }

    /** Un appel, avec son propre X-Request-ID, réessayé après Retry-After sur 429 et 503 (au plus 3 fois). */
    Reponse appeler(String methode, String chemin, String json) throws IOException, InterruptedException {
        String requestId = "facturation-" + UUID.randomUUID();
        for (int tentative = 1; ; tentative++) {
            HttpRequest.Builder requete = HttpRequest.newBuilder(URI.create(base + chemin))
                    .timeout(Duration.ofSeconds(30))
                    .header("Authorization", authorization)
                    .header("X-Motif", "RESTAURATION_SCOLAIRE")
                    .header("X-Request-ID", requestId)
                    .header("Accept", "application/json");
            if (json != null) {
                requete.header("Content-Type", "application/json")
                        .method(methode, HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
            } else {
                requete.method(methode, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> reponse = http.send(requete.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            Reponse lue = new Reponse(reponse.statusCode(), reponse.body(),
                    reponse.headers().firstValue("X-Request-ID").orElse(requestId),
                    reponse.headers().firstValue("Retry-After").map(Long::parseLong).orElse(-1L));
            boolean passager = lue.statut == 429 || lue.statut == 503;
            if (!passager || lue.retryAfter < 0 || lue.retryAfter > 60 || tentative == MAX_TENTATIVES) {
                return lue;
            }
            Thread.sleep(lue.retryAfter * 1000);
        }
    }

    /** Que faire de chaque problème (RFC 9457) : le code est stable, le titre est pour l'agent. */
    void expliquer(Reponse reponse) {
        String code = champ(reponse.corps, "code");
        String titre = champ(reponse.corps, "title");
        String action;
        switch (code == null ? "" : code) {
            case "credentials-invalid":
            case "credentials-missing":
                action = "redemander son mot de passe à l'agent (10 échecs de suite verrouillent le compte, qui répond "
                        + "alors de même : son gestionnaire le déverrouille)";
                break;
            case "password-change-required":
                action = "l'agent doit d'abord changer son mot de passe (PUT /api/v1/moi/mot-de-passe)";
                break;
            case "account-suspended":
            case "account-devalidated":
            case "no-habilitation":
                action = "voir l'administrateur des habilitations de la convention";
                break;
            case "dossier-not-found":
                action = "vérifier le numéro allocataire avec la famille";
                break;
            case "rate-limited":
            case "quota-exceeded":
                action = "réessayer après Retry-After ; le quota du jour repart à minuit";
                break;
            case "maintenance":
            case "backend-unavailable":
            case "backend-timeout":
            case "trace-unavailable":
                action = "réessayer plus tard ; le service est momentanément indisponible";
                break;
            default:
                action = "signaler au support";
        }
        System.out.println("refus " + reponse.statut + " " + code + " (" + titre + ") : " + action
                + " -- référence à citer au support : " + reponse.requestId);
    }

    /** La valeur d'un champ simple d'un document JSON (exemple sans bibliothèque ; utilisez Jackson en vrai). */
    static String champ(String json, String nom) {
        Matcher m = Pattern.compile("\"" + Pattern.quote(nom) + "\":(\"((?:[^\"\\\\]|\\\\.)*)\"|[-0-9.]+|null)")
                .matcher(json == null ? "" : json);
        if (!m.find() || m.group(1).equals("null")) {
            return null;
        }
        return m.group(2) != null ? m.group(2) : m.group(1);
    }

    static final class Reponse {
        final int statut;
        final String corps;
        final String requestId;
        final long retryAfter;

        Reponse(int statut, String corps, String requestId, long retryAfter) {
            this.statut = statut;
            this.corps = corps;
            this.requestId = requestId;
            this.retryAfter = retryAfter;
        }
    }
}
