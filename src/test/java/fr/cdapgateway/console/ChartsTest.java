package fr.cdapgateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import fr.cdapgateway.console.Charts.Figure;

class ChartsTest {

    @Test
    void columnsAreScaledToTheLargestAndStandOnTheAxis() {
        Charts.Chart chart = Charts.columns("c", "t", "d", List.of(new Figure("a", 10), new Figure("b", 5),
                new Figure("c", 0)));
        Charts.Bar tallest = chart.bars().get(0);
        Charts.Bar half = chart.bars().get(1);
        assertThat(half.h() * 2).isBetween(tallest.h() - 1, tallest.h() + 1);
        assertThat(tallest.y() + tallest.h()).isEqualTo(chart.axisY1());
        assertThat(half.y() + half.h()).isEqualTo(chart.axisY1());
        assertThat(chart.bars().get(2).h()).isZero();
        assertThat(tallest.x() + tallest.w()).isLessThan(half.x());
        assertThat(chart.empty()).isFalse();
    }

    @Test
    void rowsMayBeScaledToAQuotaAndNeverOverflow() {
        Charts.Chart chart = Charts.rows("q", "t", "d", List.of(new Figure("T2", 5, "5 / 10"),
                new Figure("T1", 12, "12 / 10")), 10);
        assertThat(chart.bars().get(0).w() * 2).isEqualTo(chart.bars().get(1).w());
        assertThat(chart.bars().get(0).shown()).isEqualTo("5 / 10");
        assertThat(chart.bars().get(1).valueX()).isLessThan(chart.width());
    }

    @Test
    void aChartOfZerosIsEmpty() {
        assertThat(Charts.rows("r", "t", "d", List.of(new Figure("x", 0)), 0).empty()).isTrue();
        assertThat(Charts.columns("r", "t", "d", List.of()).empty()).isTrue();
    }
}
