package fr.cdapgateway.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the gateway knows about one request as it goes through the routes: who, for which dossier, for which
 * period, under which habilitation, why, and how it ended. The one context every step reads and writes, typed:
 * a step gets what an earlier one established from here, never from another feature's exchange key. Kept as an
 * exchange property by the edge (never as a header, so a client cannot spoof it) and turned into the trace row at
 * the end.
 */
public final class GatewayRequest {

    private final String requestId;
    private final String action;
    private final long startNanos;
    private final String clientAddress;
    private final String userAgent;
    private final String path;
    private String rawUri;
    private long backendDeadline;
    private String login;
    private String convention;
    private String service;
    private String motif;
    private String objet;
    private String dossierCaf;
    private Account account;
    private Grant grant;
    private NumeroAllocataire numero;
    private Period period;
    private boolean identified;
    private int status = 200;
    private String code;
    private final List<String> flags = new ArrayList<>(2);
    private final Map<String, String> responseHeaders = new LinkedHashMap<>();

    public GatewayRequest(String requestId, String action, long startNanos, String clientAddress,
                          String userAgent, String path) {
        this.requestId = requestId;
        this.action = action;
        this.startNanos = startNanos;
        this.clientAddress = clientAddress;
        this.userAgent = userAgent;
        this.path = path;
    }

    /** The request line's URI exactly as the client sent it, %-escapes included (see {@link RequestUri}). */
    public String rawUri() {
        return rawUri;
    }

    public void rawUri(String uri) {
        this.rawUri = uri;
    }

    /** When the backend's whole answer must have arrived ({@link System#nanoTime()}). */
    public long backendDeadline() {
        return backendDeadline;
    }

    public void backendDeadline(long nanos) {
        this.backendDeadline = nanos;
    }

    /** A request made on behalf of this one (an item of a batch): same caller and request id, its own outcome. */
    public GatewayRequest derive(String itemAction) {
        GatewayRequest item = new GatewayRequest(requestId, itemAction, System.nanoTime(), clientAddress, userAgent,
                path);
        item.login = login;
        item.convention = convention;
        item.identified = identified;
        item.service = service;
        item.motif = motif;
        item.account = account;
        item.grant = grant;
        item.period = period;
        item.flags.addAll(flags);
        return item;
    }

    public String requestId() { return requestId; }
    public String action() { return action; }
    public long startNanos() { return startNanos; }
    public String clientAddress() { return clientAddress; }
    public String userAgent() { return userAgent; }
    public String path() { return path; }
    public String login() { return login; }
    public String convention() { return convention; }
    public String service() { return service; }
    /** The trace's profile: the granted one. */
    public String profil() { return grant == null ? null : grant.profile().code(); }
    /** The trace's dossier number: the one asked for. */
    public String numeroAllocataire() { return numero == null ? null : numero.value(); }
    public String motif() { return motif; }
    public String objet() { return objet; }
    /** The CAF holding the dossier the backend answered with (SPEC §14.11), whatever the profile shows. */
    public String dossierCaf() { return dossierCaf; }
    public int status() { return status; }
    public String code() { return code; }
    public List<String> flags() { return flags; }
    public Map<String, String> responseHeaders() { return responseHeaders; }

    /** The authenticated account (password verified), or null before authentication or on a public route. */
    public Account account() { return account; }
    /** The habilitation and profile the consultation runs under, once checked. */
    public Grant grant() { return grant; }
    /** The dossier asked for, once read and checked. */
    public NumeroAllocataire numero() { return numero; }
    /** The month asked for (quotient familial), once read and checked. */
    public Period period() { return period; }

    /** The convention as the caller may see it: only once their password is verified. */
    public String disclosedConvention() { return identified ? convention : null; }

    /** The password is verified: the caller may now be told about their own account. */
    public void identified() { this.identified = true; }

    public void account(Account value) { this.account = value; }
    public void period(Period value) { this.period = value; }

    /** The granted access; the trace's profile follows it. */
    public void grant(Grant value) {
        this.grant = value;
    }

    /** The dossier asked for; the trace's dossier number follows it. */
    public void numero(NumeroAllocataire value) {
        this.numero = value;
    }

    public void login(String value) { this.login = value; }
    public void convention(String value) { this.convention = value; }
    public void service(String value) { this.service = value; }
    public void motif(String value) { this.motif = value; }
    public void dossierCaf(String value) { this.dossierCaf = value; }
    public void objet(String value) { this.objet = value == null || value.length() <= 500 ? value : value.substring(0, 500); }

    public void outcome(int newStatus, String newCode) {
        this.status = newStatus;
        this.code = newCode;
    }

    public void flag(String flag) {
        if (!flags.contains(flag)) {
            flags.add(flag);
        }
    }
}
