package fr.cdapgateway.console;

import org.springframework.stereotype.Component;

import fr.cdapgateway.config.CafDirectory;

/** The CAFs by name for the pages ({@code ${@cafs.name('791')}} → "CAF des Deux-Sèvres"). */
@Component("cafs")
class CafNames {

    private final CafDirectory directory;

    CafNames(CafDirectory directory) {
        this.directory = directory;
    }

    public String name(String code) {
        return directory.name(code);
    }
}
