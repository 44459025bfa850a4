package fr.cdapgateway.habilitation;

import java.util.List;
import java.util.Map;

/** A convention between a CAF and a partner: mode, declared purposes and quotas per service and profile. */
public record Convention(String numero, String caf, String partenaireNom, String partenaireSiret, String mode,
                         List<String> motifs, Map<String, Map<String, Integer>> quotas) {

    public boolean declaresMotifs() {
        return !motifs.isEmpty();
    }
}
