package fr.cdapgateway.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import fr.cdapgateway.CdapGatewayApplication;

/** The command that creates the first CAF administrator of an empty production database. */
class CafAdminCommandIT {

    private final String url = "jdbc:h2:mem:cli-" + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    private int run(String password, String stdin, String... args) {
        return CafAdminCommand.run(CdapGatewayApplication::commandContext, args, Map.of("spring.datasource.url", url, "spring.datasource.username", "sa"),
                password, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(output, true, StandardCharsets.UTF_8));
    }

    @Test
    void createsTheFirstCafAdministratorWithoutDemoDataAndTracesIt() throws Exception {
        int created = run(null, "Premier-Admin-Caf-2026\n", "--login", "caf79.premier", "--caf", "791", "--nom",
                "ROUSSEAU", "--prenom", "Anne", "--email", "anne.rousseau@caf79.example");
        int again = run("Premier-Admin-Caf-2026", "", "--login", "caf79.premier", "--caf", "791", "--nom", "X",
                "--prenom", "Y", "--email", "x.y@caf79.example");
        int weak = run("password1234", "", "--login", "caf79.second", "--caf", "791", "--nom", "X", "--prenom", "Y",
                "--email", "x.y@caf79.example");
        int generic = run("Premier-Admin-Caf-2026", "", "--login", "caf79.third", "--caf", "791", "--nom", "X",
                "--prenom", "Y", "--email", "contact@caf79.example");
        int usage = run("Premier-Admin-Caf-2026", "", "--login", "caf79.fourth");

        assertThat(created).as(output.toString()).isZero();
        assertThat(again).isEqualTo(1);
        assertThat(weak).isEqualTo(1);
        assertThat(generic).isEqualTo(1);
        assertThat(usage).isEqualTo(2);
        assertThat(output.toString()).doesNotContain("Premier-Admin-Caf-2026");
        try (var connection = DriverManager.getConnection(url, "sa", "");
             ResultSet rs = connection.createStatement().executeQuery(
                     "select role, caf, mot_de_passe_hash, (select count(*) from utilisateur) total, "
                             + "(select count(*) from trace where action = 'CREATION_ADMIN_CAF') traces "
                             + "from utilisateur where login = 'caf79.premier'")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("role")).isEqualTo("CAF_ADMIN");
            assertThat(rs.getString("caf")).isEqualTo("791");
            assertThat(rs.getString("mot_de_passe_hash")).startsWith("$argon2id$");
            assertThat(rs.getInt("total")).as("no demo account").isEqualTo(1);
            assertThat(rs.getInt("traces")).isEqualTo(1);
        }
    }
}
