package fr.cdapgateway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class MaintenanceIcsTest {

    @Test
    void longLinesAreFoldedAt75OctetsNeverInsideACharacter() {
        StringBuilder ics = new StringBuilder();
        MaintenanceIcs.line(ics, "DESCRIPTION:" + "é".repeat(100));

        String[] lines = ics.toString().split("\r\n");
        assertThat(lines.length).isGreaterThan(2);
        for (String line : lines) {
            assertThat(line.getBytes(StandardCharsets.UTF_8).length).as(line).isLessThanOrEqualTo(75);
        }
        assertThat(ics.toString().replace("\r\n ", "")).isEqualTo("DESCRIPTION:" + "é".repeat(100) + "\r\n");
    }

    @Test
    void textValuesEscapeWhatRfc5545Reserves() {
        assertThat(MaintenanceIcs.text("a, b; c\\d\ne")).isEqualTo("a\\, b\\; c\\\\d\\ne");
    }
}
