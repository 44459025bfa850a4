package fr.cdapgateway.simulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Deterministic synthetic dossiers for the CDAP simulator (SPEC §5): the same number gives the same family on
 * every run, with dates relative to today. Fictional people only. Dossiers 1000000-1099999 exist (the lower
 * half at the CAF des Deux-Sèvres, the upper half at the CAF de la Manche), plus the fixed cases 9999xxx.
 */
public final class DossierGenerator {

    static final int FIRST = 1_000_000;
    static final int LAST = 1_099_999;
    static final int HISTORY_MONTHS = 24;

    private static final String[] NOMS = {"BERNARD", "DUBOIS", "THOMAS", "ROBERT", "RICHARD", "PETIT", "DURAND",
        "LEROY", "MOREAU", "LAURENT", "GARCIA", "DAVID", "BERTRAND", "ROUX", "VINCENT", "FOURNIER", "MOREL",
        "GIRARD", "ANDRE", "MERCIER", "BLANC", "GUERIN", "BOYER", "GARNIER", "CHEVALIER", "LEGRAND", "GAUTHIER",
        "PERRIN", "ROBIN", "CLEMENT", "MORIN", "HENRY", "ROUSSEL", "MASSON", "MARCHAND", "DUVAL", "DENIS",
        "DUMONT", "LEMAIRE", "NOEL", "MEYER", "DUFOUR", "MEUNIER", "BRUN", "BLANCHARD", "GIRAUD", "JOLY",
        "RIVIERE", "BRUNET", "GAILLARD", "BARBIER", "ARNAUD"};
    private static final String[] PRENOMS_F = {"CLAIRE", "SOPHIE", "SANDRINE", "CELINE", "AURELIE", "JULIE",
        "CAROLINE", "STEPHANIE", "EMILIE", "AUDREY", "LAETITIA", "ELODIE", "MARION", "PAULINE"};
    private static final String[] PRENOMS_H = {"STEPHANE", "FREDERIC", "SEBASTIEN", "JULIEN", "OLIVIER",
        "LAURENT", "MATHIEU", "VINCENT", "JEROME", "CEDRIC", "ANTOINE", "MAXIME", "FABIEN", "YANNICK"};
    private static final String[] ENFANTS_F = {"EMMA", "LOUISE", "JADE", "ALICE", "CHLOE", "LINA", "MILA",
        "ANNA", "LEA", "ZOE", "INES", "LENA"};
    private static final String[] ENFANTS_H = {"LEO", "GABRIEL", "RAPHAEL", "LOUIS", "ARTHUR", "JULES", "ADAM",
        "MAEL", "HUGO", "NATHAN", "PAUL", "TIMEO"};
    private static final String[] VOIES = {"RUE DES LILAS", "AVENUE DE LA REPUBLIQUE", "RUE VICTOR HUGO",
        "CHEMIN DES VIGNES", "PLACE DE LA MAIRIE", "RUE DU MOULIN", "IMPASSE DES ROSES", "RUE JEAN JAURES",
        "ALLEE DES CHENES", "RUE DE LA GARE"};
    private static final String[] VILLES_79 = {"79000 NIORT", "79100 THOUARS", "79300 BRESSUIRE",
        "79400 SAINT-MAIXENT-L'ECOLE", "79500 MELLE", "79410 ECHIRE", "79180 CHAURAY"};
    private static final String[] VILLES_50 = {"50100 CHERBOURG-EN-COTENTIN", "50000 SAINT-LO",
        "50300 AVRANCHES", "50400 GRANVILLE", "50200 COUTANCES"};
    private static final String[] COUPLE = {"MARIE", "PACSE", "VIE_MARITALE"};
    private static final String[] SEUL = {"CELIBATAIRE", "DIVORCE", "SEPARE", "VEUF"};

    enum Qf { CALCULE, NON_CONNU, SANS_DROIT }

    enum Rsa { NEVER, OPEN, ENDED_18_MONTHS, ENDED_30_MONTHS, GENERATED }

    private DossierGenerator() {
    }

    /** The dossier of that number as of {@code today}, or empty when the CDAP knows no such dossier. */
    public static Optional<Map<String, Object>> dossier(String numero, LocalDate today) {
        return switch (numero) {
            case "1000042" -> Optional.of(showcase(today));
            case "9999001" -> Optional.of(family(numero, today, Qf.NON_CONNU, Rsa.NEVER));
            case "9999002" -> Optional.of(family(numero, today, Qf.SANS_DROIT, Rsa.NEVER));
            case "9999101" -> Optional.of(family(numero, today, Qf.CALCULE, Rsa.OPEN));
            case "9999102" -> Optional.of(family(numero, today, Qf.CALCULE, Rsa.ENDED_18_MONTHS));
            case "9999103" -> Optional.of(family(numero, today, Qf.CALCULE, Rsa.ENDED_30_MONTHS));
            case "9999104" -> Optional.of(family(numero, today, Qf.CALCULE, Rsa.NEVER));
            default -> {
                int value = Integer.parseInt(numero);
                yield value >= FIRST && value <= LAST
                        ? Optional.of(family(numero, today, Qf.CALCULE, Rsa.GENERATED)) : Optional.empty();
            }
        };
    }

    /** Dossier 1000042, exactly the family of the SPEC's examples. */
    private static Map<String, Object> showcase(LocalDate today) {
        Map<String, Object> dossier = new LinkedHashMap<>();
        dossier.put("numeroAllocataire", "1000042");
        dossier.put("caf", "791");
        dossier.put("dateMiseAJour", today.withDayOfMonth(1).toString());
        dossier.put("allocataires", List.of(person("2850375123456", "MARTIN", "DURAND", "CLAIRE",
                LocalDate.of(1985, 3, 12), "F")));
        Map<String, Object> leo = child("DURAND", "LEO", LocalDate.of(2016, 4, 11), "M");
        dossier.put("enfants", List.of(leo));
        dossier.put("adresse", address("MME CLAIRE DURAND", "12 RUE DES LILAS", "79000 NIORT"));
        dossier.put("situationFamiliale", "MARIE");
        dossier.put("quotientsFamiliaux", history(today, Qf.CALCULE, 645, 0));
        dossier.put("ressources", resources(today, new BigDecimal("28450.00")));
        dossier.put("prestations", List.of(benefit("AF", "Allocations familiales", "148.52",
                LocalDate.of(2017, 1, 1), null)));
        dossier.put("rsa", rsa(false, null, null, null, null));
        return dossier;
    }

    private static Map<String, Object> family(String numero, LocalDate today, Qf qf, Rsa rsa) {
        SplittableRandom random = new SplittableRandom(Long.parseLong(numero) * 7919L);
        boolean manche = numero.startsWith("10") && Integer.parseInt(numero) >= 1_050_000;
        boolean couple = random.nextInt(100) < 60;
        String nom = pick(random, NOMS);
        LocalDate motherBirth = today.minusYears(25 + random.nextInt(25)).minusDays(random.nextInt(365));
        String mere = pick(random, PRENOMS_F);
        List<Map<String, Object>> allocataires = new ArrayList<>();
        String nomNaissanceMere = couple ? pick(random, NOMS) : nom;
        allocataires.add(person(nir(random, "2", motherBirth), nomNaissanceMere, couple ? nom : null, mere,
                motherBirth, "F"));
        if (couple) {
            LocalDate fatherBirth = motherBirth.minusYears(random.nextInt(5)).minusDays(random.nextInt(365));
            allocataires.add(person(nir(random, "1", fatherBirth), nom, null, pick(random, PRENOMS_H),
                    fatherBirth, "M"));
        }
        int childCount = random.nextInt(5);
        List<Map<String, Object>> enfants = new ArrayList<>();
        for (int i = 0; i < childCount; i++) {
            boolean girl = random.nextBoolean();
            LocalDate birth = today.minusYears(random.nextInt(Math.min(18, motherBirth.until(today).getYears() - 19)))
                    .minusDays(random.nextInt(365));
            enfants.add(child(nom, pick(random, girl ? ENFANTS_F : ENFANTS_H), birth, girl ? "F" : "M"));
        }
        int quotient = 300 + random.nextInt(1500);
        double parts = (couple ? 2 : 1.5) + childCount * 0.5;
        Map<String, Object> dossier = new LinkedHashMap<>();
        dossier.put("numeroAllocataire", numero);
        dossier.put("caf", manche ? "501" : "791");
        dossier.put("dateMiseAJour", today.minusDays(random.nextInt(28)).toString());
        dossier.put("allocataires", allocataires);
        dossier.put("enfants", enfants);
        String civilite = couple ? "M OU MME " : "MME ";
        dossier.put("adresse", address(civilite + mere + " " + nom,
                (1 + random.nextInt(80)) + " " + pick(random, VOIES), pick(random, manche ? VILLES_50 : VILLES_79)));
        dossier.put("situationFamiliale", couple ? pick(random, COUPLE) : pick(random, SEUL));
        dossier.put("quotientsFamiliaux", history(today, qf, quotient, random.nextInt(40)));
        dossier.put("ressources", resources(today, BigDecimal.valueOf(quotient * parts * 12)
                .setScale(2, RoundingMode.HALF_UP)));
        dossier.put("prestations", benefits(random, childCount, today));
        dossier.put("rsa", rsaRight(random, rsa, today));
        return dossier;
    }

    private static List<Map<String, Object>> history(LocalDate today, Qf qf, int base, int yearlyRise) {
        List<Map<String, Object>> history = new ArrayList<>();
        YearMonth current = YearMonth.from(today);
        // the current month and the 24 before it: the whole range the API lets partners ask for
        for (int back = 0; back <= HISTORY_MONTHS; back++) {
            YearMonth month = current.minusMonths(back);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("annee", month.getYear());
            entry.put("mois", month.getMonthValue());
            entry.put("valeur", qf == Qf.CALCULE ? base - (current.getYear() - month.getYear()) * yearlyRise : null);
            entry.put("statut", qf.name());
            history.add(entry);
        }
        return history;
    }

    private static List<Map<String, Object>> benefits(SplittableRandom random, int children, LocalDate today) {
        List<Map<String, Object>> benefits = new ArrayList<>();
        if (children >= 2) {
            String amount = children == 2 ? "148.52" : children == 3 ? "338.81" : "529.10";
            benefits.add(benefit("AF", "Allocations familiales", amount,
                    today.minusMonths(6 + random.nextInt(100)).withDayOfMonth(1), null));
        }
        if (random.nextInt(100) < 35) {
            benefits.add(benefit("ALF", "Allocation de logement familiale",
                    BigDecimal.valueOf(80 + random.nextInt(250)).setScale(2, RoundingMode.HALF_UP).toPlainString(),
                    today.minusMonths(1 + random.nextInt(60)).withDayOfMonth(1), null));
        }
        return benefits;
    }

    private static Map<String, Object> rsaRight(SplittableRandom random, Rsa kind, LocalDate today) {
        return switch (kind) {
            case NEVER -> rsa(false, null, null, null, null);
            case OPEN -> rsa(true, today.minusMonths(8).withDayOfMonth(1), null, new BigDecimal("635.71"),
                    "SOCIALE");
            case ENDED_18_MONTHS -> rsa(false, today.minusMonths(40).withDayOfMonth(1), today.minusMonths(18),
                    null, "PROFESSIONNELLE");
            case ENDED_30_MONTHS -> rsa(false, today.minusMonths(52).withDayOfMonth(1), today.minusMonths(30),
                    null, "PROFESSIONNELLE");
            case GENERATED -> random.nextInt(100) < 8
                    ? rsa(true, today.minusMonths(1 + random.nextInt(36)).withDayOfMonth(1), null,
                    BigDecimal.valueOf(300 + random.nextInt(400)).setScale(2, RoundingMode.HALF_UP), "SOCIALE")
                    : rsa(false, null, null, null, null);
        };
    }

    private static Map<String, Object> rsa(boolean open, LocalDate debut, LocalDate fin, BigDecimal montant,
                                           String orientation) {
        Map<String, Object> rsa = new LinkedHashMap<>();
        rsa.put("beneficiaire", open);
        rsa.put("dateDebutDroit", debut == null ? null : debut.toString());
        rsa.put("dateFinDroit", fin == null ? null : fin.toString());
        rsa.put("montantMensuel", montant);
        rsa.put("orientation", orientation);
        return rsa;
    }

    private static Map<String, Object> person(String nir, String nomNaissance, String nomUsage, String prenoms,
                                              LocalDate birth, String sexe) {
        Map<String, Object> person = new LinkedHashMap<>();
        person.put("nir", nir);
        person.put("nomNaissance", nomNaissance);
        person.put("nomUsage", nomUsage);
        person.put("prenoms", prenoms);
        person.put("dateNaissance", birth.toString());
        person.put("sexe", sexe);
        return person;
    }

    private static Map<String, Object> child(String nom, String prenoms, LocalDate birth, String sexe) {
        Map<String, Object> child = new LinkedHashMap<>();
        child.put("nir", null);
        child.put("nomNaissance", nom);
        child.put("prenoms", prenoms);
        child.put("dateNaissance", birth.toString());
        child.put("sexe", sexe);
        child.put("aCharge", true);
        return child;
    }

    private static Map<String, Object> address(String destinataire, String voie, String ville) {
        Map<String, Object> address = new LinkedHashMap<>();
        address.put("destinataire", destinataire);
        address.put("complementInformation", null);
        address.put("numeroLibelleVoie", voie);
        address.put("lieuDit", null);
        address.put("codePostalVille", ville);
        address.put("pays", "FRANCE");
        return address;
    }

    private static Map<String, Object> resources(LocalDate today, BigDecimal amount) {
        Map<String, Object> resources = new LinkedHashMap<>();
        resources.put("annee", today.getYear() - 1);
        resources.put("montantAnnuel", amount);
        return resources;
    }

    private static Map<String, Object> benefit(String code, String libelle, String amount, LocalDate debut,
                                               LocalDate fin) {
        Map<String, Object> benefit = new LinkedHashMap<>();
        benefit.put("code", code);
        benefit.put("libelle", libelle);
        benefit.put("montantMensuel", new BigDecimal(amount));
        benefit.put("dateDebut", debut.toString());
        benefit.put("dateFin", fin == null ? null : fin.toString());
        return benefit;
    }

    /** A fictional 13-digit NIR: sex, year and month of birth, department 79, random commune and order. */
    private static String nir(SplittableRandom random, String sex, LocalDate birth) {
        return String.format("%s%02d%02d79%03d%03d", sex, birth.getYear() % 100, birth.getMonthValue(),
                1 + random.nextInt(400), 1 + random.nextInt(999));
    }

    private static String pick(SplittableRandom random, String[] values) {
        return values[random.nextInt(values.length)];
    }
}
