package fr.cdapgateway.admin;

import java.util.List;

/** A group of a convention and the logins of its members. */
public record GroupView(long id, String convention, String nom, List<String> membres) {
}
