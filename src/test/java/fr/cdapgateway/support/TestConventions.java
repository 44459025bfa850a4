package fr.cdapgateway.support;

import static org.assertj.core.api.Assertions.assertThat;

import fr.cdapgateway.support.Api.Reply;

/** Conventions as the CAF brings them to life in the tests: the mandatory contacts of Annexe 1, then the opening. */
public final class TestConventions {

    /** The roles access cannot open without (SPEC §14.2), with fictional people. */
    public static final String MANDATORY_CONTACTS = """
            {"avenant":"initial","interlocuteurs":[
             {"cote":"PARTENAIRE","role":"ADMINISTRATEUR_PRINCIPAL","nom":"ROCHE","prenom":"Anne","email":"anne.roche@ccas.example"},
             {"cote":"PARTENAIRE","role":"RESPONSABLE_SECURITE","nom":"BLANC","prenom":"Paul","email":"paul.blanc@ccas.example"},
             {"cote":"PARTENAIRE","role":"RESPONSABLE_SERVICES","nom":"VIDAL","prenom":"Lise","email":"lise.vidal@ccas.example"},
             {"cote":"CAF","role":"RESPONSABLE_SECURITE","nom":"MARCHAND","prenom":"Éric","email":"eric.marchand@caf79.example"},
             {"cote":"CAF","role":"GUICHET","nom":"Guichet partenaires","email":"partenaires@caf79.example"}]}""";

    private TestConventions() {
    }

    /** The CAF admin records the mandatory contacts and opens access ({@code body}: the opening's, or null). */
    public static void openWithContacts(Api api, String numero, String cafAdmin, String password, String body) {
        Reply contacts = api.put("/api/v1/admin/conventions/" + numero + "/interlocuteurs", MANDATORY_CONTACTS)
                .as(cafAdmin, password).send();
        assertThat(contacts.status()).as(contacts.toString()).isEqualTo(200);
        Reply opened = api.post("/api/v1/admin/conventions/" + numero + "/ouverture", body).as(cafAdmin, password)
                .send();
        assertThat(opened.status()).as(opened.toString()).isEqualTo(200);
    }
}
