package fr.cdapgateway.habilitation;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a profile's allow-list may contain (SPEC §6): leaf fields only, each reached through objects and arrays
 * the dossier is declared to have ({@code gateway.dossier.objets}). Naming a whole object would let through
 * whatever the backend adds inside it later, so it is refused at start-up with the reason.
 */
final class AllowListRules {

    private static final Pattern PATH = Pattern.compile("[A-Za-z]\\w*(\\[\\])?(\\.[A-Za-z]\\w*(\\[\\])?)*");

    private AllowListRules() {
    }

    /** The reasons the paths are refused, empty when every path names a leaf through declared objects. */
    static List<String> problems(String profile, List<String> paths, Set<String> objets) {
        List<String> problems = new ArrayList<>();
        for (String path : paths) {
            String where = "profile " + profile + ", field '" + path + "': ";
            if (path == null || !PATH.matcher(path).matches()) {
                problems.add(where + "not a field path (a, a.b or a[].b)");
                continue;
            }
            if (objets.contains(path) || objets.contains(path + "[]")
                    || (path.endsWith("[]") && objets.contains(path.substring(0, path.length() - 2)))) {
                problems.add(where + "names a whole object; list its leaf fields instead, so that what the "
                        + "backend adds inside it stays hidden");
                continue;
            }
            String[] segments = path.split("\\.");
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < segments.length - 1; i++) {
                prefix.append(i == 0 ? "" : ".").append(segments[i]);
                if (!objets.contains(prefix.toString())) {
                    problems.add(where + "'" + prefix + "' is not an object or array declared in gateway.dossier"
                            + ".objets (an array is written with [], an object without)");
                    break;
                }
            }
        }
        return problems;
    }
}
