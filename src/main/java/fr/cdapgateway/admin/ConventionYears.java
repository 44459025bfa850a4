package fr.cdapgateway.admin;

import java.time.LocalDate;

/**
 * The convention's calendar (art. 17.1 and 17.2), plain dates: one-year terms from the signature, tacitly renewed;
 * a resiliation takes effect no sooner than 3 months after its letter is received (1 month for a breach).
 */
public final class ConventionYears {

    /** Notice of a resiliation by the will of one party, in months from the letter's receipt. */
    public static final int NOTICE_MONTHS = 3;
    /** Notice of a resiliation for a breach of obligations, in months from the letter's receipt. */
    public static final int BREACH_NOTICE_MONTHS = 1;

    private ConventionYears() {
    }

    /** The next anniversary on or after {@code today} (never the base day itself): the term's end, tacitly renewed. */
    public static LocalDate nextAnniversary(LocalDate base, LocalDate today) {
        if (base == null) {
            return null;
        }
        LocalDate next = base.plusYears(1);
        while (next.isBefore(today)) {
            next = base.plusYears(next.getYear() - base.getYear() + 1L);
        }
        return next;
    }

    /** The first day of the convention year that starts on the anniversary falling in {@code year}. */
    public static LocalDate yearStart(LocalDate base, int year) {
        return base.plusYears((long) year - base.getYear());
    }

    /** The day after the last day of that convention year. */
    public static LocalDate yearEnd(LocalDate base, int year) {
        return base.plusYears((long) year + 1 - base.getYear());
    }

    /** The earliest effect a resiliation of this type may have for a letter received that day. */
    public static LocalDate earliestEffect(String type, LocalDate letterReceived) {
        return letterReceived.plusMonths("MANQUEMENT".equals(type) ? BREACH_NOTICE_MONTHS : NOTICE_MONTHS);
    }
}
