package fr.cdapgateway.habilitation;

import java.util.List;
import java.util.Set;

/** Lets tests of other packages ask the (package-private) allow-list rules about a profile of the config. */
public final class AllowListRulesProbe {

    private AllowListRulesProbe() {
    }

    public static List<String> problems(String profile, List<String> paths, List<String> objets) {
        return AllowListRules.problems(profile, paths, Set.copyOf(objets));
    }
}
